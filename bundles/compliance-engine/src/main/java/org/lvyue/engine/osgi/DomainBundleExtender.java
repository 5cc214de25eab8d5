package org.lvyue.engine.osgi;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.lvyue.api.engine.DomainStatus;
import org.lvyue.engine.internal.DomainSource;
import org.lvyue.engine.internal.DroolsEngine;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.wiring.BundleWiring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The extender: watches bundles carrying {@code Compliance-Domain} and hands them to the engine when
 * they start, and takes them away when they stop or go.
 *
 * <p>An update (what fileinstall does when a jar in {@code deploy/} changes) stops and restarts the
 * bundle; a stop is therefore acted on only after a short grace period, so that a new revision whose
 * rules do not compile leaves the previous revision's rules running instead of none. An uninstall
 * is acted on at once. Compilation runs on the extender's own thread, never on the framework's.
 *
 * <p>At start the domain bundles come up one after another. Built one by one, they would make a rule
 * set per bundle and have every contract prepared again for each; so until the node has started (the
 * framework at its start level, Karaf's boot features installed, and no domain bundle arriving for a
 * moment) the extender only collects them, and then has the engine build them into one rule set
 * ({@link BootSet}). Changes after that make a new rule set each, as they must.
 *
 * <p>It also registers the {@link DuplicateJarInstaller}, which keeps a second jar of an installed
 * domain bundle's name and version out, and reports it.
 */
final class DomainBundleExtender implements SynchronousBundleListener {
    private static final Logger LOG = LoggerFactory.getLogger(DomainBundleExtender.class);

