package org.lvyue.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.lvyue.api.security.AccessPolicy;

/** Who reads /metrics: the role decides, the product's access policy speaks first, a wrong password is a 401. */
class MetricsAccessTest {
    private static final Map<String, String> PASSWORDS = Map.of("admin", "admin", "evaluator", "evaluator", "prom", "s3cret-scrape");
    private static final Map<String, Set<String>> ROLES = Map.of("admin", Set.of("admin"), "evaluator", Set.of("evaluator"),
            "prom", Set.of("metrics"));

    private static final class Policy implements AccessPolicy {
        boolean production;
        boolean https;

        @Override
        public Set<String> realmRoles(String user) {
            return Set.of();
        }

        @Override
        public String profile() {
            return production ? PRODUCTION : DEMO;
        }

        @Override
        public boolean httpsRequired() {
            return https;
        }

        @Override
        public Refusal refusal(String user, char[] password) {
            return production && new String(password).equals(user) ? new Refusal("演示口令被拒绝", "demo password refused") : null;
        }

        @Override
        public Refusal terminalRefusal(String user, java.util.Collection<String> roles, String address) {
            return null;
        }

        @Override
        public Refusal weakness(String user, char[] password) {
            return null;
        }

        @Override
        public void setPassword(String user, char[] password, List<String> roles) {
            throw new UnsupportedOperationException();
        }
    }

    private final Policy policy = new Policy();
    private final MetricsAccess access = new MetricsAccess(
            (user, password) -> new String(password).equals(PASSWORDS.get(user)) ? ROLES.get(user) : null, policy,
            List.of("admin", "metrics"), true, () -> null);

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void a_user_with_the_admin_or_metrics_role_reads_the_metrics() {
        assertEquals(200, access.decide(basic("admin", "admin"), false, "127.0.0.1").status());
        assertEquals(200, access.decide(basic("prom", "s3cret-scrape"), false, "127.0.0.1").status());
    }

    @Test
    void without_a_login_it_is_401_and_a_user_without_the_role_is_403() {
        assertEquals(401, access.decide(null, false, "127.0.0.1").status());
        assertEquals(401, access.decide("Bearer abc", false, "127.0.0.1").status());
        assertEquals(401, access.decide(basic("admin", "wrong"), false, "127.0.0.1").status());
        MetricsAccess.Decision d = access.decide(basic("evaluator", "evaluator"), false, "127.0.0.1");
        assertEquals(403, d.status());
        assertTrue(d.message().startsWith("用户 evaluator 没有"), d.message());
    }

    @Test
    void the_production_profile_refuses_demo_credentials_and_may_require_https() {
        policy.production = true;
        assertEquals(401, access.decide(basic("admin", "admin"), true, "127.0.0.1").status());
        assertEquals(200, access.decide(basic("prom", "s3cret-scrape"), false, "127.0.0.1").status());
        policy.https = true;
        assertEquals(403, access.decide(basic("prom", "s3cret-scrape"), false, "127.0.0.1").status());
        assertEquals(200, access.decide(basic("prom", "s3cret-scrape"), true, "127.0.0.1").status());
    }

    @Test
    void the_roles_of_a_cfg_file_come_as_one_comma_separated_value_and_count_each() {
        assertEquals(List.of("admin", "metrics"), MetricsServlet.roles(new String[] {"admin,metrics"}));
        assertEquals(List.of("admin", "metrics"), MetricsServlet.roles(new String[] {"admin", " metrics "}));
    }

    @Test
    void with_the_login_switched_off_anyone_reads_them() {
        MetricsAccess open = new MetricsAccess((u, p) -> null, policy, List.of("metrics"), false, () -> null);
        assertEquals(200, open.decide(null, false, "127.0.0.1").status());
    }
}
