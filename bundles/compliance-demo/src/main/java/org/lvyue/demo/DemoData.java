package org.lvyue.demo;

import org.lvyue.api.audit.AuditEvent;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A generated demo year: the facts to post, the PKI artefacts to upload, the audit log (regenerated from the
 * seed each time it is read), and the violations injected on purpose. Immutable; byte arrays are copied out.
 */
public final class DemoData {
    private final DemoOptions options;
    private final List<Map<String, Object>> facts;
    private final byte[] certificatesZip;
    private final byte[] crl;
    private final List<byte[]> trustAnchors;
    private final AuditLog audit;
    private final List<String> approvedRequests;
    private final List<InjectedViolation> violations;
    private final List<MissingFact> missing;
    private final Map<String, Integer> baseCounts;
    private final long generationMillis;
    private final long certificateMillis;
    private volatile Map<String, Integer> counts;

    DemoData(DemoOptions options, List<Map<String, Object>> facts, DemoPki.Result pki, AuditLog audit,
             List<String> approvedRequests, List<InjectedViolation> violations, List<MissingFact> missing,
             long generationMillis) {
        this.options = options;
        this.facts = facts;
        this.certificatesZip = pki.zip();
        this.crl = pki.crl();
        this.trustAnchors = pki.anchors();
        this.audit = audit;
        this.approvedRequests = List.copyOf(approvedRequests);
        this.violations = List.copyOf(violations);
        this.missing = List.copyOf(missing);
        this.generationMillis = generationMillis;
        this.certificateMillis = pki.millis();
        Map<String, Integer> c = new TreeMap<>();
        for (Map<String, Object> f : facts) {
            c.merge((String) f.get("kind"), 1, Integer::sum);
        }
        Map<String, Integer> base = new LinkedHashMap<>(c);
        base.put("facts", facts.size());
        base.put("userCertificates", pki.userCertificates());
        base.put("serverCertificates", pki.servers().size());
        base.put("caCertificates", 2);
        base.put("certificates", pki.userCertificates() + pki.servers().size() + 2);
        base.put("crlEntries", pki.crlEntries());
        base.put("approvedRequests", approvedRequests.size());
        base.put("violations", violations.size());
        this.baseCounts = base;
    }

    public DemoOptions options() {
        return options;
    }

    /**
     * The facts in the ingest JSON shape of {@code POST /api/contracts/{id}/facts} (id, kind, subject, date, time,
     * status, amount as a string, attributes as strings), sorted by date then id. Unmodifiable.
     */
    public List<Map<String, Object>> facts() {
        return facts;
    }

    /**
     * A zip of PEM files, as the PKI intake accepts an upload: {@code ca/} the two root CAs, {@code servers/} the
     * business systems' TLS certificates, {@code users/} the user certificates.
     */
    public byte[] certificatesZip() {
        return certificatesZip.clone();
    }

    /** The user CA's CRL (DER), signed SM3withSM2; this update on the last day at 01:00, next update a day later. */
    public byte[] crl() {
        return crl.clone();
    }

    /** The two root CA certificates (PEM), to place in {@code etc/pki/trust-anchors}. */
    public List<byte[]> trustAnchors() {
        return trustAnchors.stream().map(byte[]::clone).toList();
    }

    /** The audit log in time order, regenerated lazily from the seed (about a million events at scale 1). */
    public Iterator<AuditEvent> auditEvents() {
        return audit.iterator();
    }

    /** As {@link #auditEvents()}, as a sequential stream. */
    public Stream<AuditEvent> auditEventStream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(audit.iterator(),
                Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.IMMUTABLE), false);
    }

    /** The ids of the approved permission requests (every normal grant executes one of them). */
    public List<String> approvedRequests() {
        return approvedRequests;
    }

    /** The office subnets (CIDR) the users work from; a login from elsewhere is an anomaly. */
    public List<String> officeSubnets() {
        return audit.subnets();
    }

    /** The violations injected on purpose, in date order. */
    public List<InjectedViolation> violations() {
        return violations;
    }

    /** The records left out on purpose, each naming the violation it makes. */
    public List<MissingFact> missing() {
        return missing;
    }

    /**
     * Facts per kind, and {@code facts}, {@code certificates} (with {@code userCertificates},
     * {@code serverCertificates}, {@code caCertificates}), {@code crlEntries}, {@code approvedRequests},
     * {@code violations} and {@code auditEvents}. The audit count reads the whole log once, on first call.
     */
    public Map<String, Integer> counts() {
        Map<String, Integer> c = counts;
        if (c == null) {
            synchronized (this) {
                if (counts == null) {
                    Map<String, Integer> all = new LinkedHashMap<>(baseCounts);
                    int n = 0;
                    for (Iterator<AuditEvent> it = audit.iterator(); it.hasNext(); it.next()) {
                        n++;
                    }
                    all.put("auditEvents", n);
                    counts = java.util.Collections.unmodifiableMap(all);
                }
                c = counts;
            }
        }
        return c;
    }

    /** How long {@link DemoYear#generate} took, audit log excluded (it is made when read). */
    public long generationMillis() {
        return generationMillis;
    }

    /** Of which the certificates, CRL and zip. */
    public long certificateMillis() {
        return certificateMillis;
    }

    /** An audit entry as {@code POST .../audit-events} takes it (an absent field is null). */
    public static Map<String, Object> json(AuditEvent e) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("id", e.id());
        m.put("at", FactSink.TIME.format(e.at()));
        m.put("user", e.user());
        m.put("address", e.address());
        m.put("action", e.action());
        m.put("resource", e.resource());
        m.put("classified", e.classified());
        m.put("requestId", e.requestId());
        m.put("system", e.system());
        return m;
    }
}
