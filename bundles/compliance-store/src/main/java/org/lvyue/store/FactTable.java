package org.lvyue.store;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.lvyue.api.fact.Fact;
import org.lvyue.api.fact.FactKindCount;
import org.lvyue.api.store.AppendResult;
import org.lvyue.api.store.ConflictingFactException;

/**
 * The facts ({@code fact}) and the deliveries they came in ({@code fact_batch}), migrations V1, V5,
 * V6. A batch is stored whole or not at all, with one evidence entry holding a digest of each of its
 * facts.
 */
final class FactTable {
    /**
     * A fact's row as stored. The attributes are the stored JSON text: the chain's digest is over that
     * text, so a row reads back to the digest it was written with, whatever JSON library reads it.
     */
    record Row(long batchId, String id, String domain, String kind, String subject, LocalDate date, LocalDateTime time,
               String status, BigDecimal amount, String attributes, String source, Instant receivedAt) {

        static Row of(long batchId, Fact f) {
            return new Row(batchId, f.getId(), f.getDomain(), f.getKind(), f.getSubject(), f.getDate(), f.getTime(),
                    f.getStatus(), f.getAmount(), Json.attributes(f.getAttributes()), f.getSource(), f.getReceivedAt());
        }

        /** The row of {@code f}, its confidential attributes ({@code <kind>/<attribute>}) encrypted. */
        static Row of(long batchId, Fact f, SealedAttributes sealed, java.util.Set<String> confidential) {
            return new Row(batchId, f.getId(), f.getDomain(), f.getKind(), f.getSubject(), f.getDate(), f.getTime(),
                    f.getStatus(), f.getAmount(), Json.attributes(sealed.seal(f.getKind(), f.getAttributes(), confidential)),
                    f.getSource(), f.getReceivedAt());
        }

        /** The attributes in clear: the sealed ones decrypted. */
        private Map<String, String> attributesInClear(SealedAttributes sealed) {
            Map<String, String> read = Json.attributes(attributes);
            return SealedAttributes.holdsSealed(attributes) ? sealed.open(kind, read) : read;
        }

        /** As stored by a store without a cipher (tests). */
        Fact fact(String contractId) {
            return fact(contractId, new SealedAttributes(null));
        }

        Fact fact(String contractId, SealedAttributes sealed) {
            return Fact.builder().contractId(contractId).id(id).domain(domain).kind(kind).subject(subject).date(date)
                    .time(time).status(status).amount(amount).attributes(attributesInClear(sealed)).source(source)
                    .receivedAt(receivedAt).build();
        }

        /** The same, its repeated values (kinds, subjects, days, attribute names and values...) one instance each. */
        Fact fact(String contractId, SharedValues shared, SealedAttributes sealed) {
            Map<String, String> read = attributesInClear(sealed);
            Map<String, String> attrs = read;
            if (!read.isEmpty()) {
                attrs = new HashMap<>(read.size() * 2);
                for (Map.Entry<String, String> e : read.entrySet()) {
                    attrs.put(shared.of(e.getKey()), shared.of(e.getValue()));
                }
            }
            return Fact.builder().contractId(contractId).id(id).domain(shared.of(domain)).kind(shared.of(kind))
                    .subject(shared.of(subject)).date(shared.of(date)).time(time).status(shared.of(status)).amount(amount)
                    .attributes(attrs).source(shared.of(source)).receivedAt(shared.of(receivedAt)).build();
        }
    }

    /**
     * Every column but contract_id and seq, in the order of {@link Row}, {@link #bind} and {@link #read},
     * then the remainders of the two chained times (migration V12, see {@link Sql#micros(Instant)}).
     */
    static final Columns COLUMNS = Columns.of("batch_id", "id", "domain", "kind", "subject", "fact_date",
            "fact_time", "status", "amount", "attributes", "source", "received_at", "fact_time_ns", "received_at_ns");
    private static final int FACT_TIME_NS = COLUMNS.index("fact_time_ns");
    private static final int RECEIVED_AT_NS = COLUMNS.index("received_at_ns");
    static final Columns BATCH_COLUMNS = Columns.of("contract_id", "source", "received_at", "fact_count");
    private static final int INSERT_CHUNK = 1000;

    private final Dialect dialect;
    private final SealedAttributes sealed;

    FactTable(Dialect dialect) {
        this(dialect, null);
    }

    /** @param cipher encrypts the attributes the catalogue marks confidential; null: a tool's or a test's store */
    FactTable(Dialect dialect, org.lvyue.api.security.FieldCipher cipher) {
        this.dialect = dialect;
        this.sealed = new SealedAttributes(cipher);
    }

