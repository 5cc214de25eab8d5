package org.lvyue.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.lvyue.api.audit.AuditEvent;
import org.lvyue.api.audit.AuditLog;
import org.lvyue.api.engine.ComplianceEngine;
import org.lvyue.api.service.Contracts;
import org.lvyue.api.service.FactIntake;
import org.lvyue.api.service.FactQueries;
import org.lvyue.api.service.PkiIntake;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On the first start of a distribution configured to ({@code etc/org.lvyue.demo.cfg}, {@code load = true}),
 * fills the demo contract with the generated demo year through the product's own doors: facts in
 * validated batches, certificates and the CRL through the PKI intake, the audit log through the audit
 * log's intake. It runs in the background (the product answers meanwhile), waits until every domain
 * whose fact kinds it needs is active, leaves a contract that already has someone's records alone,
 * and writes a marker when done so a restart does not load it again. Every intake skips what it
 * already stored, so a load interrupted by a stop completes at the next start.
 */
@Component(immediate = true, configurationPid = "org.lvyue.demo")
@Designate(ocd = DemoConfig.class)
public class DemoYearLoader {
    private static final Logger LOG = LoggerFactory.getLogger(DemoYearLoader.class);
    static final String CONTRACT = "bj-hrss-2022";
    static final String USER = "demo";
    private static final int AUDIT_BATCH = 50_000;
    private static final Duration DOMAINS_TIMEOUT = Duration.ofMinutes(10);

    private final Thread worker;
    private volatile boolean stopped;

    @Activate
    public DemoYearLoader(@Reference Contracts contracts, @Reference FactIntake intake, @Reference FactQueries queries,
                          @Reference AuditLog audit, @Reference ComplianceEngine engine,
                          @Reference PkiIntake pki, DemoConfig config) {
        if (!config.load()) {
            worker = null;
            return;
        }
        Path data = Path.of(System.getProperty("karaf.data", "data"));
        Path marker = data.resolve("lvyue").resolve("demo-year.loaded");
        Path networkMarker = data.resolve("lvyue").resolve("demo-year-" + DemoYear.NETWORK_CONTRACT + ".loaded");
        String etc = System.getProperty("karaf.etc");
        worker = new Thread(() -> {
            try {
                load(contracts, intake, queries, audit, engine, pki, config, marker,
                        etc == null ? null : Path.of(etc, "pki", "trust-anchors"));
                loadNetworkContract(contracts, intake, queries, engine, config, networkMarker);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException | IOException e) {
                LOG.error("Loading the demo year failed; the product runs without it. Fix the cause and restart to try again.", e);
            }
        }, "lvyue-demo-year");
        worker.setDaemon(true);
        worker.start();
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        stopped = true;
        if (worker != null) {
            worker.interrupt();
            worker.join(10_000);
        }
    }

    private void load(Contracts contracts, FactIntake intake, FactQueries queries, AuditLog audit, ComplianceEngine engine,
                      PkiIntake pki, DemoConfig config, Path marker, Path anchors) throws InterruptedException, IOException {
        if (Files.exists(marker)) {
            LOG.debug("Demo year already loaded ({})", marker);
            return;
        }
        long t0 = System.nanoTime();
        DemoOptions standard = DemoOptions.standard();
        DemoData demo = DemoYear.generate(new DemoOptions(config.seed(), config.scale(), standard.from(), standard.to()));
        Set<String> kinds = new TreeSet<>();
        demo.facts().forEach(f -> kinds.add((String) f.get("kind")));
        kinds.addAll(List.of("pki.certificate", "pki.crl", "pki.revoked", "pki.signature"));
        awaitKinds(engine, kinds);
        awaitContract(contracts, CONTRACT);
        // someone's own records: leave them alone; the demo's own (an interrupted load) are completed
        if (queries.facts(CONTRACT, "staff.member").stream().anyMatch(f -> !USER.equals(f.getSource()))) {
            LOG.info("Contract {} already has facts; the demo year is not loaded into it", CONTRACT);
            writeMarker(marker, "skipped: the contract already had facts\n");
            return;
        }
        LOG.info("Loading the demo year (seed {}, scale {}): {} facts, {} certificates, the audit log...", config.seed(),
                config.scale(), demo.facts().size(), demo.counts().getOrDefault("certificates", 0));
        if (anchors != null) {
            Files.createDirectories(anchors);
            List<byte[]> roots = demo.trustAnchors();
            for (int i = 0; i < roots.size(); i++) {
                Files.write(anchors.resolve("demo-root-" + (i + 1) + ".pem"), roots.get(i));
            }
        }
        // one batch, one evaluation: batch by batch, the months not yet loaded would look missed and
        // leave thousands of findings opened and resolved in the history
        List<Map<String, Object>> facts = demo.facts();
        intake.ingest(CONTRACT, facts, USER);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("demo-certificates.zip", demo.certificatesZip());
        files.put("demo-user-ca.crl", demo.crl());
        pki.importFiles(CONTRACT, files, null, USER);
        int entries = 0;
        List<Map<String, Object>> batch = new ArrayList<>(AUDIT_BATCH);
        for (Iterator<AuditEvent> it = demo.auditEvents(); it.hasNext() && !stopped; ) {
            batch.add(DemoData.json(it.next()));
            if (batch.size() == AUDIT_BATCH || !it.hasNext()) {
                audit.append(CONTRACT, batch, USER);
                entries += batch.size();
                batch = new ArrayList<>(AUDIT_BATCH);
            }
        }
        if (stopped) {
            LOG.warn("Loading the demo year was interrupted; it resumes at the next start (batches already stored are skipped)");
            return;
        }
        long seconds = Duration.ofNanos(System.nanoTime() - t0).toSeconds();
        writeMarker(marker, "seed=" + config.seed() + "\nscale=" + config.scale() + "\nfacts=" + facts.size() + "\nauditEntries="
                + entries + "\nseconds=" + seconds + "\n");
        LOG.info("Demo year loaded in {} s: {} facts, {} audit entries, {} injected violations (see the README)", seconds,
                facts.size(), entries, demo.violations().size());
    }

