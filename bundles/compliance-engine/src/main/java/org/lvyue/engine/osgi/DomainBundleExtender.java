package org.lvyue.engine.osgi;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.lvyue.api.spi.DomainHeaders;
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

    DomainBundleExtender(BundleContext context, DroolsEngine engine, long stopGraceMillis, BootSet.Timing timing) {
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
                if (source != null) {
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
        if (source == null || bootSet.arrived(source)) {
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

    private void cancelPendingStop(long bundleId) {
        ScheduledFuture<?> f = pendingStops.remove(bundleId);
        if (f != null) {
            f.cancel(false);
        }
    }

    static boolean isDomainBundle(Bundle b) {
        return b.getHeaders("").get(DomainHeaders.DOMAIN) != null;
    }

    static DomainSource read(Bundle b) throws IOException {
        String domain = b.getHeaders("").get(DomainHeaders.DOMAIN).trim();
        String rulesPath = header(b, DomainHeaders.RULES, DomainHeaders.DEFAULT_RULES);
        String cataloguePath = header(b, DomainHeaders.CATALOGUE, DomainHeaders.DEFAULT_CATALOGUE);
        Map<String, byte[]> drl = new LinkedHashMap<>();
        Enumeration<URL> entries = b.findEntries(rulesPath, "*.drl", true);
        List<URL> urls = entries == null ? List.of() : Collections.list(entries);
        List<URL> sorted = new ArrayList<>(urls);
        sorted.sort((x, y) -> x.getPath().compareTo(y.getPath()));
        for (URL u : sorted) {
            drl.put(u.getPath().replaceFirst("^/", ""), readAll(u));
        }
        URL catalogue = b.getEntry(cataloguePath);
        BundleWiring wiring = b.adapt(BundleWiring.class);
        return new DomainSource(b.getBundleId(), b.getSymbolicName(), b.getVersion().toString(), domain, drl,
                catalogue == null ? null : readAll(catalogue), cataloguePath.replaceFirst("^/", ""),
                wiring == null ? null : wiring.getClassLoader(), contentDigest(b));
    }

    /**
     * A digest of every entry of the bundle, names and bytes: its DRL may use its own classes, so its
     * compiled rules are reused only for the very same content. Domain bundles are small.
     */
    static String contentDigest(Bundle b) throws IOException {
        java.security.MessageDigest md;
        try {
            md = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Enumeration<URL> entries = b.findEntries("/", "*", true);
        List<URL> urls = entries == null ? new ArrayList<>() : Collections.list(entries);
        urls.sort((x, y) -> x.getPath().compareTo(y.getPath()));
        for (URL u : urls) {
            if (u.getPath().endsWith("/")) {
                continue;
            }
            md.update(u.getPath().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(readAll(u));
        }
        return java.util.HexFormat.of().formatHex(md.digest());
    }

    private static String header(Bundle b, String name, String fallback) {
        String v = b.getHeaders("").get(name);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    private static byte[] readAll(URL u) throws IOException {
        try (InputStream in = u.openStream()) {
            return in.readAllBytes();
        }
    }
}
