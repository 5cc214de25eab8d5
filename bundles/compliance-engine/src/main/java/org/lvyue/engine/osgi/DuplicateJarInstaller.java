package org.lvyue.engine.osgi;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.felix.fileinstall.ArtifactInstaller;
import org.lvyue.api.engine.DomainStatus;
import org.lvyue.engine.internal.DroolsEngine;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims, for Felix File Install, a domain jar dropped into {@code deploy/} that has the symbolic
 * name and version of a bundle installed from another file. Left to File Install, it would update
 * that bundle from the new file (the jar dropped last would run) and tie the bundle to both files, so
 * that removing the duplicate would uninstall the running bundle. Claimed here, the bundle installed
 * first keeps running untouched, the duplicate is reported refused until it is removed, and removing
 * it changes nothing else. File Install asks its listeners before its own bundle handling.
 */
final class DuplicateJarInstaller implements ArtifactInstaller {
    private static final Logger LOG = LoggerFactory.getLogger(DuplicateJarInstaller.class);

    private final BundleContext context;
    private final DroolsEngine engine;
    private final Map<Path, DomainStatus> refused = new LinkedHashMap<>();

    DuplicateJarInstaller(BundleContext context, DroolsEngine engine) {
        this.context = context;
        this.engine = engine;
    }

    @Override
    public boolean canHandle(File artifact) {
        if (!artifact.getName().endsWith(".jar") || !artifact.isFile()) {
            return false;
        }
        DuplicateJars.Jar jar = DuplicateJars.read(artifact.toPath());
        return jar != null && DuplicateJars.twin(jar, installed()) != null;
    }

    @Override
    public void install(File artifact) {
        refuse(artifact.toPath());
    }

    @Override
    public void update(File artifact) {
        refuse(artifact.toPath());
    }

    @Override
    public void uninstall(File artifact) {
        synchronized (refused) {
            refused.remove(artifact.toPath().toAbsolutePath().normalize());
        }
        publish();
    }

    private void refuse(Path file) {
        DuplicateJars.Jar jar = Files.isRegularFile(file) ? DuplicateJars.read(file) : null;
        DuplicateJars.Installed running = jar == null ? null : DuplicateJars.twin(jar, installed());
        if (running == null) {
            return; // gone meanwhile: File Install asks again when the file changes
        }
        DomainStatus status;
        synchronized (refused) {
            DomainStatus before = refused.get(jar.file());
            status = DuplicateJars.refusal(jar, running, before == null ? Instant.now() : before.since());
            refused.put(jar.file(), status);
        }
        LOG.error("Domain jar {} refused: {}", jar.file().getFileName(), status.problems().get(0).message());
        publish();
    }

    private void publish() {
        List<DomainStatus> all;
        synchronized (refused) {
            all = new ArrayList<>(refused.values());
        }
        engine.deployFolderRefusals(all);
    }

    private List<DuplicateJars.Installed> installed() {
        List<DuplicateJars.Installed> out = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            if (b.getSymbolicName() != null) {
                out.add(new DuplicateJars.Installed(b.getBundleId(), b.getSymbolicName(), b.getVersion(),
                        DuplicateJars.fileOf(b.getLocation())));
            }
        }
        return out;
    }
}