    /**
     * The portfolio's second contract (bj-hrss-2022-wl): its own year in one batch, once, unless it already has
     * someone's records. Its own marker, so that an installation that loaded the seed's year before the portfolio
     * existed gets it at its next start.
     */
    private void loadNetworkContract(Contracts contracts, FactIntake intake, FactQueries queries, ComplianceEngine engine,
                                     DemoConfig config, Path marker) throws InterruptedException, IOException {
        if (stopped || Files.exists(marker)) {
            return;
        }
        DemoOptions standard = DemoOptions.standard();
        ContractYear year = DemoYear.network(new DemoOptions(config.seed(), config.scale(), standard.from(), standard.to()));
        Set<String> kinds = new TreeSet<>();
        year.facts().forEach(f -> kinds.add((String) f.get("kind")));
        awaitKinds(engine, kinds);
        awaitContract(contracts, DemoYear.NETWORK_CONTRACT);
        if (queries.facts(DemoYear.NETWORK_CONTRACT, "staff.member").stream().anyMatch(f -> !USER.equals(f.getSource()))) {
            LOG.info("Contract {} already has facts; its demo year is not loaded into it", DemoYear.NETWORK_CONTRACT);
            writeMarker(marker, "skipped: the contract already had facts\n");
            return;
        }
        long t0 = System.nanoTime();
        intake.ingest(DemoYear.NETWORK_CONTRACT, year.facts(), USER);
        long seconds = Duration.ofNanos(System.nanoTime() - t0).toSeconds();
        writeMarker(marker, "seed=" + config.seed() + "\nscale=" + config.scale() + "\nfacts=" + year.facts().size() + "\nseconds="
                + seconds + "\n");
        LOG.info("Demo year of {} loaded in {} s: {} facts, {} injected violations", DemoYear.NETWORK_CONTRACT, seconds,
                year.facts().size(), year.violations().size());
    }

    /** The domain bundles in deploy/ activate one by one at first start; intake refuses a kind until its domain is active. */
    private void awaitKinds(ComplianceEngine engine, Set<String> kinds) throws InterruptedException {
        long deadline = System.nanoTime() + DOMAINS_TIMEOUT.toNanos();
        while (!stopped) {
            List<String> missing = kinds.stream().filter(k -> engine.factKind(k).isEmpty()).toList();
            if (missing.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the demo year needs fact kinds no active domain declares: " + missing);
            }
            Thread.sleep(500);
        }
        throw new InterruptedException();
    }

    private void awaitContract(Contracts contracts, String id) throws InterruptedException {
        // served here: on a node of a cluster, the one that owns the contract loads its year
        while (!stopped && contracts.served().stream().noneMatch(c -> c.id().equals(id))) {
            Thread.sleep(500);
        }
    }

    private static void writeMarker(Path marker, String content) throws IOException {
        Files.createDirectories(marker.getParent());
        Files.writeString(marker, content, StandardCharsets.UTF_8);
    }
}
