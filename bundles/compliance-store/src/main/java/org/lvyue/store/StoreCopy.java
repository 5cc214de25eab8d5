package org.lvyue.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Copies the rows of one store into another, as they are: ids, generated keys, chain positions and
 * hashes, so the target's evidence chains are the source's. Each contract's rows are read in one
 * snapshot and written in one transaction; the tables without a contract (organisations, their
 * members, the activity record) once at the end. The generated keys of the target then go on after
 * the copied ones. A chained time with nanoseconds (a store written before the store kept
 * microseconds) is written as its microsecond and its remainder column, which the target reads back
 * as the same instant: its chain verifies there to the same head.
 */
final class StoreCopy {
    /** A table: its contract column (null: not per contract), its order, and its generated key column if any. */
    private record Table(String name, String contractColumn, String order, String identity) {
    }

    /** In an order the foreign keys accept: fact_batch before fact, organisation before membership. */
    private static final List<Table> PER_CONTRACT = List.of(
            new Table("contract", "id", "id", null),
            new Table("fact_batch", "contract_id", "id", "id"),
            new Table("fact", "contract_id", "seq", "seq"),
            new Table("finding", "contract_id", "finding_key", null),
            new Table("waiver", "contract_id", "id", "id"),
            new Table("audit_event", "contract_id", "id", null),
            new Table("evidence", "contract_id", "position", null),
            new Table("api_token", "contract_id", "id", "id"),
            new Table("notify_subscription", "contract_id", "id", "id"),
            new Table("notify_outbox", "contract_id", "id", "id"),
            new Table("notify_ledger_seen", "contract_id", "entry_key", null));
    private static final List<Table> SHARED = List.of(
            new Table("organisation", null, "id", null),
            new Table("membership", null, "user_name, organisation_id, role", null),
            new Table("access_seal", null, "table_name", null),
            new Table("activity", null, "id", "id"),
            new Table("notify_lease", null, "task", null));
    private static final int CHUNK = 1000;

    private final Database source;
    private final Database target;

    StoreCopy(Database source, Database target) {
        this.source = source;
        this.target = target;
    }

    /** Every contract with rows in the source, in id order. */
    List<String> contracts() {
        return source.read("listing the contracts to copy", StoreCopy::contracts);
    }

