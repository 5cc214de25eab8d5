package org.lvyue.store;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A store on a real H2 file in a fresh folder for every test, closed afterwards. */
abstract class StoreTest {
    @TempDir
    Path dir;
    JdbcStore store;

    @BeforeEach
    void openStore() {
        store = newStore();
    }

    /** How a test opens its store; override for another clock or settings. */
    JdbcStore newStore() {
        return new JdbcStore(TestData.url(dir));
    }

    @AfterEach
    void closeStore() {
        store.close();
    }
}
