package org.lvyue.engine.osgi;

import java.time.Duration;

import org.lvyue.api.engine.ComplianceEngine;
import org.lvyue.api.engine.ContractSwitchListener;
import org.lvyue.api.engine.RuleSetListener;
import org.lvyue.engine.internal.DroolsEngine;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Publishes the engine as an OSGi service and runs the domain-bundle extender beside it. */
@Component(service = ComplianceEngine.class, immediate = true, configurationPid = EngineComponent.PID)
@Designate(ocd = EngineConfig.class)
public class EngineComponent extends DroolsEngine {
    static final String PID = "org.lvyue.engine";
    private static final Logger LOG = LoggerFactory.getLogger(EngineComponent.class);
    /** How long a stopped domain bundle's rules stay, in case it is restarting (an update). */
    private static final long STOP_GRACE_MILLIS = 1000;

    /** The folder of the distribution's home holding the rules compiled at build time. */
    static final String SHIPPED_RULES = "compiled-rules";

    private DomainBundleExtender extender;

    @Activate
    void activate(BundleContext context, EngineConfig config) {
        configure(config);
        String data = context.getProperty("karaf.data");
        if (data != null && !data.isBlank()) {
            // the engine bundle's build stamp names its build, so the rules the distribution ships compiled
            // at build time (compiled-rules/ in its home) are found, and a SNAPSHOT rebuilt gets new entries
            org.osgi.framework.Bundle self = context.getBundle();
            String home = context.getProperty("karaf.home");
            String stamp = self.getHeaders("").get(org.lvyue.engine.internal.CompiledPackageCache.BUILD_STAMP);
            usePackageCache(new org.lvyue.engine.internal.CompiledPackageCache(
                    java.nio.file.Path.of(data, "lvyue", "compiled-rules"),
                    org.lvyue.engine.internal.CompiledPackageCache.engineKey(self.getVersion().toString(),
                            stamp != null ? stamp : "installed-" + self.getLastModified()),
                    home == null || home.isBlank() ? null : java.nio.file.Path.of(home, SHIPPED_RULES)));
        }
        extender = new DomainBundleExtender(context, this, STOP_GRACE_MILLIS, BootSet.Timing.PRODUCT, () -> signatures);
        extender.open();
    }

    /** Which domain bundles added at run time load, by their signatures. */
    private volatile SignaturePolicy signatures = SignaturePolicy.NONE;

    /** A new time limit applies from the next evaluation on; the rules and contracts held stay. */
    @Modified
    void modified(EngineConfig config) {
        SignaturePolicy before = signatures;
        configure(config);
        if (extender != null && !signatures.equals(before)) {
            extender.policyChanged();
        }
    }

    private void configure(EngineConfig config) {
        java.util.List<String> trusted = new java.util.ArrayList<>();
        for (String t : config.trustedBundleSigners() == null ? new String[0] : config.trustedBundleSigners()) {
            for (String one : t.split(",")) {
                if (!one.isBlank()) {
                    trusted.add(one.trim());
                }
            }
        }
        signatures = new SignaturePolicy(config.requireSignedBundles(), trusted);
        LOG.info("Domain bundles added at run time: {}; {} trusted signer(s)", config.requireSignedBundles()
                ? "only those a trusted signer signed" : "signed or not (a signature that does not hold is refused)",
                trusted.size());
        budget(config);
        int seconds = config.evaluationTimeLimit();
        if (seconds < 1) {
            LOG.warn("evaluationTimeLimit = {} in {}.cfg is not a positive number of seconds; {} s applies", seconds, PID,
                    evaluationTimeLimit().toSeconds());
            return;
        }
        setEvaluationTimeLimit(Duration.ofSeconds(seconds));
        LOG.info("Evaluation time limit {} s", seconds);
    }

    /** A budget or idle time that is not positive keeps the one before, with a warning: the defaults at first. */
    private void budget(EngineConfig config) {
        long mib = config.memoryBudgetMiB();
        int minutes = config.memoryIdleMinutes();
        if (mib < 0 || minutes < 1) {
            LOG.warn("memoryBudgetMiB = {} or memoryIdleMinutes = {} in {}.cfg is not valid; the budget stays {} MiB, "
                    + "idle time {} min", mib, minutes, PID, memory().budgetBytes() >> 20, memory().idle().toMinutes());
            return;
        }
        long bytes = mib == 0 ? Runtime.getRuntime().maxMemory() / 2 : mib << 20;
        setMemoryBudget(bytes, Duration.ofMinutes(minutes));
        LOG.info("Memory budget of the working memories {} MiB{} of a {} MiB heap, idle time {} min", bytes >> 20,
                mib == 0 ? " (half)" : "", Runtime.getRuntime().maxMemory() >> 20, minutes);
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

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindSwitchListener(ContractSwitchListener listener) {
        addSwitchListener(listener);
    }

    void unbindSwitchListener(ContractSwitchListener listener) {
        removeSwitchListener(listener);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindEngineListener(org.lvyue.api.metrics.EngineListener listener) {
        addEngineListener(listener);
    }

    void unbindEngineListener(org.lvyue.api.metrics.EngineListener listener) {
        removeEngineListener(listener);
    }
}
