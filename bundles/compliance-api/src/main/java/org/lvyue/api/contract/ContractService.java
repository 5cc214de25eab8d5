package org.lvyue.api.contract;

import java.util.Map;
import java.util.Objects;

/**
 * One service (a domain of the catalogue) the contract buys, with what the contract sets differently
 * from the domain's catalogue.
 *
 * @param domain    the domain id, e.g. {@code support}
 * @param versions  the OSGi version range of the domain bundle the contract is held against (e.g.
 *                  {@code [1.0,2)}), or null for any
 * @param overrides by obligation id, the obligation's parameters the contract sets differently: {@code frequency},
 *                  {@code count}, {@code severity} or a key of the obligation's params (e.g. {@code minYears}), each
 *                  as text
 */
public record ContractService(String domain, String versions, Map<String, Map<String, String>> overrides) {
    public ContractService {
        Objects.requireNonNull(domain, "domain");
        // sorted, so that a definition shows and digests the same whatever order it was written in
        java.util.SortedMap<String, Map<String, String>> sorted = new java.util.TreeMap<>();
        if (overrides != null) {
            overrides.forEach((k, v) -> sorted.put(k, java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(v))));
        }
        overrides = java.util.Collections.unmodifiableSortedMap(sorted);
    }

    /** A service bought as the catalogue describes it. */
    public static ContractService of(String domain) {
        return new ContractService(domain, null, Map.of());
    }
}