    /**
     * The batch as it will be stored: each fact of this contract, its amount at scale 2, its time in
     * microseconds.
     *
     * @throws IllegalArgumentException when a fact is null, belongs to another contract or has an
     *                                  amount that does not fit DECIMAL(19,2) exactly
     */
    static List<Fact> checked(String contractId, List<Fact> facts) {
        List<Fact> batch = new ArrayList<>(facts.size());
        for (int i = 0; i < facts.size(); i++) {
            batch.add(checked(contractId, facts.get(i), i));
        }
        return batch;
    }

    private static Fact checked(String contractId, Fact f, int index) {
        if (f == null) {
            throw new IllegalArgumentException("fact " + index + " of the batch is null");
        }
        if (!contractId.equals(f.getContractId())) {
            throw new IllegalArgumentException("fact " + index + " (" + f.getId() + ") belongs to contract "
                    + f.getContractId() + ", not to " + contractId);
        }
        LocalDateTime time = Timestamps.micros(f.getTime());
        if (time != null && !time.equals(f.getTime())) { // compared, stored and chained as every database keeps it
            f = f.toBuilder().time(time).build();
        }
        if (f.getAmount() == null) {
            return f;
        }
        BigDecimal amount;
        try {
            amount = f.getAmount().setScale(2, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            amount = null;
        }
        if (amount == null || amount.precision() > 19) {
            throw new IllegalArgumentException("fact " + index + " (" + f.getId() + "): amount " + f.getAmount()
                    + " does not fit DECIMAL(19,2) exactly (at most 17 digits before and 2 after the point)");
        }
        return amount.equals(f.getAmount()) ? f : f.toBuilder().amount(amount).build();
    }

    /**
     * Appends a {@link #checked} batch, always recording the delivery in {@code fact_batch}. The
     * common case, a batch of new facts, is inserted directly and the unique (contract_id, id) index
     * proves there is no duplicate; only when it objects (a retry, a reused id) is the batch rolled
     * back to the savepoint and each id looked up to tell duplicates from conflicts.
     *
     * @throws ConflictingFactException when an id is stored, or repeated in the batch, with other content
     */
    AppendResult append(Connection c, String contractId, List<Fact> batch, String source, Instant now,
                        EvidenceTable chain) throws SQLException {
        return append(c, contractId, batch, source, now, chain, java.util.Set.of());
    }

    /** As above, the attributes named in {@code confidential} ({@code <kind>/<attribute>}) stored encrypted. */
    AppendResult append(Connection c, String contractId, List<Fact> batch, String source, Instant now,
                        EvidenceTable chain, java.util.Set<String> confidential) throws SQLException {
        if (batch.stream().map(Fact::getId).distinct().count() == batch.size()) {
            Savepoint savepoint = c.setSavepoint();
            try {
                List<Fact> fresh = new ArrayList<>(batch.size());
                for (Fact f : batch) {
                    fresh.add(f.toBuilder().source(source).receivedAt(now).build());
                }
                long batchId = insert(c, contractId, fresh, source, now, chain, confidential);
                return new AppendResult(batchId, Collections.unmodifiableList(fresh), List.of());
            } catch (SQLException e) {
                if (!dialect.uniqueViolation(e)) {
                    throw e;
                }
                c.rollback(savepoint);
            }
        }
        return appendChecked(c, contractId, batch, source, now, chain, confidential);
    }

    private AppendResult appendChecked(Connection c, String contractId, List<Fact> batch, String source, Instant now,
                                       EvidenceTable chain, java.util.Set<String> confidential) throws SQLException {
        Map<String, Fact> stored = withIds(c, contractId, batch.stream().map(Fact::getId).distinct().toArray(String[]::new));
        Map<String, Fact> firstInBatch = new HashMap<>();
        List<Integer> conflictIndexes = new ArrayList<>();
        List<String> conflictIds = new ArrayList<>();
        List<String> duplicates = new ArrayList<>();
        List<Fact> fresh = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Fact f = batch.get(i);
            Fact earlier = stored.containsKey(f.getId()) ? stored.get(f.getId()) : firstInBatch.get(f.getId());
            if (earlier == null) {
                firstInBatch.put(f.getId(), f);
                fresh.add(f.toBuilder().source(source).receivedAt(now).build());
            } else if (earlier.sameContentAs(f)) {
                duplicates.add(f.getId());
            } else {
                conflictIndexes.add(i);
                conflictIds.add(f.getId());
            }
        }
        if (!conflictIds.isEmpty()) {
            throw new ConflictingFactException(conflictIndexes, conflictIds);
        }
        long batchId = insert(c, contractId, fresh, source, now, chain, confidential);
        return new AppendResult(batchId, Collections.unmodifiableList(fresh), List.copyOf(duplicates));
    }

