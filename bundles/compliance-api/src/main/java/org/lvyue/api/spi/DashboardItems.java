package org.lvyue.api.spi;

import java.util.List;
import java.util.Map;

/**
 * What a domain declares in its catalogue ({@code "dashboard"}) for the deadlines of the coming week,
 * beyond what the standard obligation shapes give.
 *
 * @param ownRulesDeadline the deadline kind (e.g. {@code drill}) under which its periodic obligations without a
 *                         category (held by its own rules) are reminded: by the end of their period, or
 *                         their offset after the period's first anchor fact when that is sooner; or null
 * @param expiries         facts whose validity ends soon (certificates...)
 */
public record DashboardItems(String ownRulesDeadline, List<Expiry> expiries) {
    public static final DashboardItems NONE = new DashboardItems(null, List.of());

    public DashboardItems {
        expiries = expiries == null ? List.of() : List.copyOf(expiries);
    }

    /**
     * Facts of {@code kind} whose attribute {@code until} (a date or date-time) falls in the window, unless a
     * fact of {@code revokedKind} has the same subject. Each is reminded alone, titled by its attribute
     * {@code by} ({@code titles}, key {@code *} for any other value) followed by its attribute {@code name};
     * those whose {@code by} is missing or {@code counted} are gathered per day: one alone as the others,
     * several as {@code countTitle} with {@code {n}} replaced by their number, ref {@code countRef/day}.
     */
    public record Expiry(String kind, String until, String revokedKind, String name, String deadlineKind, String by,
                         Map<String, String> titles, String counted, String countTitle, String countRef) {
        public Expiry {
            titles = titles == null ? Map.of() : Map.copyOf(titles);
        }

        /** The title prefix for a value of {@code by}. */
        public String title(String value) {
            return titles.getOrDefault(value, titles.getOrDefault("*", ""));
        }
    }
}
