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

    DomainBundleExtender(BundleContext context, DroolsEngine engine, long stopGraceMillis) {
        this.context = context;
        this.engine = engine;
        this.stopGraceMillis = stopGraceMillis;
    }

    void open() {
        context.addBundleListener(this);
        for (Bundle b : context.getBundles()) {
            if (b.getState() == Bundle.ACTIVE && isDomainBundle(b)) {
                started(b);
            }
        }
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
                pendingStops.put(id, worker.schedule(() -> {
                    pendingStops.remove(id);
                    engine.undeploy(id);
                }, stopGraceMillis, TimeUnit.MILLISECONDS));
            }
            case BundleEvent.UNINSTALLED -> {
                cancelPendingStop(b.getBundleId());
                long id = b.getBundleId();
                worker.execute(() -> engine.undeploy(id));
            }
            default -> {
                // other transitions change nothing for the rules
            }
        }
    }

    private void started(Bundle b) {
        cancelPendingStop(b.getBundleId());
        DomainSource source;
        try {
            source = read(b);
        } catch (IOException | RuntimeException e) {
            LOG.error("Cannot read domain bundle {} {}", b.getSymbolicName(), b.getVersion(), e);
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
                wiring == null ? null : wiring.getClassLoader());
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
