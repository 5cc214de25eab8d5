package org.lvyue.engine.internal;

import org.lvyue.api.spi.DomainCatalogue;

/** Test access to the engine's catalogue parser (package-private): fact kinds exactly as the engine declares them. */
public final class DemoCatalogueParser {
    private DemoCatalogueParser() {
    }

    public static DomainCatalogue parse(byte[] json, String domain) throws CatalogueException {
        return CatalogueParser.parse(json, domain);
    }
}