    private final BundleContext context;
    private final DroolsEngine engine;
    private final long stopGraceMillis;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lvyue-domain-extender");
        t.setDaemon(true);
        return t;
    });
    private final Map<Long, ScheduledFuture<?>> pendingStops = new ConcurrentHashMap<>();
    private org.osgi.framework.ServiceRegistration<?> duplicates;
    private final BootSet bootSet;
    private final org.osgi.framework.FrameworkListener frameworkListener;
    private final org.osgi.framework.ServiceListener bootListener;

    /** Karaf's service that says the boot features are installed; looked up by name, as Karaf may not be there. */
    static final String BOOT_FINISHED = "org.apache.karaf.features.BootFinished";

    /** The signature policy as configured now. */
    private final java.util.function.Supplier<SignaturePolicy> policy;

    DomainBundleExtender(BundleContext context, DroolsEngine engine, long stopGraceMillis, BootSet.Timing timing) {
        this(context, engine, stopGraceMillis, timing, () -> SignaturePolicy.NONE);
    }

    DomainBundleExtender(BundleContext context, DroolsEngine engine, long stopGraceMillis, BootSet.Timing timing,
                         java.util.function.Supplier<SignaturePolicy> policy) {
        this.policy = policy;
        this.context = context;
        this.engine = engine;
        this.stopGraceMillis = stopGraceMillis;
        this.bootSet = new BootSet(engine, worker, timing);
        this.frameworkListener = event -> {
            if (event.getType() == org.osgi.framework.FrameworkEvent.STARTED) {
                bootSet.frameworkStarted();
            }
        };
        this.bootListener = event -> {
            if (event.getType() == org.osgi.framework.ServiceEvent.REGISTERED) {
                bootSet.bootFeaturesInstalled();
            }
        };
    }

    void open() {
        context.addBundleListener(this);
        context.addFrameworkListener(frameworkListener);
        try {
            context.addServiceListener(bootListener, "(objectClass=" + BOOT_FINISHED + ")");
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<DomainSource> present = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            if (b.getState() == Bundle.ACTIVE && isDomainBundle(b)) {
                DomainSource source = readOrLog(b);
                if (source != null && admitted(b, source)) {
                    present.add(source);
                }
            }
        }
        // the engine may start long after the node did (a refresh): then what is there is the boot set
        boolean started = context.getBundle(0).getState() == Bundle.ACTIVE;
        boolean booted = context.getServiceReference(BOOT_FINISHED) != null;
        bootSet.open(present, started, booted);
        duplicates = registerDuplicateJarInstaller();
    }

    private org.osgi.framework.ServiceRegistration<?> registerDuplicateJarInstaller() {
        try {
            return context.registerService(org.apache.felix.fileinstall.ArtifactInstaller.class,
                    new DuplicateJarInstaller(context, engine), null);
        } catch (NoClassDefFoundError e) {
            LOG.warn("No Felix File Install: a duplicate domain jar in deploy/ is not watched for");
            return null;
        }
    }

    void close() {
        context.removeBundleListener(this);
        context.removeFrameworkListener(frameworkListener);
        context.removeServiceListener(bootListener);
        if (duplicates != null) {
            try {
                duplicates.unregister();
            } catch (IllegalStateException e) {
                // already gone with the bundle
            }
        }
        worker.shutdownNow();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        Bundle b = event.getBundle();
        if (!isDomainBundle(b)) {
            return;
        }
        switch (event.getType()) {
            case BundleEvent.STARTED -> started(b);
            case BundleEvent.STOPPED -> {
                long id = b.getBundleId();
                if (bootSet.left(id)) {
                    return;
                }
                pendingStops.put(id, worker.schedule(() -> {
                    pendingStops.remove(id);
                    engine.undeploy(id);
                }, stopGraceMillis, TimeUnit.MILLISECONDS));
            }
            case BundleEvent.UNINSTALLED -> {
                cancelPendingStop(b.getBundleId());
                long id = b.getBundleId();
                engine.signatureCleared(id);
                if (bootSet.left(id)) {
                    return;
                }
                worker.execute(() -> engine.undeploy(id));
            }
            default -> {
                // other transitions change nothing for the rules
            }
        }
    }

    private static DomainSource readOrLog(Bundle b) {
        try {
            return read(b);
        } catch (IOException | RuntimeException e) {
            LOG.error("Cannot read domain bundle {} {}", b.getSymbolicName(), b.getVersion(), e);
            return null;
        }
    }

    private void started(Bundle b) {
        cancelPendingStop(b.getBundleId());
        DomainSource source = readOrLog(b);
        if (source == null || !admitted(b, source) || bootSet.arrived(source)) {
            return;
        }
        worker.execute(() -> {
            try {
                engine.deploy(source);
            } catch (RuntimeException e) {
                LOG.error("Domain bundle {} {} could not be loaded", source.symbolicName(), source.version(), e);
            }
        });
    }

    /**
     * Whether the bundle's signature lets its rules load ({@link SignaturePolicy}); a bundle kept out is listed as refused
     * and a revision of it that ran is taken out.
     */
    private boolean admitted(Bundle b, DomainSource source) {
        if (SignaturePolicy.installedWithTheDistribution(b.getLocation()) || engine.shippedWithTheDistribution(source)) {
            return true;
        }
        SignaturePolicy now = policy.get();
        org.lvyue.engine.internal.BundleSignatures.Check check = now.check(new InstalledBundleContent(b));
        if (now.refuses(check)) {
            LOG.error("Domain bundle {} {} ({}) refused: {}", source.symbolicName(), source.version(), b.getLocation(),
                    check.reason());
            DomainStatus refusal = now.refusal(source, check);
            worker.execute(() -> engine.signatureRefused(refusal));
            return false;
        }
        if (check.state() == org.lvyue.engine.internal.BundleSignatures.State.TRUSTED) {
            LOG.info("Domain bundle {} {} signed by {} (certificate SHA-256 {})", source.symbolicName(), source.version(),
                    check.signer(), check.fingerprint());
        } else {
            LOG.warn("Domain bundle {} {} loaded without a trusted signature: {}", source.symbolicName(), source.version(),
                    check.reason());
        }
        engine.signatureCleared(b.getBundleId());
        return true;
    }

    /**
     * The signature policy changed: the running bundles added at run time are checked again, those it now refuses taken
     * out, those it refused before and now admits loaded.
     */
    void policyChanged() {
        worker.execute(() -> {
            for (Bundle b : context.getBundles()) {
                if (b.getState() == Bundle.ACTIVE && isDomainBundle(b)) {
                    boolean refusedBefore = engine.signatureRefused(b.getBundleId());
                    DomainSource source = readOrLog(b);
                    if (source != null && admitted(b, source) && refusedBefore) {
                        try {
                            engine.deploy(source);
                        } catch (RuntimeException e) {
                            LOG.error("Domain bundle {} {} could not be loaded", source.symbolicName(), source.version(), e);
                        }
                    }
                }
            }
        });
    }

    private void cancelPendingStop(long bundleId) {
        ScheduledFuture<?> f = pendingStops.remove(bundleId);
        if (f != null) {
            f.cancel(false);
        }
    }

    static boolean isDomainBundle(Bundle b) {
        return new InstalledBundleContent(b).isDomainBundle();
    }

    static DomainSource read(Bundle b) throws IOException {
        BundleWiring wiring = b.adapt(BundleWiring.class);
        return new InstalledBundleContent(b).source(b.getBundleId(), b.getSymbolicName(), b.getVersion().toString(),
                wiring == null ? null : wiring.getClassLoader());
    }
}
