package org.lvyue.api.contract;

import java.util.List;
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
 * @param systems   the client's systems the service's check items are checked on, one record each (主 and 备, or
 *                  互联网 and 政务外网): the client's installation, not the catalogue's, so the contract names them; empty
 *                  when it names none (each item is then checked once, on no named system)
 */
public record ContractService(String domain, String versions, Map<String, Map<String, String>> overrides,
                              List<String> systems) {
    public ContractService {
        Objects.requireNonNull(domain, "domain");
        systems = systems == null ? List.of() : List.copyOf(systems);
        // sorted, so that a definition shows and digests the same whatever order it was written in
        java.util.SortedMap<String, Map<String, String>> sorted = new java.util.TreeMap<>();
        if (overrides != null) {
            overrides.forEach((k, v) -> sorted.put(k, java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(v))));
        }
        overrides = java.util.Collections.unmodifiableSortedMap(sorted);
    }

    /**
     * Whether a domain bundle of that version serves this contract: inside {@link #versions} as OSGi reads a range
     * ({@code [1.0,2)}: from 1.0 up to but not 2; a single version: that one or later); a qualifier is ignored.
     */
    public boolean accepts(String bundleVersion) {
        if (versions == null) {
            return true;
        }
        int[] v = numbers(bundleVersion);
        String r = versions.strip();
        if (!r.startsWith("[") && !r.startsWith("(")) {
            return compare(v, numbers(r)) >= 0;
        }
        String[] ends = r.substring(1, r.length() - 1).split(",");
        int low = compare(v, numbers(ends[0]));
        int high = compare(v, numbers(ends[1]));
        return (r.startsWith("[") ? low >= 0 : low > 0) && (r.endsWith("]") ? high <= 0 : high < 0);
    }

    private static int[] numbers(String version) {
        String[] parts = version.strip().split("\\.");
        int[] n = new int[3];
        for (int i = 0; i < 3 && i < parts.length; i++) {
            try {
                n[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a version: " + version, e);
            }
        }
        return n;
    }

    private static int compare(int[] a, int[] b) {
        for (int i = 0; i < 3; i++) {
            if (a[i] != b[i]) {
                return Integer.compare(a[i], b[i]);
            }
        }
        return 0;
    }

    /** A service that names no systems. */
    public ContractService(String domain, String versions, Map<String, Map<String, String>> overrides) {
        this(domain, versions, overrides, List.of());
    }

    /** A service bought as the catalogue describes it. */
    public static ContractService of(String domain) {
        return new ContractService(domain, null, Map.of());
    }
}
