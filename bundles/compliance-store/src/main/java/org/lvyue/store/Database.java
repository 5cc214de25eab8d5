package org.lvyue.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

import org.lvyue.api.store.StoreException;

/**
 * The store's database: its dialect and pooled connections, lent out in the three ways the store
 * uses them. A failure is a {@link StoreException} that says what was being done.
 */
final class Database implements AutoCloseable {
    /** Work on a connection the database lends and takes back. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final Dialect dialect;
    private final String url;
    private final Dialect.Pool pool;
    private volatile boolean closed;

    /** Connections to {@code url} (made durable by the dialect); nothing is opened before the first is asked for. */
    Database(Dialect dialect, String url, String user, String password, int maxConnections) {
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.url = dialect.url(Objects.requireNonNull(url, "url"));
        this.pool = dialect.pool(this.url, user, password, maxConnections);
    }

    Dialect dialect() {
        return dialect;
    }

    /** The URL the connections are opened with. */
    String url() {
        return url;
    }

    /** Runs {@code work} on a connection in auto-commit mode. */
    <T> T read(String what, Work<T> work) {
        try (Connection c = connection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException(what + " failed: " + e.getMessage(), e);
        }
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    <T> T transaction(String what, Work<T> work) {
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException r) {
                    e.addSuppressed(r);
                }
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException(what + " failed: " + e.getMessage(), e);
        }
    }

    /** Runs {@code work}, whose results are long, with each streamed as it is read ({@link Dialect#streamed}). */
    <T> T streamed(String what, Work<T> work) {
        return read(what, c -> dialect.streamed(c, work));
    }

    /** Runs {@code work} in one snapshot of the database ({@link Dialect#inSnapshot}). */
    <T> T snapshot(String what, Work<T> work) {
        return read(what, c -> dialect.inSnapshot(c, work));
    }

    private Connection connection() throws SQLException {
        if (closed) {
            throw new IllegalStateException("合规数据存储已关闭 (the compliance store is closed)");
        }
        return pool.connection();
    }

    /** Closes the pooled connections, which closes an embedded database. */
    @Override
    public void close() {
        closed = true;
        pool.close();
    }
}
