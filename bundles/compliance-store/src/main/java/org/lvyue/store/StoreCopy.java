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
import java.util.Map;
import java.util.TreeSet;

/**
 * Copies the rows of one store into another, as they are: ids, generated keys, chain positions and
 * hashes, so the target's evidence chains are the source's. Each contract's rows are read in one
 * snapshot and written in one transaction; the tables without a contract (organisations, their
 * members, the activity record) once at the end. The generated keys of the target then go on after
 * the copied ones.
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
            new Table("activity", null, "id", "id"));
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

    /**
     * Refuses a source that holds a time the target cannot keep: H2 kept nanoseconds before the store
     * rounded to microseconds, PostgreSQL keeps microseconds, and a rounded time no longer gives the
     * digest the chain holds. Names the first such row; nothing is copied.
     *
     * @throws IllegalArgumentException when such a time is found and the target keeps only microseconds
     */
    void requireTimesTheTargetKeeps() {
        if (!(target.dialect() instanceof PostgresDialect)) {
            return;
        }
        source.snapshot("looking for times the target cannot keep", c -> {
            for (Table t : concat(PER_CONTRACT, SHARED)) {
                List<String> times = new ArrayList<>();
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + t.name() + " WHERE 1 = 0")) {
                    ResultSetMetaData meta = rs.getMetaData();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        int type = meta.getColumnType(i);
                        if (type == Types.TIMESTAMP || type == Types.TIMESTAMP_WITH_TIMEZONE) {
                            times.add(meta.getColumnName(i).toLowerCase(java.util.Locale.ROOT));
                        }
                    }
                }
                if (times.isEmpty()) {
                    continue;
                }
                String owner = t.contractColumn() == null ? "'-'" : t.contractColumn();
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT " + owner + ", " + t.order()
                        .split(",")[0] + ", " + String.join(", ", times) + " FROM " + t.name())) {
                    while (rs.next()) {
                        for (int i = 0; i < times.size(); i++) {
                            Object v = rs.getObject(3 + i);
                            int nanos = v instanceof OffsetDateTime o ? o.getNano() : v instanceof java.sql.Timestamp ts
                                    ? ts.getNanos() : v instanceof LocalDateTime l ? l.getNano() : 0;
                            if (nanos % 1000 != 0) {
                                throw new IllegalArgumentException("合同 " + rs.getString(1) + " 有纳秒精度的时间（表 " + t.name()
                                        + "，行 " + rs.getString(2) + "，列 " + times.get(i) + " = " + v + "），目标数据库只保存到微秒，"
                                        + "复制后证据链将无法核对，不迁移 (contract " + rs.getString(1) + " holds a time with"
                                        + " nanoseconds, written before the store kept microseconds; the target keeps"
                                        + " microseconds, so its evidence chain would not verify there; nothing was copied)");
                            }
                        }
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
                    names.add(meta.getColumnName(i).toLowerCase(java.util.Locale.ROOT));
                    String typeName = meta.getColumnTypeName(i).toLowerCase(java.util.Locale.ROOT);
                    // PostgreSQL's driver reports a timestamptz as TIMESTAMP; its name tells
                    types[i - 1] = typeName.equals("timestamptz") || typeName.contains("with time zone")
                            ? Types.TIMESTAMP_WITH_TIMEZONE : meta.getColumnType(i);
                }
                long count = 0;
                try (PreparedStatement write = to.prepareStatement("INSERT INTO " + t.name() + " (" + String.join(", ", names)
                        + ") VALUES (" + String.join(", ", Collections.nCopies(n, "?")) + ")")) {
                    int pending = 0;
                    while (rs.next()) {
                        for (int i = 1; i <= n; i++) {
                            bind(write, i, types[i - 1], rs);
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

    /** One column as it is: text as text (also a CLOB), times as java.time values, bytes as bytes. */
    private static void bind(PreparedStatement ps, int i, int type, ResultSet rs) throws SQLException {
        Object value;
        int nullType = type;
        switch (type) {
            case Types.CLOB, Types.NCLOB, Types.VARCHAR, Types.NVARCHAR, Types.CHAR, Types.NCHAR, Types.LONGVARCHAR -> {
                value = rs.getString(i);
                nullType = Types.VARCHAR;
            }
            case Types.BLOB, Types.VARBINARY, Types.BINARY, Types.LONGVARBINARY -> {
                value = rs.getBytes(i);
                nullType = Types.VARBINARY;
            }
            case Types.TIMESTAMP_WITH_TIMEZONE -> value = rs.getObject(i, OffsetDateTime.class);
            case Types.TIMESTAMP -> value = rs.getObject(i, LocalDateTime.class);
            case Types.DATE -> value = rs.getObject(i, LocalDate.class);
            default -> value = rs.getObject(i);
        }
        if (value == null) {
            ps.setNull(i, nullType);
        } else {
            ps.setObject(i, value);
        }
    }

    private static List<Table> concat(List<Table> a, List<Table> b) {
        List<Table> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
