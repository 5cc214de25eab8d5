package org.lvyue.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.lvyue.testing.PostgresServer;

/**
 * A test that runs once on H2 and once on PostgreSQL, each test with an empty database of its own:
 * an H2 file in a fresh folder, or a fresh database on the server {@link PostgresServer} finds or
 * starts (a test on PostgreSQL fails when there is none, with the command that starts one).
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
abstract class DatabaseTest {
    @Parameter
    TestDatabase database;
    @TempDir
    Path dir;
    private PostgresServer.Database postgres;

    @BeforeEach
    void createDatabase() {
        if (database == TestDatabase.POSTGRESQL) {
            postgres = PostgresServer.shared().freshDatabase(getClass().getSimpleName());
        }
    }

    @AfterEach
    void dropDatabase() {
        if (postgres != null) {
            PostgresServer.shared().drop(postgres);
        }
    }

    /** The test's database, as the component's configuration would name it (credentials in the URL on PostgreSQL). */
    String url() {
        return database == TestDatabase.H2 ? TestData.url(dir) : postgres.url();
    }

    Dialect dialect() {
        return Dialect.of(url());
    }

    /** A plain connection beside the store, to look at or tamper with the tables. */
    Connection jdbc() throws SQLException {
        return database == TestDatabase.H2 ? TestData.jdbc(dir) : DriverManager.getConnection(postgres.url());
    }

    /**
     * A connection to the test's database with the store's schema, outside auto-commit: for the
     * table classes on their own. The caller closes it.
     */
    Connection schema() throws SQLException {
        Connection c = jdbc();
        new Migrations(dialect()).migrate(c);
        c.setAutoCommit(false);
        return c;
    }
}
