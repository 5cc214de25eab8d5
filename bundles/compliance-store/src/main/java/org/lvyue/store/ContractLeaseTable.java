package org.lvyue.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.lvyue.api.store.ContractLeases.Lease;

/**
 * The {@code contract_lease} table: one row per contract that ever had a holder, its epoch only ever growing. Every
 * method runs in the caller's transaction; the row is read {@code FOR UPDATE}, so that taking a lease over and a
 * write that checks it (see {@link #holds}) happen one after the other, never interleaved.
 */
final class ContractLeaseTable {
    /** How long a transaction waits for another's lock on a lease row. */
    static final Duration LOCK_WAIT = Duration.ofSeconds(2);
    private final Dialect dialect;

    ContractLeaseTable(Dialect dialect) {
        this.dialect = dialect;
    }

    /** The contract's row, locked until the transaction ends; empty when the contract never had a holder. */
    Optional<Lease> lockRow(Connection c, String contractId) throws SQLException {
        // a row held by a node that went silent mid-transaction is not waited for long: the takeover tries again at
        // its next round, the write fails (and stores nothing); the server ends the silent node's transaction soon
        dialect.limitLockWait(c, LOCK_WAIT);
        try (PreparedStatement ps = c.prepareStatement("SELECT contract_id, node_id, epoch, expires_at FROM contract_lease"
                + " WHERE contract_id = ? FOR UPDATE")) {
            ps.setString(1, contractId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(lease(rs)) : Optional.empty();
            }
        }
    }

    /**
     * Takes the lease for {@code node} when it is free, lapsed, or {@code node}'s own from an earlier start, with the
     * next epoch.
     */
    Optional<Lease> acquire(Connection c, String contractId, String node, Duration ttl) throws SQLException {
        Instant now = Sql.databaseNow(c);
        Instant until = now.plus(ttl).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        Optional<Lease> row = lockRow(c, contractId);
        if (row.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(dialect.insertUnlessPresent("contract_lease",
                    Columns.of("contract_id", "node_id", "epoch", "expires_at"), "contract_id"))) {
                ps.setString(1, contractId);
                ps.setString(2, node);
                ps.setLong(3, 1);
                ps.setObject(4, Sql.timestamp(until));
                ps.setString(5, contractId);
                if (ps.executeUpdate() > 0) {
                    return Optional.of(new Lease(contractId, node, 1, until));
                }
            }
            // another node inserted the first row meanwhile: decide on it as on any row
            row = lockRow(c, contractId);
        }
        Lease held = row.orElseThrow();
        if (!held.nodeId().equals(node) && held.expiresAt().isAfter(now)) {
            return Optional.empty();
        }
        long epoch = held.epoch() + 1;
        try (PreparedStatement ps = c.prepareStatement("UPDATE contract_lease SET node_id = ?, epoch = ?, expires_at = ?"
                + " WHERE contract_id = ?")) {
            ps.setString(1, node);
            ps.setLong(2, epoch);
            ps.setObject(3, Sql.timestamp(until));
            ps.setString(4, contractId);
            ps.executeUpdate();
        }
        return Optional.of(new Lease(contractId, node, epoch, until));
    }

    /** Moves the lapse of {@code lease} to {@code ttl} from now; false when the row is no longer that lease. */
    boolean renew(Connection c, Lease lease, Duration ttl) throws SQLException {
        Instant until = Sql.databaseNow(c).plus(ttl).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        try (PreparedStatement ps = c.prepareStatement("UPDATE contract_lease SET expires_at = ? WHERE contract_id = ?"
                + " AND node_id = ? AND epoch = ?")) {
            ps.setObject(1, Sql.timestamp(until));
            ps.setString(2, lease.contractId());
            ps.setString(3, lease.nodeId());
            ps.setLong(4, lease.epoch());
            return ps.executeUpdate() > 0;
        }
    }

    /** Moves the lapse of each lease to {@code ttl} from now, in one batch: the contracts whose rows were still theirs. */
    java.util.Set<String> renewAll(Connection c, java.util.List<Lease> leases, Duration ttl) throws SQLException {
        Instant until = Sql.databaseNow(c).plus(ttl).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        try (PreparedStatement ps = c.prepareStatement("UPDATE contract_lease SET expires_at = ? WHERE contract_id = ?"
                + " AND node_id = ? AND epoch = ?")) {
            for (Lease lease : leases) {
                ps.setObject(1, Sql.timestamp(until));
                ps.setString(2, lease.contractId());
                ps.setString(3, lease.nodeId());
                ps.setLong(4, lease.epoch());
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            java.util.Set<String> kept = new java.util.TreeSet<>();
            for (int i = 0; i < counts.length; i++) {
                // a driver that cannot count a batched row says so; the row was then updated
                if (counts[i] > 0 || counts[i] == java.sql.Statement.SUCCESS_NO_INFO) {
                    kept.add(leases.get(i).contractId());
                }
            }
            return kept;
        }
    }

    /** Lets {@code lease} lapse now, when it is still the row's. */
    void release(Connection c, Lease lease) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE contract_lease SET expires_at = ? WHERE contract_id = ?"
                + " AND node_id = ? AND epoch = ?")) {
            ps.setObject(1, Sql.timestamp(Sql.databaseNow(c)));
            ps.setString(2, lease.contractId());
            ps.setString(3, lease.nodeId());
            ps.setLong(4, lease.epoch());
            ps.executeUpdate();
        }
    }

    /** Whether {@code lease} is still the contract's, locking the row for the rest of the transaction. */
    boolean holds(Connection c, Lease lease) throws SQLException {
        Optional<Lease> row = lockRow(c, lease.contractId());
        return row.isPresent() && row.get().nodeId().equals(lease.nodeId()) && row.get().epoch() == lease.epoch();
    }

    /** The leases that run now. */
    List<Lease> running(Connection c, String contractId) throws SQLException {
        Instant now = Sql.databaseNow(c);
        try (PreparedStatement ps = c.prepareStatement("SELECT contract_id, node_id, epoch, expires_at FROM contract_lease"
                + " WHERE expires_at > ?" + (contractId != null ? " AND contract_id = ?" : "") + " ORDER BY contract_id")) {
            ps.setObject(1, Sql.timestamp(now));
            if (contractId != null) {
                ps.setString(2, contractId);
            }
            List<Lease> leases = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    leases.add(lease(rs));
                }
            }
            return leases;
        }
    }

    private static Lease lease(ResultSet rs) throws SQLException {
        return new Lease(rs.getString(1), rs.getString(2), rs.getLong(3), Sql.instant(rs, 4));
    }
}
