package org.lvyue.pki.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.lvyue.api.baseline.CollectorRun;
import org.lvyue.api.fact.FactProblem;
import org.lvyue.api.service.Collectors;
import org.lvyue.api.service.Contracts;
import org.lvyue.api.service.FactIntake;
import org.lvyue.api.service.FactQueries;
import org.lvyue.api.service.InvalidInputException;
import org.lvyue.api.service.PkiIntake;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the configured TLS probes, CRL probes and folder scan on a schedule. Each collection runs
 * under a time limit; what it collected is stored in one batch with the {@code collector.run} fact
 * that records it, and a failure (unreachable, timed out, not a certificate) is stored as a failed
 * run, which turns the checks fed by it into ERROR. A new configuration replaces the component.
 */
@Component(service = Collectors.class, configurationPid = "org.lvyue.pki.collectors",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = CollectorsConfig.class)
public class PkiCollectors implements Collectors {
    private static final Logger LOG = LoggerFactory.getLogger(PkiCollectors.class);
    private static final String REMOVED = "目标已从采集配置中移除";
    /** Two runs of one target within the same second (a run, then its target's removal) are two facts. */
    private static final java.util.concurrent.atomic.AtomicLong RUN_SEQUENCE = new java.util.concurrent.atomic.AtomicLong(System.nanoTime());
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS");

    private final Contracts contracts;
    private final FactIntake factIntake;
    private final FactQueries queries;
    private final PkiIntake intake;
    private final CollectorsConfig config;
    private final Duration timeout;
    private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(r -> thread(r, "lvyue-collectors"));
    private final ExecutorService probes = Executors.newCachedThreadPool(r -> thread(r, "lvyue-probe"));
    /** Size and modification time of each folder file at its last successful import. */
    private final Map<Path, String> imported = new HashMap<>();

    @Activate
    public PkiCollectors(@Reference Contracts contracts, @Reference FactIntake factIntake, @Reference FactQueries queries,
                         @Reference PkiIntake intake, CollectorsConfig config) {
        this.contracts = contracts;
        this.factIntake = factIntake;
        this.queries = queries;
        this.intake = intake;
        this.config = config;
        this.timeout = Duration.ofSeconds(Math.max(1, config.timeoutSeconds()));
        schedule.execute(this::retireRemovedTargets);
        if (contractId() != null && !targets().isEmpty()) {
            long every = Math.max(1, config.intervalMinutes());
            schedule.scheduleWithFixedDelay(this::scheduledRun, 1, every * 60, TimeUnit.SECONDS);
            LOG.info("Collectors for contract {} every {} min: {}", contractId(), every, targets());
        }
    }

    /**
     * Lets a run in flight finish first: the component that replaces this one (a new configuration)
     * must not record a target's removal before this one's last run of it is stored.
     */
    @Deactivate
    void stop() throws InterruptedException {
        schedule.shutdown();
        if (!schedule.awaitTermination(timeout.toMillis() * 3, TimeUnit.MILLISECONDS)) {
            schedule.shutdownNow();
        }
        probes.shutdownNow();
    }

