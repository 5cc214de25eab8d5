package org.lvyue.engine.osgi;

import org.lvyue.api.engine.ComplianceEngine;
import org.lvyue.api.engine.RuleSetListener;
import org.lvyue.engine.internal.DroolsEngine;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** Publishes the engine as an OSGi service and runs the domain-bundle extender beside it. */
@Component(service = ComplianceEngine.class, immediate = true)
public class EngineComponent extends DroolsEngine {
    /** How long a stopped domain bundle's rules stay, in case it is restarting (an update). */
    private static final long STOP_GRACE_MILLIS = 1000;

    private DomainBundleExtender extender;

    @Activate
    void activate(BundleContext context) {
        extender = new DomainBundleExtender(context, this, STOP_GRACE_MILLIS);
        extender.open();
    }

    @Deactivate
    void deactivate() {
        extender.close();
        close();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindListener(RuleSetListener listener) {
        addListener(listener);
    }

    void unbindListener(RuleSetListener listener) {
        removeListener(listener);
    }
}
