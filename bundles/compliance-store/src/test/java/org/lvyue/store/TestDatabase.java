package org.lvyue.store;

/** The databases every store test runs on. */
enum TestDatabase {
    /** An H2 file in the test's own folder, as the distribution opens it by default. */
    H2,
    /** A fresh database on a real PostgreSQL server ({@link org.lvyue.testing.PostgresServer}). */
    POSTGRESQL
}
