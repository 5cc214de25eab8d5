package org.lvyue.engine.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lvyue.api.spi.DomainHeaders;

/**
 * The files and headers of a domain bundle, whether installed in the framework or still a jar on disk,
 * and the one way a {@link DomainSource} is read from them. Both readings must give the same content
 * digest: the rules compiled into the distribution at build time are found at run time under it.
 */
public interface DomainBundleContent {

    /** A main manifest header, or null. */
    String header(String name);

    /** The path of every file in the bundle (no folders), starting with {@code /}. */
    List<String> files() throws IOException;

    /** The bytes of the file at {@code path}, as given by {@link #files()}. */
    byte[] read(String path) throws IOException;

    /** Whether the bundle declares a compliance domain. */
    default boolean isDomainBundle() {
        return header(DomainHeaders.DOMAIN) != null;
    }

    /**
     * The bundle's domain source.
     *
     * @param bundleId     the framework's id of the bundle (any unique number outside the framework)
     * @param symbolicName the bundle's symbolic name, without directives
     * @param version      the bundle's version, normalised as the framework prints it
     * @param classLoader  the bundle's class loader, for classes its rules use
     */
    default DomainSource source(long bundleId, String symbolicName, String version, ClassLoader classLoader) throws IOException {
        String domain = header(DomainHeaders.DOMAIN).trim();
        String rulesPath = rooted(headerOr(DomainHeaders.RULES, DomainHeaders.DEFAULT_RULES));
        String cataloguePath = rooted(headerOr(DomainHeaders.CATALOGUE, DomainHeaders.DEFAULT_CATALOGUE));
        List<String> files = new ArrayList<>(files());
        files.sort(null);
        String rulesFolder = rulesPath.endsWith("/") ? rulesPath : rulesPath + "/";
        Map<String, byte[]> drl = new LinkedHashMap<>();
        byte[] catalogue = null;
        MessageDigest digest = sha256();
        for (String path : files) {
            byte[] bytes = read(path);
            // every file, names and bytes: the DRL may use the bundle's own classes
            digest.update(path.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(bytes);
            if (path.startsWith(rulesFolder) && path.endsWith(".drl")) {
                drl.put(path.substring(1), bytes);
            }
            if (path.equals(cataloguePath)) {
                catalogue = bytes;
            }
        }
        return new DomainSource(bundleId, symbolicName, version, domain, drl, catalogue, cataloguePath.substring(1),
                classLoader, HexFormat.of().formatHex(digest.digest()));
    }

    private String headerOr(String name, String fallback) {
        String v = header(name);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    private static String rooted(String path) {
        return path.startsWith("/") ? path : "/" + path;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
