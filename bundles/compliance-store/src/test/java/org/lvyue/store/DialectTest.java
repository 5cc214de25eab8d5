package org.lvyue.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** What each {@link Dialect} says about its database, checked against the database itself (an H2 file, a PostgreSQL server). */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DialectTest extends DatabaseTest {
    @Test
    void the_url_of_h2_always_gets_write_delay_zero_and_of_postgresql_batched_inserts() {
        H2Dialect h2 = new H2Dialect();
        assertEquals("jdbc:h2:file:/x/db;WRITE_DELAY=0", h2.url("jdbc:h2:file:/x/db"));
        assertEquals("jdbc:h2:file:/x/db;MODE=Regular;WRITE_DELAY=0", h2.url("jdbc:h2:file:/x/db;write_delay=500;MODE=Regular"));
        PostgresDialect pg = new PostgresDialect();
        assertEquals("jdbc:postgresql://db/lvyue?reWriteBatchedInserts=true", pg.url("jdbc:postgresql://db/lvyue"));
        assertEquals("jdbc:postgresql://db/lvyue?ssl=true&reWriteBatchedInserts=true", pg.url("jdbc:postgresql://db/lvyue?ssl=true"));
        assertEquals("jdbc:postgresql://db/lvyue?reWriteBatchedInserts=false", pg.url("jdbc:postgresql://db/lvyue?reWriteBatchedInserts=false"));
        assertEquals(database == TestDatabase.H2 ? "h2" : "postgresql", dialect().name());
    }

    @Test
    void a_timestamp_reads_back_as_the_dialect_says_it_is_stored() throws SQLException {
        List<LocalDateTime> values = List.of(LocalDateTime.of(2022, 3, 1, 9, 0, 1, 123_456_789),
                LocalDateTime.of(2022, 3, 1, 9, 0, 1, 123_456_500), LocalDateTime.of(2022, 3, 1, 9, 0, 1, 123_456_499),
                LocalDateTime.of(2022, 3, 1, 23, 59, 59, 999_999_900), LocalDateTime.of(2022, 3, 1, 9, 0, 1, 123_456_000));
        try (Connection c = jdbc(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (n INT PRIMARY KEY, at TIMESTAMP)");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
                for (int i = 0; i < values.size(); i++) {
                    ps.setInt(1, i);
                    ps.setTimestamp(2, Timestamp.valueOf(values.get(i)));
                    ps.executeUpdate();
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT at FROM t ORDER BY n")) {
                for (LocalDateTime v : values) {
                    rs.next();
                    assertEquals(rs.getTimestamp(1).toLocalDateTime(), dialect().storedTimestamp(v), v::toString);
                }
            }
        }
    }

    @Test
    void a_duplicate_key_is_recognised_alone_and_inside_a_batch() throws SQLException {
        try (Connection c = jdbc(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE k (id VARCHAR PRIMARY KEY)");
            s.execute("INSERT INTO k VALUES ('a')");
            SQLException alone = assertThrows(SQLException.class, () -> s.execute("INSERT INTO k VALUES ('a')"));
            assertTrue(dialect().uniqueViolation(alone), alone::toString);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO k VALUES (?)")) {
                for (String id : List.of("b", "a", "c")) {
                    ps.setString(1, id);
                    ps.addBatch();
                }
                SQLException batch = assertThrows(SQLException.class, ps::executeBatch);
                assertTrue(dialect().uniqueViolation(batch), batch::toString);
            }
            SQLException other = assertThrows(SQLException.class, () -> s.execute("INSERT INTO nowhere VALUES (1)"));
            assertTrue(!dialect().uniqueViolation(other), other::toString);
        }
    }
}
