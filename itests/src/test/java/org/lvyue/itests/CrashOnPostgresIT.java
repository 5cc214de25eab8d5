package org.lvyue.itests;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

import org.junit.After;
import org.lvyue.testing.PostgresServer;

/**
 * {@link CrashIT} with the distribution's store on PostgreSQL (etc/org.lvyue.store.cfg naming a fresh
 * database on the server {@link PostgresServer} finds or starts): what the product acknowledged
 * survives a {@code kill -9} of Karaf, and a fact changed in the database while the product is down
 * is found by the chain.
 */
public class CrashOnPostgresIT extends CrashIT {
    private PostgresServer.Database database;

    @Override
    String folder() {
        return "crash-karaf-postgresql";
    }

    @Override
    Map<String, String> store() {
        database = PostgresServer.shared().freshDatabase("crash_it");
        return Distribution.postgresStore(database);
    }

    @Override
    Connection database(Path home) throws SQLException {
        return DriverManager.getConnection(database.url());
    }

    @After
    public void dropDatabase() {
        if (database != null) {
            PostgresServer.shared().drop(database);
        }
    }
}