    /** Inserts the batch row, its facts and, when there are any, their evidence entry; returns the batch id. */
    private long insert(Connection c, String contractId, List<Fact> fresh, String source, Instant now,
                        EvidenceTable chain, java.util.Set<String> confidential) throws SQLException {
        long batchId;
        try (PreparedStatement ps = dialect.insertReturningKey(c, "INSERT INTO fact_batch (" + BATCH_COLUMNS.list()
                + ") VALUES (" + BATCH_COLUMNS.parameters() + ")", "id")) {
            ps.setString(1, contractId);
            ps.setString(2, source);
            ps.setObject(3, Sql.timestamp(now));
            ps.setInt(4, fresh.size());
            ps.executeUpdate();
            batchId = Sql.generatedKey(ps);
        }
        ChainDigest digest = chain.digest();
        byte[] rowDigests = new byte[fresh.size() * ChainDigest.ROW_DIGEST_BYTES];
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO fact (contract_id, " + COLUMNS.list() + ") VALUES (?, "
                + COLUMNS.parameters() + ")")) {
            int pending = 0;
            int n = 0;
            for (Fact f : fresh) {
                Row row = Row.of(batchId, f, sealed, confidential);
                ps.setString(1, contractId);
                bind(ps, 2, row);
                ps.addBatch();
                System.arraycopy(digest(digest, row), 0, rowDigests, n++ * ChainDigest.ROW_DIGEST_BYTES,
                        ChainDigest.ROW_DIGEST_BYTES);
                if (++pending == INSERT_CHUNK) {
                    ps.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                ps.executeBatch();
            }
        }
        if (!fresh.isEmpty()) { // after the inserts: a duplicate id rolls back to before them, and so before this
            chain.append(c, contractId, new EvidenceTable.Draft(EvidenceTable.Kind.FACTS, Long.toString(batchId), null,
                    rowDigests), now);
        }
        return batchId;
    }

