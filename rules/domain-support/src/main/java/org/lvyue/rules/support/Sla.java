package org.lvyue.rules.support;

import java.time.Duration;
import java.time.LocalDateTime;

import org.lvyue.api.contract.Term;
import org.lvyue.api.fact.Fact;

/**
 * The response deadlines of 附件三 x.x.6 for one request, from the contract's supportSla and
 * supportSites terms. The clock is 7x24 (the contract's "7×24小时响应"): deadlines run in elapsed time.
 */
public final class Sla {
    private Sla() {
    }

    /** When the phone contact is due. */
    public static LocalDateTime phoneDue(Fact request, Term sla) {
        return request.getTime().plusMinutes(sla.integer("phoneContactMinutes"));
    }

    /** Whether the request's site is suburban; an unclassified site counts as urban (the stricter target). */
    public static boolean suburban(Fact request, Term sites) {
        return "suburban".equals(sites.values().get(request.getAttributes().get("site")));
    }

    public static boolean classified(Fact request, Term sites) {
        return sites.values().containsKey(request.getAttributes().get("site"));
    }

    /** When the engineer must be on site. */
    public static LocalDateTime onsiteDue(Fact request, Term sla, Term sites) {
        return request.getTime().plusMinutes(sla.integer(suburban(request, sites) ? "onsiteSuburbanMinutes" : "onsiteUrbanMinutes"));
    }

    /** The time a warning starts: the deadline minus the warning lead. */
    public static LocalDateTime warnFrom(LocalDateTime due, Term sla) {
        return due.minusMinutes(sla.integer("warnBeforeMinutes"));
    }

    /** {@code 1 小时 25 分}. */
    public static String minutes(LocalDateTime from, LocalDateTime to) {
        long m = Duration.between(from, to).toMinutes();
        return (m >= 60 ? m / 60 + " 小时 " : "") + m % 60 + " 分";
    }
}
