package org.lvyue.store;

import java.nio.file.Path;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.regex.Pattern;

import org.h2.jdbcx.JdbcConnectionPool;

/** H2 2.x in embedded file mode, the store's database. */
final class H2Dialect implements Dialect {
    private static final Pattern WRITE_DELAY = Pattern.compile(";\\s*WRITE_DELAY\\s*=[^;]*", Pattern.CASE_INSENSITIVE);
    private static final String UNIQUE_VIOLATION = "23505";

    @Override
    public String name() {
        return "h2";
    }

    /**
     * {@inheritDoc}
     *
     * <p>Any {@code WRITE_DELAY} setting is replaced by {@code WRITE_DELAY=0}: H2 then writes a
     * committed transaction to the file before the commit returns, so a fact the API acknowledged
     * survives a {@code kill -9}.
     */
    @Override
    public String url(String url) {
        return WRITE_DELAY.matcher(url).replaceAll("") + ";WRITE_DELAY=0";
    }

    @Override
    public Pool pool(String url, String user, String password, int maxConnections) {
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, user, password == null ? "" : password);
        pool.setMaxConnections(maxConnections);
        return Pool.of(pool, pool::dispose);
    }

    @Override
    public String createMigrationHistory() {
        return "CREATE TABLE IF NOT EXISTS schema_version (version INT PRIMARY KEY, description VARCHAR NOT NULL,"
                + " checksum VARCHAR(64) NOT NULL, applied_at TIMESTAMP(9) WITH TIME ZONE NOT NULL)";
    }

    @Override
    public String upsert(String table, Columns columns, Columns keys) {
        return "MERGE INTO " + table + " (" + columns.list() + ") KEY (" + keys.list() + ") VALUES (" + columns.parameters() + ")";
    }

    @Override
    public String insertUnlessPresent(String table, Columns columns, String key) {
        // an embedded H2 has one process, whose writers of a contract hold its lock: the check is enough
        return "INSERT INTO " + table + " (" + columns.list() + ") SELECT " + columns.parameters() + " WHERE NOT EXISTS"
                + " (SELECT 1 FROM " + table + " WHERE " + key + " = ?)";
    }

    @Override
    public String restartIdentity(String table, String column, long next) {
        return "ALTER TABLE " + table + " ALTER COLUMN " + column + " RESTART WITH " + next;
    }

    @Override
    public String page() {
        return " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";
    }

    @Override
    public int bindPage(PreparedStatement ps, int index, long offset, long limit) throws SQLException {
        ps.setLong(index, offset);
        ps.setLong(index + 1, limit);
        return index + 2;
    }

    @Override
    public String limit() {
        return " FETCH FIRST ? ROWS ONLY";
    }

    /**
     * {@inheritDoc}
     *
     * <p>H2's table function; with {@code IN (?, ?, ...)} H2 would use only the leading column of a
     * two-column index and scan the rest.
     */
    @Override
    public String texts(String alias, String column) {
        return "TABLE(" + column + " VARCHAR = ?) " + alias;
    }

    @Override
    public void bindTexts(PreparedStatement ps, int index, String[] values) throws SQLException {
        ps.setObject(index, values);
    }

    @Override
    public PreparedStatement insertReturningKey(Connection c, String sql, String keyColumn) throws SQLException {
        return c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS);
    }

    /** {@inheritDoc} H2 puts a failed batch's cause in the next exception, and sometimes only its code in the message. */
    @Override
    public boolean uniqueViolation(SQLException e) {
        if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
            return true;
        }
        if (e instanceof BatchUpdateException) {
            SQLException cause = e.getNextException();
            return (cause != null && UNIQUE_VIOLATION.equals(cause.getSQLState()))
                    || String.valueOf(e.getMessage()).contains(UNIQUE_VIOLATION);
        }
        return false;
    }

    /** {@inheritDoc} H2 keeps microseconds and rounds the nanoseconds below half up. */
    @Override
    public LocalDateTime storedTimestamp(LocalDateTime value) {
        return Timestamps.micros(value);
    }

    /** {@inheritDoc} H2's SNAPSHOT isolation, for this connection only while {@code work} runs. */
    @Override
    public <T> T inSnapshot(Connection c, Database.Work<T> work) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SNAPSHOT");
            try {
                return work.run(c);
            } finally {
                c.rollback();
                s.execute("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL READ COMMITTED");
                c.setAutoCommit(true);
            }
        }
    }

    /**
     * {@inheritDoc} H2's lazy execution, for this connection only while {@code work} runs. Otherwise H2 gathers a
     * whole result before it returns the first row, and writes one of more than {@code MAX_MEMORY_ROWS} (40,000)
     * rows to a temporary file and reads it back: the audit-log read of a contract year (277,000 rows) spent most of
     * its time doing that.
     */
    @Override
    public void limitLockWait(Connection c, java.time.Duration wait) {
        // one node per embedded database: no lease row is held by another node
    }

    @Override
    public <T> T exclusively(Connection c, Database.Work<T> work) throws SQLException {
        return work.run(c);
    }

    @Override
    public <T> T streamed(Connection c, Database.Work<T> work) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET LAZY_QUERY_EXECUTION TRUE");
            try {
                return work.run(c);
            } finally {
                s.execute("SET LAZY_QUERY_EXECUTION FALSE");
            }
        }
    }

    /** {@inheritDoc} H2's {@code BACKUP TO}: a zip of the database files; writers wait while it runs. */
    @Override
    public void backup(Connection c, Path target) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("BACKUP TO '" + target.toString().replace("'", "''") + "'");
        }
    }
}
