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

    /** Stores opened besides {@link #store}, closed with it. */
    private final java.util.List<JdbcStore> others = new java.util.ArrayList<>();

    /** Another node's store on the same database, closed after the test. */
    JdbcStore anotherNode() {
        JdbcStore other = new JdbcStore(url());
        others.add(other);
        return other;
    }

    @AfterEach
    void closeStore() {
        others.forEach(JdbcStore::close);
        store.close();
    }
}
