package org.lvyue.metrics.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import org.lvyue.api.contract.Contract;
import org.lvyue.api.engine.ComplianceEngine;
import org.lvyue.api.engine.MemoryFigures;
import org.lvyue.api.finding.FindingQuery;
import org.lvyue.api.finding.FindingRecord;
import org.lvyue.api.finding.FindingStatus;
import org.lvyue.api.finding.Severity;
import org.lvyue.api.metrics.Figure;
import org.lvyue.api.metrics.Figures;
import org.lvyue.api.service.Contracts;
import org.lvyue.api.service.Findings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What is read at each scrape: the rule set, the working memories ({@link ComplianceEngine#memory()}), the heap,
 * the open findings of each contract by severity, and the {@link Figures} the modules publish (the intake queues,
 * and whatever a module adds later). A source that fails is left out of that scrape, with a log line, never the
 * whole answer.
 */
final class States implements MultiCollector {
    private static final Logger LOG = LoggerFactory.getLogger(States.class);

    private final ComplianceEngine engine;
    private final Contracts contracts;
    private final Findings findings;
    private final Supplier<List<Figures>> figures;

    States(ComplianceEngine engine, Contracts contracts, Findings findings, Supplier<List<Figures>> figures) {
        this.engine = engine;
        this.contracts = contracts;
        this.findings = findings;
        this.figures = figures;
    }

    @Override
    public MetricSnapshots collect() {
        List<MetricSnapshot> out = new ArrayList<>();
        out.add(gauge("lvyue_rule_set_version", "Sequence number of the rule set in place", engine.ruleSetVersion()));
        memory(out);
        heap(out);
        findings(out);
        Set<String> taken = new LinkedHashSet<>();
        out.forEach(s -> taken.add(s.getMetadata().getPrometheusName()));
        figures(out, taken);
        return new MetricSnapshots(out);
    }

    private void memory(List<MetricSnapshot> out) {
        MemoryFigures m = engine.memory();
        out.add(gauge("lvyue_working_memories", "Contracts' working memories held", m.held()));
        out.add(gauge("lvyue_working_memories_in_use", "Working memories being evaluated or taking records now", m.inUse()));
        out.add(gauge("lvyue_working_memory_bytes", "Estimated bytes of the working memories held", m.heldBytes()));
        out.add(gauge("lvyue_working_memory_budget_bytes", "Bytes the working memories may hold together", m.budgetBytes()));
        out.add(counter("lvyue_working_memory_builds", "Working memories built (first builds and rebuilds)", m.builds()));
        out.add(counter("lvyue_working_memory_rebuilds", "Working memories rebuilt from the store after a release",
                m.rebuilds()));
        out.add(counter("lvyue_working_memory_rebuild_seconds", "Time spent rebuilding working memories",
                m.totalRebuildMillis() / 1000.0));
        out.add(CounterSnapshot.builder().name("lvyue_working_memory_releases")
                .help("Working memories released: unused for the idle time, or the least recently used for the budget")
                .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().labels(Labels.of("cause", "idle"))
                        .value(m.idleReleases()).build())
                .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().labels(Labels.of("cause", "budget"))
                        .value(m.budgetReleases()).build())
                .build());
    }

    /** Named as the Prometheus client's JVM instrumentation names them, so that the usual dashboards read them. */
    private static void heap(List<MetricSnapshot> out) {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        out.add(heapGauge("jvm_memory_used_bytes", "Used bytes of a given JVM memory area", heap.getUsed()));
        out.add(heapGauge("jvm_memory_committed_bytes", "Committed (bytes) of a given JVM memory area", heap.getCommitted()));
        out.add(heapGauge("jvm_memory_max_bytes", "Max (bytes) of a given JVM memory area", heap.getMax()));
    }

    private static GaugeSnapshot heapGauge(String name, String help, double value) {
        return GaugeSnapshot.builder().name(name).help(help).dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                .labels(Labels.of("area", "heap")).value(value).build()).build();
    }

    /** Open findings (not waived) of every contract, by severity; every severity of a contract, zero included. */
    private void findings(List<MetricSnapshot> out) {
        GaugeSnapshot.Builder open = GaugeSnapshot.builder().name("lvyue_findings_open")
                .help("Open findings (not waived) of a contract, by severity");
        FindingQuery query = new FindingQuery(null, null, null, FindingStatus.OPEN, Integer.MAX_VALUE, 0);
        for (Contract c : contracts.contracts()) {
            Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
            for (Severity s : Severity.values()) {
                counts.put(s, 0);
            }
            try {
                for (FindingRecord r : findings.findings(c.id(), query)) {
                    if (r.status() == FindingStatus.OPEN) {
                        counts.merge(r.finding().getSeverity(), 1, Integer::sum);
                    }
                }
            } catch (RuntimeException e) {
                LOG.debug("Open findings of contract {} not read for the metrics", c.id(), e);
                continue;
            }
            counts.forEach((s, n) -> open.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                    .labels(Labels.of("contract", c.id(), "severity", s.name())).value(n).build()));
        }
        out.add(open.build());
    }

    /** The modules' figures, one family per name; a name taken already, or used with two types, is left out. */
    private void figures(List<MetricSnapshot> out, Set<String> taken) {
        Map<String, List<Figure>> families = new LinkedHashMap<>();
        for (Figures source : figures.get()) {
            try {
                for (Figure f : source.figures()) {
                    families.computeIfAbsent(f.name(), n -> new ArrayList<>()).add(f);
                }
            } catch (RuntimeException e) {
                LOG.warn("Figures of {} left out of the metrics", source, e);
            }
        }
        families.forEach((name, samples) -> {
            Figure first = samples.get(0);
            if (taken.contains(name) || samples.stream().anyMatch(f -> f.type() != first.type())) {
                LOG.debug("Figures named {} left out of the metrics: the name is taken, or has two types", name);
                return;
            }
            Set<Labels> seen = new LinkedHashSet<>();
            if (first.type() == Figure.Type.COUNTER) {
                CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(first.help());
                for (Figure f : samples) {
                    Labels labels = labels(f.labels());
                    if (seen.add(labels)) {
                        b.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().labels(labels).value(f.value()).build());
                    }
                }
                out.add(b.build());
            } else {
                GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(first.help());
                for (Figure f : samples) {
                    Labels labels = labels(f.labels());
                    if (seen.add(labels)) {
                        b.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels).value(f.value()).build());
                    }
                }
                out.add(b.build());
            }
            taken.add(name);
        });
    }

    private static Labels labels(Map<String, String> labels) {
        Labels.Builder b = Labels.builder();
        labels.forEach(b::label);
        return b.build();
    }

    private static GaugeSnapshot gauge(String name, String help, double value) {
        return GaugeSnapshot.builder().name(name).help(help)
                .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(value).build()).build();
    }

    private static CounterSnapshot counter(String name, String help, double value) {
        return CounterSnapshot.builder().name(name).help(help)
                .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().value(value).build()).build();
    }
}