    /**
     * The stored facts among {@code ids}, by id, in one statement: the ids go in as one table joined
     * to the (contract_id, id) index.
     */
    Map<String, Fact> withIds(Connection c, String contractId, String[] ids) throws SQLException {
        Map<String, Fact> stored = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS.list("f") + " FROM "
                + dialect.texts("wanted", "id") + " JOIN fact f ON f.contract_id = ? AND f.id = wanted.id")) {
            dialect.bindTexts(ps, 1, ids);
            ps.setString(2, contractId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Fact f = read(rs).fact(contractId, sealed);
                    stored.put(f.getId(), f);
                }
            }
        }
        return stored;
    }

    /** Every fact of the contract, in the order they were stored, their repeated values shared ({@link SharedValues}). */
    List<Fact> all(Connection c, String contractId) throws SQLException {
        List<Fact> all = new ArrayList<>();
        SharedValues shared = new SharedValues();
        String contract = shared.of(contractId);
        forEach(c, contractId, 5000, row -> all.add(row.fact(contract, shared, sealed)));
        return all;
    }

    /** Every row of the contract in the order they were stored, streamed: the evidence chain's view. */
    void forEach(Connection c, String contractId, Sql.RowSink<Row> sink) throws SQLException {
        forEach(c, contractId, 5000, sink);
    }

    private void forEach(Connection c, String contractId, int fetchSize, Sql.RowSink<Row> sink) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS.list() + " FROM fact WHERE contract_id = ?"
                + " ORDER BY seq")) {
            ps.setString(1, contractId);
            ps.setFetchSize(fetchSize);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(read(rs));
                }
            }
        }
    }

    /**
     * The facts of the given kinds dated in {@code [from, to]}, by kind, each by date then as stored: one pass over the
     * contract's rows where a read per kind would make one each (the fact table has no index by kind or date, which
     * every ingested fact would pay for).
     */
    Map<String, List<Fact>> ranges(Connection c, String contractId, java.util.Collection<String> kinds, LocalDate from,
                                   LocalDate to) throws SQLException {
        Map<String, List<Fact>> out = new java.util.LinkedHashMap<>();
        new java.util.TreeSet<>(kinds).forEach(k -> out.put(k, new java.util.ArrayList<>()));
        if (out.isEmpty()) {
            return out;
        }
        String marks = String.join(", ", java.util.Collections.nCopies(out.size(), "?"));
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS.list() + " FROM fact WHERE contract_id = ?"
                + " AND fact_date BETWEEN ? AND ? AND kind IN (" + marks + ") ORDER BY fact_date, seq")) {
            int i = 1;
            ps.setString(i++, contractId);
            ps.setObject(i++, from);
            ps.setObject(i++, to);
            for (String k : out.keySet()) {
                ps.setString(i++, k);
            }
            for (Fact f : facts(ps, contractId)) {
                out.get(f.getKind()).add(f);
            }
        }
        return out;
    }

    /** A page of facts newest first, by date then id; of one kind unless {@code kind} is null. */
    List<Fact> latest(Connection c, String contractId, String kind, int limit, int offset) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS.list() + " FROM fact WHERE contract_id = ?"
                + (kind != null ? " AND kind = ? ORDER BY contract_id, kind," : " ORDER BY contract_id,")
                + " fact_date DESC, id DESC" + dialect.page())) {
            int i = 1;
            ps.setString(i++, contractId);
            if (kind != null) {
                ps.setString(i++, kind);
            }
            dialect.bindPage(ps, i, offset, limit);
            return facts(ps, contractId);
        }
    }

    /** How many facts the contract has, of one kind unless {@code kind} is null. */
    long count(Connection c, String contractId, String kind) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM fact WHERE contract_id = ?"
                + (kind != null ? " AND kind = ?" : ""))) {
            ps.setString(1, contractId);
            if (kind != null) {
                ps.setString(2, kind);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    Map<String, Long> countsByKind(Connection c, String contractId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT kind, COUNT(*) FROM fact WHERE contract_id = ? GROUP BY kind")) {
            ps.setString(1, contractId);
            try (ResultSet rs = ps.executeQuery()) {
                Map<String, Long> out = new HashMap<>();
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
                return out;
            }
        }
    }

    /** How many facts of each kind and domain, by kind then domain. */
    List<FactKindCount> kinds(Connection c, String contractId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT kind, domain, COUNT(*) FROM fact WHERE contract_id = ?"
                + " GROUP BY kind, domain ORDER BY kind, domain")) {
            ps.setString(1, contractId);
            try (ResultSet rs = ps.executeQuery()) {
                List<FactKindCount> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new FactKindCount(rs.getString(1), rs.getString(2), rs.getLong(3)));
                }
                return out;
            }
        }
    }

    private List<Fact> facts(PreparedStatement ps, String contractId) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            List<Fact> out = new ArrayList<>();
            while (rs.next()) {
                out.add(read(rs).fact(contractId, sealed));
            }
            return out;
        }
    }

    /** The digest of a fact's row in its batch's evidence entry. */
    static byte[] digest(ChainDigest d, Row r) {
        return d.text("fact").text(r.id()).text(r.domain()).text(r.kind()).text(r.subject()).time(r.date()).time(r.time())
                .text(r.status()).amount(r.amount()).text(r.attributes()).text(r.source()).instant(r.receivedAt())
                .finishRow();
    }

    private static void bind(PreparedStatement ps, int i, Row r) throws SQLException {
        ps.setLong(i++, r.batchId());
        ps.setString(i++, r.id());
        ps.setString(i++, r.domain());
        ps.setString(i++, r.kind());
        ps.setString(i++, r.subject());
        ps.setObject(i++, r.date());
        if (r.time() == null) {
            ps.setNull(i++, Types.TIMESTAMP);
        } else {
            ps.setObject(i++, Sql.micros(r.time()));
        }
        ps.setString(i++, r.status());
        ps.setBigDecimal(i++, r.amount());
        ps.setString(i++, r.attributes());
        ps.setString(i++, r.source());
        ps.setObject(i++, Sql.micros(r.receivedAt()));
        ps.setObject(i++, Sql.nanos(r.time()), Types.SMALLINT);
        ps.setObject(i, Sql.nanos(r.receivedAt()), Types.SMALLINT);
    }

    private static Row read(ResultSet rs) throws SQLException {
        int i = 1;
        return new Row(rs.getLong(i++), rs.getString(i++), rs.getString(i++), rs.getString(i++), rs.getString(i++),
                rs.getObject(i++, LocalDate.class), Sql.time(rs, i++, FACT_TIME_NS), rs.getString(i++),
                rs.getBigDecimal(i++), rs.getString(i++), rs.getString(i++), Sql.instant(rs, i, RECEIVED_AT_NS));
    }
}
