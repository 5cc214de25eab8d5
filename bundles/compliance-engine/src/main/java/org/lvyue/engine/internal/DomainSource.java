package org.lvyue.engine.internal;

import java.util.Map;

/**
 * The raw material of a domain bundle, read out of it: its identity, its DRL files and its catalogue.
 * Kept free of OSGi types so the compiler can be tested on a plain class path.
 *
 * @param bundleId     the OSGi bundle id (any unique number in tests)
 * @param symbolicName the bundle's symbolic name
 * @param version      the bundle's version
 * @param domainId     the {@code Compliance-Domain} header
 * @param drlFiles     DRL sources by path inside the bundle, in a stable order
 * @param catalogue    the catalogue JSON, or null when the bundle has none
 * @param cataloguePath where the catalogue was looked for
 * @param classLoader  the bundle's class loader, for fact classes its rules may use
 * @param contentDigest a digest of everything in the bundle its compiled rules depend on: the key of
 *                     its entry in the {@link CompiledPackageCache}
 */
public record DomainSource(long bundleId, String symbolicName, String version, String domainId,
                           Map<String, byte[]> drlFiles, byte[] catalogue, String cataloguePath,
                           ClassLoader classLoader, String contentDigest) {

    /** A source whose digest is that of its DRL and catalogue: for bundles whose classes the rules do not use. */
    public DomainSource(long bundleId, String symbolicName, String version, String domainId,
                        Map<String, byte[]> drlFiles, byte[] catalogue, String cataloguePath, ClassLoader classLoader) {
        this(bundleId, symbolicName, version, domainId, drlFiles, catalogue, cataloguePath, classLoader,
                CompiledPackageCache.digestOf(drlFiles, catalogue));
    }
}
