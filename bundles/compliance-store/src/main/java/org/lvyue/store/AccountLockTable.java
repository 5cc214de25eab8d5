package org.lvyue.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.lvyue.api.security.LoginAttempts.Lock;

/** The {@code login_failure} and {@code account_lock} tables: failed logins within the window, and the locks. */
final class AccountLockTable {
    static final Columns LOCK = Columns.of("user_name", "locked_at", "locked_until", "failures", "address");
    private final Dialect dialect;

    AccountLockTable(Dialect dialect) {
        this.dialect = dialect;
    }

    int failed(Connection c, String user, Instant at, Instant windowStart) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM login_failure WHERE user_name = ? AND failed_at < ?")) {
            ps.setString(1, user);
            ps.setObject(2, Sql.timestamp(windowStart));
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO login_failure (user_name, failed_at) VALUES (?, ?)")) {
            ps.setString(1, user);
            ps.setObject(2, Sql.timestamp(at));
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM login_failure WHERE user_name = ?")) {
            ps.setString(1, user);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    void forgetFailures(Connection c, String user) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM login_failure WHERE user_name = ?")) {
            ps.setString(1, user);
            ps.executeUpdate();
        }
    }

    boolean lock(Connection c, Lock lock) throws SQLException {
        forgetFailures(c, lock.user());
        try (PreparedStatement ps = c.prepareStatement(dialect.insertUnlessPresent("account_lock", LOCK, "user_name"))) {
            ps.setString(1, lock.user());
            ps.setObject(2, Sql.timestamp(lock.since()));
            ps.setObject(3, Sql.timestamp(lock.until()));
            ps.setInt(4, lock.failures());
            ps.setString(5, lock.address());
            ps.setString(6, lock.user());
            return ps.executeUpdate() == 1;
        }
    }

    Optional<Lock> lock(Connection c, String user) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + LOCK.list() + " FROM account_lock WHERE user_name = ?")) {
            ps.setString(1, user);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(lock(rs)) : Optional.empty();
            }
        }
    }

    List<Lock> locks(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + LOCK.list() + " FROM account_lock"
                + " ORDER BY locked_until, user_name")) {
            return locks(ps);
        }
    }

    /** Removes the account's lock: the one removed, when this transaction removed it. */
    Optional<Lock> unlock(Connection c, String user) throws SQLException {
        Optional<Lock> held = lockForUpdate(c, user);
        if (held.isEmpty()) {
            return held;
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM account_lock WHERE user_name = ?")) {
            ps.setString(1, user);
            return ps.executeUpdate() == 1 ? held : Optional.empty();
        }
    }

    /** Removes the locks ended by {@code now} (each one by the transaction that deletes its row) and old failures. */
    List<Lock> sweep(Connection c, Instant now, Instant windowStart) throws SQLException {
        List<Lock> ended;
        try (PreparedStatement ps = c.prepareStatement("SELECT " + LOCK.list() + " FROM account_lock"
                + " WHERE locked_until <= ? ORDER BY locked_until, user_name")) {
            ps.setObject(1, Sql.timestamp(now));
            ended = locks(ps);
        }
        List<Lock> removed = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM account_lock WHERE user_name = ? AND locked_until = ?")) {
            for (Lock l : ended) {
                ps.setString(1, l.user());
                ps.setObject(2, Sql.timestamp(l.until()));
                if (ps.executeUpdate() == 1) {
                    removed.add(l); // another node's sweep deleting the same row at once waits, then deletes nothing
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM login_failure WHERE failed_at < ?")) {
            ps.setObject(1, Sql.timestamp(windowStart));
            ps.executeUpdate();
        }
        return removed;
    }

    private Optional<Lock> lockForUpdate(Connection c, String user) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + LOCK.list() + " FROM account_lock WHERE user_name = ?"
                + " FOR UPDATE")) {
            ps.setString(1, user);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(lock(rs)) : Optional.empty();
            }
        }
    }

    private static List<Lock> locks(PreparedStatement ps) throws SQLException {
        List<Lock> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(lock(rs));
            }
        }
        return out;
    }

    private static Lock lock(ResultSet rs) throws SQLException {
        return new Lock(rs.getString(1), Sql.instant(rs, 2), Sql.instant(rs, 3), rs.getInt(4), rs.getString(5));
    }
}
