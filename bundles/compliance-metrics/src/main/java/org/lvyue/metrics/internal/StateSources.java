package org.lvyue.metrics.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.lvyue.api.engine.ComplianceEngine;
import org.lvyue.api.metrics.Figures;
import org.lvyue.api.service.Contracts;
import org.lvyue.api.service.Findings;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Adds to the metrics what is read at each scrape ({@link States}): the engine, the contracts' findings and every
 * {@link Figures} service, for as long as they are there.
 */
@Component(service = {}, immediate = true)
public final class StateSources {
    private final Metrics metrics;
    private final States states;
    private final List<Figures> figures = new CopyOnWriteArrayList<>();

    @Activate
    public StateSources(@Reference Metrics metrics, @Reference ComplianceEngine engine, @Reference Contracts contracts,
                        @Reference Findings findings) {
        this.metrics = metrics;
        this.states = new States(engine, contracts, findings, () -> figures);
        metrics.register(states);
    }

    @Deactivate
    void deactivate() {
        metrics.unregister(states);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindFigures(Figures source) {
        figures.add(source);
    }

    void unbindFigures(Figures source) {
        figures.remove(source);
    }
}
