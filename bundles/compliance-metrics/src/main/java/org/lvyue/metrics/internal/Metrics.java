package org.lvyue.metrics.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import org.lvyue.api.engine.ComplianceEngine;
import org.lvyue.api.metrics.EngineListener;
import org.lvyue.api.metrics.Figures;
import org.lvyue.api.metrics.IntakeListener;
import org.lvyue.api.metrics.RefusalListener;
import org.lvyue.api.metrics.ReportListener;
import org.lvyue.api.service.Contracts;
import org.lvyue.api.service.Findings;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The product's metrics in one Prometheus registry: the listener of the events the modules tell
 * ({@link Instruments}) and the states read at each scrape ({@link States}, with every {@link Figures} service).
 * The exposition ({@code /metrics}) writes what {@link #write} gives.
 */
@Component(service = {Metrics.class, IntakeListener.class, EngineListener.class, RefusalListener.class,
        ReportListener.class})
public final class Metrics implements IntakeListener, EngineListener, RefusalListener, ReportListener {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Instruments instruments;
    private final List<Figures> figures = new CopyOnWriteArrayList<>();

    @Activate
    public Metrics(@Reference ComplianceEngine engine, @Reference Contracts contracts, @Reference Findings findings) {
        instruments = new Instruments(registry);
        registry.register(new States(engine, contracts, findings, () -> figures));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindFigures(Figures source) {
        figures.add(source);
    }

    void unbindFigures(Figures source) {
        figures.remove(source);
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
