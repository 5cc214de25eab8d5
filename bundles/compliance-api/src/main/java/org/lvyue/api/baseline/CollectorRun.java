package org.lvyue.api.baseline;

import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;

import org.lvyue.api.fact.Fact;

/**
 * One run of an active collector (a TLS probe, a CRL probe, a folder scan), stored as a fact of kind
 * {@value #KIND} so that what was and was not collected is evidence like anything else. When the
 * latest run for a target failed, every baseline check fed by that target's evidence kinds reports
 * ERROR rather than a pass computed from stale or missing data.
 *
 * @param collector {@code tls}, {@code crl} or {@code folder}
 * @param target    what was probed ({@code host:port}, a file or URL, a folder)
 * @param feeds     the fact kinds the collector produces (e.g. {@code pki.certificate})
 * @param ok        false only when the run failed to collect (outcome {@code error}); a target taken out
 *                  of the configuration is recorded with outcome {@code removed}, which is not a failure
 * @param message   the failure in words, or a summary of what was collected
 * @param at        when the run started, Beijing time
 * @param factId    the id of the stored fact
 */
public record CollectorRun(String collector, String target, List<String> feeds, boolean ok, String message,
                           LocalDateTime at, String factId) {
    public static final String KIND = "collector.run";

    public CollectorRun {
        feeds = List.copyOf(feeds);
    }

    /** The latest run of each (collector, target), by target; of two at the same moment, the later in the list. */
    public static List<CollectorRun> latestPerTarget(List<CollectorRun> runs) {
        java.util.Map<String, CollectorRun> latest = new java.util.LinkedHashMap<>();
        for (CollectorRun r : runs) {
            latest.merge(r.collector() + " " + r.target(), r, (a, b) -> b.at().isBefore(a.at()) ? a : b);
        }
        return latest.values().stream().sorted(java.util.Comparator.comparing(CollectorRun::target)).toList();
    }

    /** Reads a stored {@value #KIND} fact. */
    public static CollectorRun of(Fact f) {
        var a = f.getAttributes();
        return new CollectorRun(a.get("collector"), a.getOrDefault("target", f.getSubject()),
                Arrays.stream(a.getOrDefault("feeds", "").split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList(),
                !"error".equals(a.get("outcome")), a.getOrDefault("message", ""),
                a.containsKey("at") ? LocalDateTime.parse(a.get("at")) : f.getDate().atStartOfDay(), f.getId());
    }
}
