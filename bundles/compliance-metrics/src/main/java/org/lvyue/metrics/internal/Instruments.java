package org.lvyue.metrics.internal;

import java.time.Duration;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import org.lvyue.api.metrics.EngineListener;
import org.lvyue.api.metrics.IntakeListener;
import org.lvyue.api.metrics.RefusalListener;
import org.lvyue.api.metrics.ReportListener;

/**
 * The events the product's modules tell (the listeners of {@code org.lvyue.api.metrics}) as Prometheus counters
 * and histograms, in one registry. The states read at each scrape are {@link States}'.
 */
final class Instruments implements IntakeListener, EngineListener, RefusalListener, ReportListener {
    /** Seconds: a batch answered at once (a few ms) to one that waited its evaluation's minute. */
    private static final double[] INTAKE_BOUNDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};
    /** Seconds: a small contract's evaluation (ms) to the demo year's (seconds) and the time limit. */
    private static final double[] EVALUATION_BOUNDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};
    /** Seconds: a swap from the compiled-rules cache (under a second) to a fresh compile of every domain (a minute). */
    private static final double[] SWAP_BOUNDS = {0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120};
    /** Seconds: a PDF report. */
    private static final double[] REPORT_BOUNDS = {0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};

    private final Counter batches;
    private final Counter records;
    private final Histogram intakeSeconds;
    private final Histogram evaluationSeconds;
    private final Histogram swapSeconds;
    private final Gauge lastSwap;
    private final Counter refusals;
    private final Counter reports;
    private final Histogram reportSeconds;

    Instruments(PrometheusRegistry registry) {
        batches = Counter.builder().name("lvyue_ingested_batches_total")
                .help("Batches of facts or audit-log entries stored by the intake").labelNames("contract", "kind")
                .register(registry);
        records = Counter.builder().name("lvyue_ingested_records_total")
                .help("Records (facts, audit-log entries) in the batches stored by the intake, as sent")
                .labelNames("contract", "kind").register(registry);
        intakeSeconds = Histogram.builder().name("lvyue_ingest_duration_seconds")
                .help("Time from a batch's arrival at the intake to its answer (validation, storing, the evaluation waited for)")
                .labelNames("kind").classicOnly().classicUpperBounds(INTAKE_BOUNDS).register(registry);
        evaluationSeconds = Histogram.builder().name("lvyue_evaluation_duration_seconds")
                .help("Time of a contract's evaluation against its stored records").labelNames("contract")
                .classicOnly().classicUpperBounds(EVALUATION_BOUNDS).register(registry);
        swapSeconds = Histogram.builder().name("lvyue_rule_set_swap_duration_seconds")
                .help("Time from the start of a rule-set change (compiling the domain bundles that came) to its swap")
                .classicOnly().classicUpperBounds(SWAP_BOUNDS).register(registry);
        lastSwap = Gauge.builder().name("lvyue_rule_set_last_swap_timestamp_seconds")
                .help("When the rule set in place was swapped in (Unix time)").register(registry);
        refusals = Counter.builder().name("lvyue_refusals_total")
                .help("Requests refused for overload, nothing done: 429 (the contract's intake queue full) or 503 "
                        + "(no capacity, not ready, every API request slot or every slot for views of a whole contract taken), with Retry-After")
                .labelNames("status", "reason").register(registry);
        // the usual reasons from the first scrape on, at zero: a rate() needs the series before the first refusal
        refusals.labelValues("429", "QUEUE_FULL");
        refusals.labelValues("503", "NO_CAPACITY");
        refusals.labelValues("503", "NOT_READY");
        refusals.labelValues("503", "REQUEST_SLOTS");
        refusals.labelValues("503", "HEAVY_READ_SLOTS");
        refusals.labelValues("503", "NOT_OWNER");
        reports = Counter.builder().name("lvyue_report_renders_total")
                .help("Formal reports asked for: rendered now, reused (the same content just rendered), or failed")
                .labelNames("report", "outcome").register(registry);
        reportSeconds = Histogram.builder().name("lvyue_report_render_duration_seconds")
                .help("Time of a formal report's rendering to PDF").labelNames("report")
                .classicOnly().classicUpperBounds(REPORT_BOUNDS).register(registry);
    }

    @Override
    public void ingested(String contractId, String kind, int count, Duration took) {
        batches.labelValues(contractId, kind).inc();
        records.labelValues(contractId, kind).inc(count);
        intakeSeconds.labelValues(kind).observe(seconds(took));
    }

    @Override
    public void evaluated(String contractId, Duration took) {
        evaluationSeconds.labelValues(contractId).observe(seconds(took));
    }

    @Override
    public void ruleSetSwapped(long ruleSetVersion, Duration took) {
        swapSeconds.observe(seconds(took));
        lastSwap.set(System.currentTimeMillis() / 1000.0);
    }

    @Override
    public void refused(int status, String reason) {
        refusals.labelValues(Integer.toString(status), reason).inc();
    }

    @Override
    public void rendered(String report, String outcome, Duration took) {
        reports.labelValues(report, outcome).inc();
        if (RENDERED.equals(outcome)) {
            reportSeconds.labelValues(report).observe(seconds(took));
        }
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
