package org.lvyue.engine.osgi;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

import org.lvyue.engine.internal.DomainBundleContent;
import org.osgi.framework.Bundle;

/** The files and headers of an installed bundle, as the framework gives them. */
final class InstalledBundleContent implements DomainBundleContent {
    private final Bundle bundle;

    InstalledBundleContent(Bundle bundle) {
        this.bundle = bundle;
    }

    @Override
    public String header(String name) {
        return bundle.getHeaders("").get(name);
    }

    @Override
    public List<String> files() {
        Enumeration<URL> entries = bundle.findEntries("/", "*", true);
        List<String> paths = new ArrayList<>();
        while (entries != null && entries.hasMoreElements()) {
            String path = entries.nextElement().getPath();
            if (!path.endsWith("/")) {
                paths.add(path.startsWith("/") ? path : "/" + path);
            }
        }
        return paths;
    }

    @Override
    public byte[] read(String path) throws IOException {
        URL entry = bundle.getEntry(path);
        if (entry == null) {
            throw new IOException(path + " is not in bundle " + bundle.getSymbolicName());
        }
        try (InputStream in = entry.openStream()) {
            return in.readAllBytes();
        }
    }
}