    private static Thread thread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * A target taken out of the configuration is recorded as removed, so that its last failure stops
     * counting against the checks it fed.
     */
    private void retireRemovedTargets() {
        try {
            Set<String> configured = new HashSet<>(targets());
            for (org.lvyue.api.contract.Contract c : contracts.served()) {
                List<CollectorRun> latest = queries.collectorRuns(c.id());
                List<Map<String, Object>> removed = new ArrayList<>();
                LocalDateTime now = DefaultPkiIntake.now(contracts);
                for (CollectorRun r : latest) {
                    boolean stillHere = c.id().equals(contractId()) && configured.contains(r.collector() + " " + r.target());
                    if (!stillHere && !r.message().startsWith(REMOVED)) {
                        Map<String, Object> fact = runFact(r.collector(), r.target(), r.feeds(), true, REMOVED, now, 0);
                        attributes(fact).put("outcome", "removed");
                        removed.add(fact);
                    }
                }
                if (!removed.isEmpty()) {
                    factIntake.ingest(c.id(), removed, config.user());
                }
            }
        } catch (RuntimeException e) {
            LOG.error("Recording the collector targets taken out of the configuration failed", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> attributes(Map<String, Object> fact) {
        return (Map<String, Object>) fact.get("attributes");
    }

    private void scheduledRun() {
        String contract = contractId();
        if (contract != null && contracts.served().stream().noneMatch(c -> c.id().equals(contract))) {
            return; // another node of the cluster owns the contract and collects for it
        }
        try {
            runNow();
        } catch (RuntimeException e) {
            LOG.error("Scheduled collection failed", e);
        }
    }

    @Override
    public String contractId() {
        return config.contract() == null || config.contract().isBlank() ? null : config.contract().trim();
    }

    @Override
    public List<String> targets() {
        List<String> out = new ArrayList<>();
        list(config.tlsTargets()).forEach(t -> out.add("tls " + t));
        list(config.crlSources()).forEach(t -> out.add("crl " + t));
        if (!config.folder().isBlank()) {
            out.add("folder " + config.folder().trim());
        }
        return out;
    }

    @Override
    public synchronized List<CollectorRun> runNow() {
        String contract = contractId();
        if (contract == null) {
            throw new InvalidInputException("采集器未配置", List.of(new FactProblem(-1, "contract",
                    "在 etc/org.lvyue.pki.collectors.cfg 中设置 contract 与采集目标")));
        }
        List<CollectorRun> runs = new ArrayList<>();
        for (String t : list(config.tlsTargets())) {
            runs.add(collect(contract, "tls", t, List.of("pki.certificate"), () -> TlsProbe.chain(TlsProbe.Target.parse(t), timeout)));
        }
        for (String s : list(config.crlSources())) {
            runs.add(collect(contract, "crl", s, List.of("pki.crl"), () -> Map.of(name(s), CrlProbe.fetch(s, timeout))));
        }
        if (!config.folder().isBlank()) {
            runs.add(collect(contract, "folder", config.folder().trim(), List.of("pki.certificate", "pki.crl"),
                    () -> changedFiles(Path.of(config.folder().trim()))));
        }
        return runs;
    }

    interface Collection {
        Map<String, byte[]> files() throws IOException;
    }

    /** One collection under the time limit, stored with its run record; never throws for a failure to collect. */
    CollectorRun collect(String contract, String collector, String target, List<String> feeds, Collection collection) {
        LocalDateTime at = DefaultPkiIntake.now(contracts);
        long t0 = System.nanoTime();
        List<Map<String, Object>> facts = List.of();
        String message;
        boolean ok;
        Future<Map<String, byte[]>> files = probes.submit(collection::files);
        try {
            Map<String, byte[]> collected = files.get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
            if (collected.isEmpty()) {
                ok = true;
                message = "没有新的或变化的文件";
            } else {
                facts = intake.read(contract, collected, config.system().isBlank() ? null : config.system().trim());
                ok = collector.equals("crl") ? facts.stream().anyMatch(f -> "pki.crl".equals(f.get("kind"))) : true;
                message = ok ? summary(facts) : "取回的文件中没有 CRL";
                if (!ok) {
                    facts = List.of();
                }
            }
        } catch (TimeoutException e) {
            files.cancel(true);
            ok = false;
            message = "超时（" + timeout.toSeconds() + " 秒）";
        } catch (ExecutionException e) {
            ok = false;
            message = describe(e.getCause());
        } catch (InvalidInputException e) {
            ok = false;
            message = describe(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ok = false;
            message = "被中断";
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        Map<String, Object> run = runFact(collector, target, feeds, ok, message, at, millis);
        List<Map<String, Object>> batch = new ArrayList<>(facts);
        batch.add(run);
        try {
            factIntake.ingest(contract, batch, config.user());
            if (ok && collector.equals("folder")) {
                remember(Path.of(target));
            }
        } catch (RuntimeException e) {
            // the collected facts were refused: store the failure alone, so the check shows ERROR
            LOG.warn("Collector {} {}: collected facts refused", collector, target, e);
            ok = false;
            message = "采集结果未能保存：" + describe(e);
            run = runFact(collector, target, feeds, false, message, at, millis);
            factIntake.ingest(contract, List.of(run), config.user());
        }
        LOG.info("Collector {} {}: {} ({} ms)", collector, target, message, millis);
        return new CollectorRun(collector, target, feeds, ok, message, at, (String) run.get("id"));
    }

    private static String describe(Throwable e) {
        if (e instanceof InvalidInputException i) {
            return i.getMessage() + "：" + i.problems().stream().map(p -> p.field() + " " + p.reason()).toList();
        }
        if (e instanceof IllegalArgumentException) {
            return e.getMessage();
        }
        if (e instanceof java.net.SocketTimeoutException) {
            return "超时：" + e.getMessage();
        }
        if (e instanceof java.net.ConnectException || e instanceof java.net.UnknownHostException) {
            return "无法连接：" + e.getMessage();
        }
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : "：" + m);
    }

    private static String summary(List<Map<String, Object>> facts) {
        long certificates = facts.stream().filter(f -> "pki.certificate".equals(f.get("kind"))).count();
        long crls = facts.stream().filter(f -> "pki.crl".equals(f.get("kind"))).count();
        return "读取证书 " + certificates + " 张，CRL " + crls + " 个";
    }

    static Map<String, Object> runFact(String collector, String target, List<String> feeds, boolean ok, String message,
                                      LocalDateTime at, long millis) {
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("collector", collector);
        attrs.put("target", target);
        attrs.put("feeds", String.join(",", feeds));
        attrs.put("outcome", ok ? "ok" : "error");
        attrs.put("message", message.length() > 1900 ? message.substring(0, 1900) + "…" : message);
        attrs.put("at", at.toString());
        attrs.put("durationMs", Long.toString(millis));
        Map<String, Object> fact = new LinkedHashMap<>();
        fact.put("id", "run-" + collector + "-" + PkiFacts.sha256(target.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .substring(0, 12) + "-" + STAMP.format(at) + "-" + RUN_SEQUENCE.incrementAndGet());
        fact.put("kind", CollectorRun.KIND);
        fact.put("subject", collector + " " + target);
        fact.put("date", at.toLocalDate().toString());
        fact.put("attributes", attrs);
        return fact;
    }

    /** A comma-separated configuration value as its items. */
    static List<String> list(String value) {
        return value == null ? List.of() : Stream.of(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static String name(String source) {
        String n = source.replaceAll(".*[/\\\\]", "");
        return n.isBlank() ? "crl" : n;
    }

    /** The certificate, CRL and zip files of the folder that are new or changed since their last import. */
    private Map<String, byte[]> changedFiles(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException("目录不存在：" + folder);
        }
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                if (n.startsWith(".") || !n.matches(".*\\.(pem|crt|cer|der|p7b|p7c|crl|zip)$")) {
                    continue;
                }
                if (!stamp(p).equals(imported.get(p))) {
                    out.put(p.getFileName().toString(), Files.readAllBytes(p));
                }
            }
        }
        return out;
    }

    private void remember(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            files.filter(Files::isRegularFile).forEach(p -> imported.put(p, stamp(p)));
        } catch (IOException e) {
            LOG.warn("Folder {} could not be listed after its import", folder, e);
        }
    }

    private static String stamp(Path p) {
        try {
            return Files.size(p) + "@" + Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return "?";
        }
    }
}
