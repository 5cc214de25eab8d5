package org.lvyue.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;

/**
 * What the store's SQL needs that databases spell differently. The table classes write plain SQL
 * that every supported database reads alike and ask the dialect for the rest; the schema is the
 * dialect's own set of migration scripts, under {@code db/migration/<name>/}.
 */
interface Dialect {

    /** The dialect of a JDBC URL. */
    static Dialect of(String url) {
        if (url != null && url.startsWith("jdbc:h2:")) {
            return new H2Dialect();
        }
        if (url != null && url.startsWith(PostgresDialect.PREFIX)) {
            return new PostgresDialect();
        }
        throw new IllegalArgumentException("不支持的数据库地址：" + url + "，只支持 jdbc:h2: 和 jdbc:postgresql: (unsupported"
                + " database URL; the store runs on H2 or PostgreSQL)");
    }

    /** Names the folder of this database's migration scripts, {@code db/migration/<name>/}. */
    String name();

    /** The URL as the store opens it: with whatever makes a committed transaction durable before the commit returns. */
    String url(String url);

    /** A pool of at most {@code maxConnections} connections to the database at {@code url}. */
    Pool pool(String url, String user, String password, int maxConnections);

    /** The statement that creates the migration history table when it does not exist. */
    String createMigrationHistory();

    /** An insert of {@code columns} that replaces the row with the same {@code keys}; one parameter per column. */
    String upsert(String table, Columns columns, Columns keys);

    /**
     * An insert of {@code columns} that writes nothing when a row with the same value of the unique column {@code key}
     * exists, also one a concurrent transaction commits meanwhile; its parameters are the columns', then the key's
     * value once more.
     */
    String insertUnlessPresent(String table, Columns columns, String key);

    /**
     * The clause after ORDER BY that skips rows and then returns at most some rows; its two
     * parameters are bound by {@link #bindPage}.
     */
    String page();

    /** Binds the parameters of {@link #page()} from {@code index} on; returns the next index. */
    int bindPage(PreparedStatement ps, int index, long offset, long limit) throws SQLException;

    /** The clause after ORDER BY that returns at most as many rows as its one parameter says. */
    String limit();

    /**
     * A FROM item: a table named {@code alias} of one text column {@code column}, its rows the values
     * bound by {@link #bindTexts} at its one parameter. Joined to an index it looks many keys up in
     * one statement.
     */
    String texts(String alias, String column);

    void bindTexts(PreparedStatement ps, int index, String[] values) throws SQLException;

    /** Prepares an insert whose generated {@code keyColumn} {@link Sql#generatedKey} reads back. */
    PreparedStatement insertReturningKey(Connection c, String sql, String keyColumn) throws SQLException;

    /** True when the statement failed on a unique index or primary key, also when it is reported inside a batch. */
    boolean uniqueViolation(SQLException e);

    /** The value a TIMESTAMP column (no time zone, default precision) gives back for {@code value}. */
    LocalDateTime storedTimestamp(LocalDateTime value);

    /**
     * Runs {@code work} in one read-only snapshot of the whole database: it sees every transaction
     * committed before it started, and none committed while it runs, without making writers wait.
     */
    <T> T inSnapshot(Connection c, Database.Work<T> work) throws SQLException;

    /**
     * Runs {@code work}, whose queries return more rows than are worth gathering before the first is read (a
     * contract's facts or a year's audit log), with each result streamed from the database as it is read. The
     * work runs no other statement on {@code c} while a result is open.
     */
    <T> T streamed(Connection c, Database.Work<T> work) throws SQLException;

    /** Bounds how long the current transaction waits for a row lock another holds; past it, the statement fails. */
    void limitLockWait(Connection c, java.time.Duration wait) throws SQLException;

    /**
     * Runs {@code work} while no other store opens the same database: the nodes of a cluster, started together,
     * migrate and seal one after another. Embedded H2 has one store at a time anyway.
     */
    <T> T exclusively(Connection c, Database.Work<T> work) throws SQLException;

    /** The statement that makes the generated key {@code column} of {@code table} go on at {@code next}. */
    String restartIdentity(String table, String column, long next);

    /** Writes a consistent copy of the whole database, as a zip, to the file {@code target}, while the database is in use. */
    void backup(Connection c, Path target) throws SQLException;

    /** Pooled connections to one database. */
    interface Pool extends AutoCloseable {
        /** The connections of a pooling {@code source}; {@code close} closes it. */
        static Pool of(javax.sql.DataSource source, Runnable close) {
            return new Pool() {
                @Override
                public Connection connection() throws SQLException {
                    return source.getConnection();
                }

                @Override
                public void close() {
                    close.run();
                }
            };
        }

        Connection connection() throws SQLException;

        /** Closes the pooled connections; connections still lent out close when they are returned. */
        @Override
        void close();
    }
}
