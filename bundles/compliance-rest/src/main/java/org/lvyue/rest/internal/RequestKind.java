package org.lvyue.rest.internal;

import java.util.regex.Pattern;

import javax.servlet.http.HttpServletRequest;

/**
 * What a request costs the node, told from its method and path before anything is read: admission holds the
 * expensive kind to fewer requests at once than the rest, so that under overload the node refuses a costly read
 * at once (503) rather than letting a few of them take both processors from the writes and the cheap reads.
 */
enum RequestKind {
    /** A view computed from the whole contract: the dashboard, the ledger, a facts page, an audit search, a report. */
    HEAVY_READ,
    /** Any other request: a write (its own bounded per-contract queue follows) or a read of a few rows. */
    ORDINARY;

    /**
     * The contract views that read or compute over all of a contract's facts, findings or audit entries. The
     * reports and the what-if have their own slots ({@link WorkSlots}) beyond these.
     */
    private static final Pattern HEAVY_GET = Pattern.compile(
            "/contracts/[^/]+/(dashboard|ledger|facts(/kinds)?|audit-events(/stats)?|integrity|assessments/[^/]+"
                    + "|findings/detail|lint|reports/.*)|/activity");
    private static final Pattern HEAVY_POST = Pattern.compile("/contracts/[^/]+/what-if");

    static RequestKind of(HttpServletRequest request) {
        String path = request.getPathInfo();
        if (path == null) {
            return ORDINARY;
        }
        String method = request.getMethod();
        if ("GET".equals(method) && HEAVY_GET.matcher(path).matches()
                || "POST".equals(method) && HEAVY_POST.matcher(path).matches()) {
            return HEAVY_READ;
        }
        return ORDINARY;
    }
}
