package org.lvyue.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lvyue.testing.PostgresServer;

/**
 * Each dialect has its own migration scripts; applied, both must give the same schema: the same
 * tables and columns with the same types (as far as both have them), nullability and identity, the
 * same primary keys, unique column sets, named indexes and foreign keys. A migration added to one
 * dialect only, or a column typed differently, fails here.
 *
 * <p>Normalised: H2's CLOB is PostgreSQL's TEXT, VARBINARY is BYTEA, an unbounded VARCHAR has no
 * length, and timestamps compare at most at microseconds (H2's TIMESTAMP(9) is PostgreSQL's
 * TIMESTAMP(6), the most it keeps; the store writes microseconds to both, see {@link Timestamps}).
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SchemaParityTest {
    @TempDir
    Path dir;
    private PostgresServer.Database postgres;

    @AfterEach
    void drop() {
        if (postgres != null) {
            PostgresServer.shared().drop(postgres);
        }
    }

    @Test
    void the_h2_and_postgresql_migrations_make_the_same_schema() throws SQLException {
        postgres = PostgresServer.shared().freshDatabase("schema_parity");
        Map<String, Object> h2;
        Map<String, Object> pg;
        try (Connection c = TestData.jdbc(dir)) {
            new Migrations(new H2Dialect()).migrate(c);
            h2 = schema(c, "PUBLIC");
        }
        try (Connection c = DriverManager.getConnection(postgres.url())) {
            new Migrations(new PostgresDialect()).migrate(c);
            pg = schema(c, "public");
        }
        for (String part : h2.keySet()) {
            assertEquals(h2.get(part).toString().replace(", ", ",\n"), pg.get(part).toString().replace(", ", ",\n"),
                    part + ": H2 (expected) and PostgreSQL (actual) differ");
        }
        assertEquals(27, ((Map<?, ?>) h2.get("columns")).keySet().stream().map(k -> k.toString().split("\\.")[0])
                .distinct().count(), "schema_version and the store's twenty-six tables");
    }

    @Test
    void both_dialects_list_the_same_migration_versions_and_names() {
        assertEquals(new Migrations(new H2Dialect()).index(), new Migrations(new PostgresDialect()).index());
    }

    private static Map<String, Object> schema(Connection c, String schema) throws SQLException {
        Map<String, Object> parts = new TreeMap<>();
        Map<String, String> columns = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT table_name, column_name, data_type,"
                + " character_maximum_length, numeric_precision, numeric_scale, datetime_precision, is_nullable, is_identity"
                + " FROM information_schema.columns WHERE table_schema = '" + schema + "'")) {
            while (rs.next()) {
                Number length = (Number) rs.getObject(4);
                String type = type(rs.getString(3), length == null ? null : length.longValue(), rs.getInt(5), rs.getInt(6),
                        rs.getInt(7));
                columns.put(lower(rs.getString(1)) + "." + lower(rs.getString(2)), type
                        + ("NO".equals(rs.getString(8)) ? " NOT NULL" : "") + ("YES".equals(rs.getString(9)) ? " IDENTITY" : ""));
            }
        }
        parts.put("columns", columns);
        DatabaseMetaData meta = c.getMetaData();
        TreeSet<String> tables = new TreeSet<>();
        columns.keySet().forEach(k -> tables.add(k.split("\\.")[0]));
        TreeSet<String> primaryKeys = new TreeSet<>();
        TreeSet<String> unique = new TreeSet<>();
        TreeMap<String, String> named = new TreeMap<>();
        TreeSet<String> foreign = new TreeSet<>();
        for (String t : tables) {
            String table = schema.equals("PUBLIC") ? t.toUpperCase(Locale.ROOT) : t;
            TreeMap<Integer, String> pk = new TreeMap<>();
            try (ResultSet rs = meta.getPrimaryKeys(null, schema, table)) {
                while (rs.next()) {
                    pk.put(rs.getInt("KEY_SEQ"), lower(rs.getString("COLUMN_NAME")));
                }
            }
            primaryKeys.add(t + pk.values());
            Map<String, List<String>> indexColumns = new TreeMap<>();
            Map<String, Boolean> indexUnique = new TreeMap<>();
            try (ResultSet rs = meta.getIndexInfo(null, schema, table, false, false)) {
                while (rs.next()) {
                    String name = rs.getString("INDEX_NAME");
                    if (name == null) {
                        continue;
                    }
                    indexColumns.computeIfAbsent(lower(name), n -> new ArrayList<>()).add(lower(rs.getString("COLUMN_NAME")));
                    indexUnique.put(lower(name), !rs.getBoolean("NON_UNIQUE"));
                }
            }
            for (Map.Entry<String, List<String>> e : indexColumns.entrySet()) {
                if (indexUnique.get(e.getKey())) {
                    unique.add(t + e.getValue());
                } else if (e.getKey().startsWith(t + "_")) { // the indexes the migrations name; not H2's own for foreign keys
                    named.put(e.getKey(), t + e.getValue());
                }
            }
            try (ResultSet rs = meta.getImportedKeys(null, schema, table)) {
                while (rs.next()) {
                    foreign.add(t + "." + lower(rs.getString("FKCOLUMN_NAME")) + " -> " + lower(rs.getString("PKTABLE_NAME"))
                            + "." + lower(rs.getString("PKCOLUMN_NAME")));
                }
            }
        }
        parts.put("primary keys", primaryKeys);
        parts.put("unique column sets", unique);
        parts.put("named indexes", named);
        parts.put("foreign keys", foreign);
        return parts;
    }

    private static String type(String dataType, Long length, int precision, int scale, int timePrecision) {
        String t = lower(dataType);
        t = switch (t) {
            case "character large object" -> "text";
            case "binary varying" -> "bytea";
            case "timestamp" -> "timestamp without time zone";
            default -> t;
        };
        return switch (t) {
            case "character varying", "character" -> t + (length == null || length >= 1_000_000_000L ? "" : "(" + length + ")");
            case "numeric" -> t + "(" + precision + "," + scale + ")";
            case "timestamp with time zone", "timestamp without time zone" -> t + "(" + Math.min(timePrecision, 6) + ")";
            default -> t;
        };
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
