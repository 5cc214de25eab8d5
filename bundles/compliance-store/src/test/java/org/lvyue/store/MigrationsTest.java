package org.lvyue.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.store.StoreException;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class MigrationsTest extends DatabaseTest {
    @Test
    void the_bundled_migrations_are_applied_once_and_recorded() throws SQLException {
        try (JdbcStore store = new JdbcStore(url())) {
            assertEquals(0, store.factCount(TestData.CONTRACT));
        }
        List<String> first = versions();
        try (JdbcStore store = new JdbcStore(url())) {
            assertEquals(0, store.factCount(TestData.CONTRACT));
        }
        assertEquals(first, versions(), "reopening applies nothing again");
        assertEquals(26, first.size());
        assertTrue(first.get(0).startsWith("1|initial schema|"), first.get(0));
        assertTrue(first.get(1).startsWith("2|finding changed at|"), first.get(1));
        assertTrue(first.get(2).startsWith("3|waivers|"), first.get(2));
        assertTrue(first.get(3).startsWith("4|finding occurrences|"), first.get(3));
        assertTrue(first.get(4).startsWith("5|drop fact contract seq|"), first.get(4));
        assertTrue(first.get(5).startsWith("6|attributes varchar|"), first.get(5));
        assertTrue(first.get(6).startsWith("7|audit event|"), first.get(6));
        assertTrue(first.get(7).startsWith("8|activity|"), first.get(7));
        assertTrue(first.get(8).startsWith("9|evidence chain|"), first.get(8));
        assertTrue(first.get(9).startsWith("10|finding deadline|"), first.get(9));
        assertTrue(first.get(10).startsWith("11|parties|"), first.get(10));
        assertTrue(first.get(11).startsWith("12|sub microsecond times|"), first.get(11));
        assertTrue(first.get(12).startsWith("13|notify outbox|"), first.get(12));
        assertTrue(first.get(13).startsWith("14|audit event action|"), first.get(13));
        assertTrue(first.get(14).startsWith("15|notify timer|"), first.get(14));
        assertTrue(first.get(15).startsWith("16|notify outbox sent|"), first.get(15));
        assertTrue(first.get(16).startsWith("17|contract lease|"), first.get(16));
        assertTrue(first.get(17).startsWith("18|activity chain|"), first.get(17));
        assertTrue(first.get(18).startsWith("19|restart stamp|"), first.get(18));
        assertTrue(first.get(19).startsWith("20|identity cache|"), first.get(19));
        assertTrue(first.get(20).startsWith("21|cluster node|"), first.get(20));
        assertTrue(first.get(21).startsWith("22|access seal|"), first.get(21));
        assertTrue(first.get(22).startsWith("23|shared file|"), first.get(22));
        assertTrue(first.get(23).startsWith("24|console session|"), first.get(23));
        assertTrue(first.get(24).startsWith("25|account lock|"), first.get(24));
        assertTrue(first.get(25).startsWith("26|login certificate|"), first.get(25));
        assertEquals(64, first.get(0).split("\\|")[2].length(), "a SHA-256 checksum");
    }

    @Test
    void scripts_are_applied_in_version_order_not_index_order() throws SQLException {
        Migrations migrations = new Migrations(getClass().getClassLoader(), "test-migrations", dialect());
        try (Connection c = jdbc()) {
            assertEquals(3, migrations.migrate(c));
            assertEquals(0, migrations.migrate(c), "nothing is pending any more");
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT step FROM steps ORDER BY seq")) {
                List<String> steps = new ArrayList<>();
                while (rs.next()) {
                    steps.add(rs.getString(1));
                }
                assertEquals(List.of("V1", "V2", "V10"), steps);
            }
        }
        assertEquals(List.of(1, 2, 10), versions().stream().map(v -> Integer.parseInt(v.split("\\|")[0])).toList());
    }

    @Test
    void a_changed_script_stops_the_store_with_a_clear_message() throws SQLException {
        new JdbcStore(url()).close();
        try (Connection c = jdbc(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE schema_version SET checksum = 'edited' WHERE version = 1");
        }
        StoreException e = assertThrows(StoreException.class, () -> new JdbcStore(url()));
        assertTrue(e.getMessage().contains("migration V1__initial_schema.sql was changed after it was applied"),
                e.getMessage());
    }

    @Test
    void a_schema_from_a_newer_store_is_refused() throws SQLException {
        new JdbcStore(url()).close();
        try (Connection c = jdbc(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO schema_version VALUES (99, 'future', 'x', CURRENT_TIMESTAMP)");
        }
        StoreException e = assertThrows(StoreException.class, () -> new JdbcStore(url()));
        assertTrue(e.getMessage().contains("schema version 99"), e.getMessage());
    }

    @Test
    void a_failing_script_is_rolled_back_and_not_recorded() throws SQLException {
        Migrations migrations = new Migrations(getClass().getClassLoader(), "broken-migrations", dialect());
        try (Connection c = jdbc()) {
            StoreException e = assertThrows(StoreException.class, () -> migrations.migrate(c));
            assertTrue(e.getMessage().startsWith("schema migration V2__broken.sql failed"), e.getMessage());
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM items WHERE name = 'half'")) {
                rs.next();
                assertEquals(0, rs.getInt(1), "the insert before the failing statement is rolled back");
            }
        }
        assertEquals(1, versions().size(), "only V1 is recorded");
    }

    private List<String> versions() throws SQLException {
        try (Connection c = jdbc(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version, description, checksum, applied_at FROM schema_version ORDER BY version")) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getInt(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4));
            }
            return rows;
        }
    }

    @Test
    void every_migration_script_of_every_dialect_is_listed_in_its_index() throws java.io.IOException {
        List<Path> dialects;
        try (var folders = java.nio.file.Files.list(Path.of("src/main/resources", Migrations.SCRIPTS))) {
            dialects = folders.filter(java.nio.file.Files::isDirectory).toList();
        }
        assertEquals(List.of("h2", "postgresql"), dialects.stream().map(p -> p.getFileName().toString()).sorted().toList(),
                "a folder of scripts per dialect, nothing beside them");
        for (Path source : dialects) {
            List<String> scripts;
            try (var files = java.nio.file.Files.list(source)) {
                scripts = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql")).sorted().toList();
            }
            List<String> listed = java.nio.file.Files.readAllLines(source.resolve("index.txt")).stream()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).sorted().toList();
            assertEquals(scripts, listed, "a script missing from " + source + "/index.txt is never applied inside the bundle");
        }
    }
}