    private static List<String> contracts(Connection c) throws SQLException {
        TreeSet<String> ids = new TreeSet<>();
        for (Table t : PER_CONTRACT) {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT DISTINCT " + t.contractColumn() + " FROM " + t.name())) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return new ArrayList<>(ids);
    }

    /**
     * Refuses a target that holds anything: names the first contract found there, or the table.
     *
     * @throws IllegalArgumentException when the target is not empty
     */
    void requireEmptyTarget() {
        target.read("looking into the target database", c -> {
            List<String> there = contracts(c);
            if (!there.isEmpty()) {
                throw new IllegalArgumentException("目标数据库不是空的，已有合同 " + there.get(0) + " 的数据，不迁移 (the target"
                        + " database is not empty: it holds contract " + there.get(0) + "; nothing was copied)");
            }
            for (Table t : SHARED) {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + t.name())) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        throw new IllegalArgumentException("目标数据库不是空的，表 " + t.name() + " 已有数据，不迁移 (the target"
                                + " database is not empty: table " + t.name() + " holds rows; nothing was copied)");
                    }
                }
            }
            return null;
        });
    }

    /** Copies the contract's rows; returns the rows copied per table. The caller holds the contract's lock. */
    Map<String, Long> copyContract(String contractId) {
        return copy(PER_CONTRACT, contractId, "copying contract " + contractId);
    }

    /** Copies the tables without a contract, then moves the target's generated keys past the copied ones. */
    Map<String, Long> copyShared() {
        Map<String, Long> rows = copy(SHARED, null, "copying organisations, members and the activity record");
        target.transaction("moving the target's generated keys past the copied ones", c -> {
            for (Table t : concat(PER_CONTRACT, SHARED)) {
                if (t.identity() == null) {
                    continue;
                }
                long max;
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(" + t.identity() + "), 0) FROM " + t.name())) {
                    rs.next();
                    max = rs.getLong(1);
                }
                try (Statement s = c.createStatement()) {
                    s.execute(target.dialect().restartIdentity(t.name(), t.identity(), max + 1));
                }
            }
            return null;
        });
        return rows;
    }

    private Map<String, Long> copy(List<Table> tables, String contractId, String what) {
        return source.snapshot(what, from -> target.transaction(what, to -> {
            Map<String, Long> rows = new LinkedHashMap<>();
            for (Table t : tables) {
                rows.put(t.name(), copy(from, to, t, contractId));
            }
            return rows;
        }));
    }

    private static long copy(Connection from, Connection to, Table t, String contractId) throws SQLException {
        String where = t.contractColumn() == null ? "" : " WHERE " + t.contractColumn() + " = ?";
        try (PreparedStatement read = from.prepareStatement("SELECT * FROM " + t.name() + where + " ORDER BY " + t.order())) {
            if (contractId != null) {
                read.setString(1, contractId);
            }
            read.setFetchSize(CHUNK);
            try (ResultSet rs = read.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                int n = meta.getColumnCount();
                List<String> names = new ArrayList<>();
                int[] types = new int[n];
                for (int i = 1; i <= n; i++) {
                    names.add(meta.getColumnName(i).toLowerCase(Locale.ROOT));
                    String typeName = meta.getColumnTypeName(i).toLowerCase(Locale.ROOT);
                    // PostgreSQL's driver reports a timestamptz as TIMESTAMP; its name tells
                    types[i - 1] = typeName.equals("timestamptz") || typeName.contains("with time zone")
                            ? Types.TIMESTAMP_WITH_TIMEZONE : meta.getColumnType(i);
                }
                int[] remainders = new int[n]; // per column, where its remainder column is (0-based), or -1
                for (int i = 0; i < n; i++) {
                    remainders[i] = names.indexOf(names.get(i) + Sql.NANOS_SUFFIX);
                }
                long count = 0;
                try (PreparedStatement write = to.prepareStatement("INSERT INTO " + t.name() + " (" + String.join(", ", names)
                        + ") VALUES (" + String.join(", ", Collections.nCopies(n, "?")) + ")")) {
                    int pending = 0;
                    Object[] row = new Object[n];
                    while (rs.next()) {
                        for (int i = 0; i < n; i++) {
                            row[i] = value(rs, i + 1, types[i]);
                        }
                        for (int i = 0; i < n; i++) {
                            if (remainders[i] >= 0) {
                                splitNanos(row, i, remainders[i]);
                            }
                        }
                        for (int i = 0; i < n; i++) {
                            bind(write, i + 1, types[i], row[i]);
                        }
                        write.addBatch();
                        count++;
                        if (++pending == CHUNK) {
                            write.executeBatch();
                            pending = 0;
                        }
                    }
                    if (pending > 0) {
                        write.executeBatch();
                    }
                }
                return count;
            }
        }
    }

    /**
     * A chained time as it is written now: its microsecond in the timestamp, the nanoseconds below in its
     * remainder column. A store written before the remainder existed holds them in the timestamp (H2 kept
     * them); PostgreSQL would round them away and with them the digest its chain entry holds.
     */
    private static void splitNanos(Object[] row, int time, int remainder) {
        int nanos = row[time] instanceof OffsetDateTime o ? o.getNano() % 1000
                : row[time] instanceof LocalDateTime l ? l.getNano() % 1000 : 0;
        if (nanos == 0) {
            return;
        }
        row[time] = row[time] instanceof OffsetDateTime o ? o.minusNanos(nanos) : ((LocalDateTime) row[time]).minusNanos(nanos);
        int before = row[remainder] == null ? 0 : ((Number) row[remainder]).intValue();
        row[remainder] = before + nanos;
    }

    /** One column as it is: text as text (also a CLOB), times as java.time values, bytes as bytes. */
    private static Object value(ResultSet rs, int i, int type) throws SQLException {
        return switch (type) {
            case Types.CLOB, Types.NCLOB, Types.VARCHAR, Types.NVARCHAR, Types.CHAR, Types.NCHAR, Types.LONGVARCHAR ->
                    rs.getString(i);
            case Types.BLOB, Types.VARBINARY, Types.BINARY, Types.LONGVARBINARY -> rs.getBytes(i);
            case Types.TIMESTAMP_WITH_TIMEZONE -> rs.getObject(i, OffsetDateTime.class);
            case Types.TIMESTAMP -> rs.getObject(i, LocalDateTime.class);
            case Types.DATE -> rs.getObject(i, LocalDate.class);
            default -> rs.getObject(i);
        };
    }

    private static void bind(PreparedStatement ps, int i, int type, Object value) throws SQLException {
        if (value != null) {
            ps.setObject(i, value);
            return;
        }
        ps.setNull(i, switch (type) {
            case Types.CLOB, Types.NCLOB, Types.VARCHAR, Types.NVARCHAR, Types.CHAR, Types.NCHAR, Types.LONGVARCHAR ->
                    Types.VARCHAR;
            case Types.BLOB, Types.VARBINARY, Types.BINARY, Types.LONGVARBINARY -> Types.VARBINARY;
            default -> type;
        });
    }

    private static List<Table> concat(List<Table> a, List<Table> b) {
        List<Table> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
