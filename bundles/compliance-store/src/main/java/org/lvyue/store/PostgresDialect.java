package org.lvyue.store;

import java.nio.file.Path;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.stream.Collectors;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * PostgreSQL 12 or later (and the databases that speak its protocol), the production store. The
 * driver's data source is used directly, not through {@code DriverManager}, so no OSGi driver
 * registration is needed; HikariCP pools its connections.
 */
final class PostgresDialect implements Dialect {
    static final String PREFIX = "jdbc:postgresql:";
    private static final String UNIQUE_VIOLATION = "23505";

    @Override
    public String name() {
        return "postgresql";
    }

    /**
     * {@inheritDoc}
     *
     * <p>PostgreSQL's default {@code synchronous_commit = on} already makes a commit durable. The
     * driver is asked to send a batch of inserts as multi-row inserts ({@code reWriteBatchedInserts}),
     * which cuts the round trips of a batch of 1,000 facts to a handful; an explicit setting in the
     * URL is kept.
     */
    @Override
    public String url(String url) {
        if (url.contains("reWriteBatchedInserts=")) {
            return url;
        }
        return url + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
    }

    /** How long a transaction may wait for its client before the server ends it. */
    static final int IDLE_IN_TRANSACTION_SECONDS = 5;

    @Override
    public Pool pool(String url, String user, String password, int maxConnections) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setURL(url);
        if (!url.contains("user=")) { // credentials in the URL win over the configuration's user (default sa)
            source.setUser(user);
        }
        if (!url.contains("password=")) {
            source.setPassword(password == null ? "" : password);
        }
        HikariConfig config = new HikariConfig();
        config.setDataSource(source);
        config.setPoolName("lvyue-store");
        config.setMaximumPoolSize(maxConnections);
        config.setMinimumIdle(1);
        // the store opens lazily and reports its own failure; the pool must not fail in its constructor
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(30_000);
        // a node paused or cut off inside a transaction would keep its row locks (a contract's lease row among them)
        // for as long as it is gone: the server ends such a transaction, so that another node can take the contract
        // over and what the paused node meant to write is rolled back
        config.setConnectionInitSql("SET idle_in_transaction_session_timeout = '" + IDLE_IN_TRANSACTION_SECONDS + "s'");
        HikariDataSource pool = new HikariDataSource(config);
        return Pool.of(pool, pool::close);
    }

    @Override
    public String createMigrationHistory() {
        return "CREATE TABLE IF NOT EXISTS schema_version (version INT PRIMARY KEY, description VARCHAR NOT NULL,"
                + " checksum VARCHAR(64) NOT NULL, applied_at TIMESTAMP(6) WITH TIME ZONE NOT NULL)";
    }

    @Override
    public String upsert(String table, Columns columns, Columns keys) {
        String updates = columns.names().stream().filter(n -> !keys.names().contains(n))
                .map(n -> n + " = EXCLUDED." + n).collect(Collectors.joining(", "));
        return "INSERT INTO " + table + " (" + columns.list() + ") VALUES (" + columns.parameters() + ") ON CONFLICT ("
                + keys.list() + ")" + (updates.isEmpty() ? " DO NOTHING" : " DO UPDATE SET " + updates);
    }

    @Override
    public String insertUnlessPresent(String table, Columns columns, String key) {
        // the check skips the common case; ON CONFLICT the row another node's transaction committed meanwhile
        return "INSERT INTO " + table + " (" + columns.list() + ") SELECT " + columns.parameters() + " WHERE NOT EXISTS"
                + " (SELECT 1 FROM " + table + " WHERE " + key + " = ?) ON CONFLICT (" + key + ") DO NOTHING";
    }

    @Override
    public String restartIdentity(String table, String column, long next) {
        return "SELECT setval(pg_get_serial_sequence('" + table + "', '" + column + "'), " + next + ", false)";
    }

    @Override
    public String page() {
        return " OFFSET ? LIMIT ?";
    }

    @Override
    public int bindPage(PreparedStatement ps, int index, long offset, long limit) throws SQLException {
        ps.setLong(index, offset);
        ps.setLong(index + 1, limit);
        return index + 2;
    }

    @Override
    public String limit() {
        return " LIMIT ?";
    }

    /** {@inheritDoc} {@code unnest} of one text array parameter. */
    @Override
    public String texts(String alias, String column) {
        return "unnest(CAST(? AS VARCHAR[])) AS " + alias + " (" + column + ")";
    }

    @Override
    public void bindTexts(PreparedStatement ps, int index, String[] values) throws SQLException {
        ps.setArray(index, ps.getConnection().createArrayOf("varchar", values));
    }

    /** {@inheritDoc} The driver appends {@code RETURNING} the key column. */
    @Override
    public PreparedStatement insertReturningKey(Connection c, String sql, String keyColumn) throws SQLException {
        return c.prepareStatement(sql, new String[] {keyColumn});
    }

    /** {@inheritDoc} The driver chains a failed batch's cause as the next exception. */
    @Override
    public boolean uniqueViolation(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            if (UNIQUE_VIOLATION.equals(x.getSQLState())) {
                return true;
            }
            if (!(x instanceof BatchUpdateException) && x != e) {
                break;
            }
        }
        return false;
    }

    /**
     * {@inheritDoc} PostgreSQL keeps microseconds; the store hands it values already rounded the way
     * H2 rounds them (half up), so that both databases give back, and chain, the same value.
     */
    @Override
    public LocalDateTime storedTimestamp(LocalDateTime value) {
        return Timestamps.micros(value);
    }

    /**
     * {@inheritDoc} A read-only REPEATABLE READ transaction, which PostgreSQL takes from one snapshot
     * and which never blocks writers.
     */
    @Override
    public <T> T inSnapshot(Connection c, Database.Work<T> work) throws SQLException {
        int isolation = c.getTransactionIsolation();
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        c.setReadOnly(true);
        try {
            return work.run(c);
        } finally {
            c.rollback();
            c.setReadOnly(false);
            c.setTransactionIsolation(isolation);
            c.setAutoCommit(true);
        }
    }

    /**
     * {@inheritDoc} In one read-only snapshot ({@link #inSnapshot}): the driver fetches a result in parts of the
     * statement's fetch size only outside auto-commit, and otherwise holds all of it in memory before the first row.
     */
    @Override
    public void limitLockWait(Connection c, java.time.Duration wait) throws SQLException {
        try (java.sql.Statement s = c.createStatement()) {
            s.execute("SET LOCAL lock_timeout = '" + wait.toMillis() + "ms'");
        }
    }

    /** The session-level advisory lock the stores opening one database take in turn ("Lvyue" in ASCII). */
    private static final long OPENING_LOCK = 0x4c7679756eL;

    @Override
    public <T> T exclusively(Connection c, Database.Work<T> work) throws SQLException {
        try (java.sql.Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_lock(" + OPENING_LOCK + ")");
        }
        try {
            return work.run(c);
        } finally {
            c.setAutoCommit(true);
            try (java.sql.Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_unlock(" + OPENING_LOCK + ")");
            }
        }
    }

    @Override
    public <T> T streamed(Connection c, Database.Work<T> work) throws SQLException {
        return inSnapshot(c, work);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Refused: a PostgreSQL store is backed up with the server's own tools, which also restore it.
     */
    @Override
    public void backup(Connection c, Path target) {
        throw new UnsupportedOperationException("PostgreSQL 存储不由本产品备份，请用 pg_dump 备份（例如 pg_dump -Fc -f lvyue.dump"
                + " <数据库名>），用 pg_restore 恢复 (a PostgreSQL store is not backed up by the product: use pg_dump,"
                + " e.g. pg_dump -Fc -f lvyue.dump <database>, and pg_restore to restore)");
    }
}
