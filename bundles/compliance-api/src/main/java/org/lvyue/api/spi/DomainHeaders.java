package org.lvyue.api.spi;

/**
 * The manifest headers that make a bundle a domain bundle. A domain bundle carries its rules (DRL),
 * its obligation catalogue and, optionally, collectors and report fragments; the engine's extender
 * loads it when the bundle starts and drops it when it stops.
 *
 * <pre>
 * Compliance-Domain: emergency-drill
 * Compliance-Rules: /rules
 * Compliance-Catalogue: /catalogue.json
 * </pre>
 */
public final class DomainHeaders {
    /** The domain id, lower-case with hyphens; presence of this header marks a domain bundle. */
    public static final String DOMAIN = "Compliance-Domain";
    /** Folder inside the bundle holding the {@code .drl} files; default {@value #DEFAULT_RULES}. */
    public static final String RULES = "Compliance-Rules";
    /** Path of the catalogue JSON inside the bundle; default {@value #DEFAULT_CATALOGUE}. */
    public static final String CATALOGUE = "Compliance-Catalogue";

    public static final String DEFAULT_RULES = "/rules";
    public static final String DEFAULT_CATALOGUE = "/catalogue.json";

    private DomainHeaders() {
    }
}
