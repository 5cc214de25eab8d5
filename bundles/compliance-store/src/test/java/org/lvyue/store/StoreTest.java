package org.lvyue.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A store on an empty database of its own for every test (H2 and PostgreSQL), closed afterwards. */
abstract class StoreTest extends DatabaseTest {
    JdbcStore store;

    @BeforeEach
    void openStore() {
        store = newStore();
    }

    /** How a test opens its store; override for another clock or settings. */
    JdbcStore newStore() {
        return new JdbcStore(url());
    }

    @AfterEach
    void closeStore() {
        store.close();
    }
}
