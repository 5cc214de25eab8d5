package org.lvyue.metrics.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import org.lvyue.api.metrics.EngineListener;
import org.lvyue.api.metrics.IntakeListener;
import org.lvyue.api.metrics.RefusalListener;
import org.lvyue.api.metrics.ReportListener;
import org.osgi.service.component.annotations.Component;

/**
 * The product's metrics in one Prometheus registry: the listener of the events the modules tell
 * ({@link Instruments}), and the states read at each scrape that {@link StateSources} adds. The exposition
 * ({@code /metrics}) writes what {@link #write} gives.
 *
 * <p>It references no service: the engine, the intake, the API and the reports bind it while they start, and a
 * reference back to any of them would be a cycle. Immediate: the counts live as long as the bundle, whoever uses it.
 */
@Component(service = {Metrics.class, IntakeListener.class, EngineListener.class, RefusalListener.class,
        ReportListener.class}, immediate = true)
public final class Metrics implements IntakeListener, EngineListener, RefusalListener, ReportListener {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Instruments instruments = new Instruments(registry);

    /** Adds families read at each scrape. */
    void register(MultiCollector states) {
        registry.register(states);
    }

    void unregister(MultiCollector states) {
        registry.unregister(states);
    }

    /** The text format's content type. */
    String contentType() {
        return PrometheusTextFormatWriter.CONTENT_TYPE;
    }

    /** Every family now, in the Prometheus text format. */
    void write(OutputStream out) throws IOException {
        writer.write(out, registry.scrape());
    }

    @Override
    public void ingested(String contractId, String kind, int records, Duration took) {
        instruments.ingested(contractId, kind, records, took);
    }

    @Override
    public void evaluated(String contractId, Duration took) {
        instruments.evaluated(contractId, took);
    }

    @Override
    public void ruleSetSwapped(long ruleSetVersion, Duration took) {
        instruments.ruleSetSwapped(ruleSetVersion, took);
    }

    @Override
    public void refused(int status, String reason) {
        instruments.refused(status, reason);
    }

    @Override
    public void rendered(String report, String outcome, Duration took) {
        instruments.rendered(report, outcome, took);
    }
}
