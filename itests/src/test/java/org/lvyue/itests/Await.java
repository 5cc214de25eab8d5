package org.lvyue.itests;

import java.util.function.Supplier;

/**
 * Waits for a condition the product reaches asynchronously (fileinstall polling, a rule set swap),
 * checking it repeatedly up to a deadline; fails with the last value seen. Not a sleep-and-hope:
 * it returns as soon as the condition holds.
 */
final class Await {
    /** Every domain bundle the distribution ships in {@code deploy/}. */
    static final java.util.Set<String> SHIPPED_DOMAINS = java.util.Set.of("emergency-drill", "general-terms", "obligations",
            "identity-auth", "data-encryption", "key-management", "security-verification", "security-audit", "certificates",
            "user-management", "permission-management", "network-security", "support", "staffing", "pki");

    private Await() {
    }

    static <T> T until(String what, Supplier<T> probe, java.util.function.Predicate<T> done, long timeoutMillis) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        T last = probe.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeoutMillis + " ms waiting for " + what + "; last: " + last);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            last = probe.get();
        }
        return last;
    }

    /**
     * Until the given domains are active and the contract's findings were recorded with the active
     * rule set (re-evaluation follows each swap asynchronously).
     */
    static void domains(java.util.Set<String> domains, String contract) {
        until("domains " + domains + " active", () -> {
            java.util.Set<String> active = new java.util.TreeSet<>();
            Http.health().path("domains").forEach(d -> {
                if ("ACTIVE".equals(d.path("state").asText())) {
                    active.add(d.path("domain").asText());
                }
            });
            return active;
        }, active -> active.containsAll(domains), 60_000);
        until("findings current with the rule set", () -> {
            try {
                long active = Http.health().path("ruleSetVersion").asLong(-1);
                Http.Reply c = Http.get(contract, "evaluator");
                return c.status() == 200 && active == new com.fasterxml.jackson.databind.ObjectMapper().readTree(c.body())
                        .path("findingsRuleSetVersion").asLong();
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }, current -> current, 60_000);
    }
}
