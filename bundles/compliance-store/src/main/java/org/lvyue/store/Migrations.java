package org.lvyue.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.lvyue.api.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small versioned-migration runner. The scripts {@code V<n>__<description>.sql} are listed in
 * {@code <dir>/index.txt} (a class loader cannot list a directory inside an OSGi bundle), applied in
 * version order, each in its own transaction, and recorded in {@code schema_version} with their
 * SHA-256. A recorded script whose checksum changed, or a recorded version this bundle does not know,
 * stops the store. Statements in a script end with {@code ;} at the end of a line.
 *
 * <p>Each database has its own scripts, {@code db/migration/<dialect>/}: the versions and names
 * recorded are the same for every database, the SQL is its own.
 */
final class Migrations {
    /** The folder of each dialect's folder of scripts, in this bundle. */
    static final String SCRIPTS = "db/migration/";

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
    private static final Pattern NAME = Pattern.compile("V(\\d+)__([A-Za-z0-9_]+)\\.sql");
    private static final Pattern END_OF_STATEMENT = Pattern.compile(";[ \\t]*(\\r?\\n|$)");

    private final ClassLoader loader;
    private final String dir;
    private final Dialect dialect;

    /** The scripts of {@code dialect} in this bundle. */
    Migrations(Dialect dialect) {
        this(Migrations.class.getClassLoader(), SCRIPTS + dialect.name(), dialect);
    }

    Migrations(ClassLoader loader, String dir, Dialect dialect) {
        this.loader = loader;
        this.dir = dir.endsWith("/") ? dir : dir + "/";
        this.dialect = dialect;
    }

    /** Applies the pending scripts; returns how many it applied. */
    int migrate(Connection c) throws SQLException {
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            s.execute(dialect.createMigrationHistory());
        }
        Map<Integer, String> applied = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT version, checksum FROM schema_version")) {
            while (rs.next()) {
                applied.put(rs.getInt(1), rs.getString(2));
            }
        }
        TreeMap<Integer, String> scripts = index();
        for (int v : applied.keySet()) {
            if (!scripts.containsKey(v)) {
                throw new StoreException("the database has schema version " + v + ", which this bundle does not know (its"
                        + " scripts: " + scripts.values() + "); it was written by another version of the store", null);
            }
        }
        int count = 0;
        for (Map.Entry<Integer, String> e : scripts.entrySet()) {
            String name = e.getValue();
            byte[] script = read(name);
            String checksum = HexFormat.of().formatHex(sha256(script));
            String recorded = applied.get(e.getKey());
            if (recorded != null && !recorded.equals(checksum)) {
                throw new StoreException("migration " + name + " was changed after it was applied (checksum recorded "
                        + recorded + ", script now " + checksum + "): restore the released script and put the change"
                        + " in a new migration", null);
            }
            if (recorded == null) {
                apply(c, e.getKey(), name, new String(script, StandardCharsets.UTF_8), checksum);
                count++;
            }
        }
        return count;
    }

    private void apply(Connection c, int version, String name, String sql, String checksum) throws SQLException {
        Matcher m = NAME.matcher(name);
        String description = m.matches() ? m.group(2).replace('_', ' ') : name;
        c.setAutoCommit(false);
        try (Statement s = c.createStatement();
             PreparedStatement record = c.prepareStatement("INSERT INTO schema_version VALUES (?, ?, ?, ?)")) {
            for (String statement : END_OF_STATEMENT.split(sql.replaceAll("(?m)^\\s*--.*$", ""))) {
                if (!statement.isBlank()) {
                    s.execute(statement);
                }
            }
            record.setInt(1, version);
            record.setString(2, description);
            record.setString(3, checksum);
            record.setObject(4, OffsetDateTime.now(ZoneOffset.UTC));
            record.executeUpdate();
            c.commit();
            LOG.info("applied schema migration {}", name);
        } catch (SQLException | RuntimeException ex) {
            c.rollback();
            throw new StoreException("schema migration " + name + " failed: " + ex.getMessage(), ex);
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** version → script name, from the index. */
    TreeMap<Integer, String> index() {
        TreeMap<Integer, String> scripts = new TreeMap<>();
        for (String line : new String(read("index.txt"), StandardCharsets.UTF_8).split("\\R")) {
            String name = line.strip();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            Matcher m = NAME.matcher(name);
            if (!m.matches()) {
                throw new StoreException("bad migration name in " + dir + "index.txt: " + name
                        + " (expected V<version>__<description>.sql)", null);
            }
            String other = scripts.put(Integer.parseInt(m.group(1)), name);
            if (other != null) {
                throw new StoreException("two migrations with version " + m.group(1) + ": " + other + ", " + name, null);
            }
        }
        return scripts;
    }

    private byte[] read(String name) {
        try (InputStream in = loader.getResourceAsStream(dir + name)) {
            if (in == null) {
                throw new StoreException("migration resource " + dir + name + " is missing from the bundle", null);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir + name, e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
