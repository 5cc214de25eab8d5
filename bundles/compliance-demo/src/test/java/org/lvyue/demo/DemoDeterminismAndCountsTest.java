package org.lvyue.demo;

import org.lvyue.api.audit.AuditEvent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Iterator;
import java.util.Map;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DemoDeterminismAndCountsTest {

    /** At a tenth of the year: every generator runs at any scale, and a second year of scale 1 costs ten seconds. */
    @Test
    void another_seed_gives_another_year_and_the_same_seed_again_the_same_byte_for_byte() throws Exception {
        DemoOptions small = DemoFixture.options().withScale(0.1);
        String a = Digests.of(DemoYear.generate(small));
        String b = Digests.of(DemoYear.generate(small.withSeed(small.seed() + 1)));
        assertNotEquals(a, b);
        assertEquals(a, Digests.of(DemoYear.generate(small)));
    }

    @Test
    void the_volumes_at_scale_1_are_those_of_the_contract_within_10_percent() {
        DemoData data = DemoFixture.standard();
        Map<String, Integer> c = data.counts();
        within(2_000, c.get("support.request"), "support requests");
        assertEquals(22_500, c.get("userCertificates"));
        within(300, c.get("crlEntries"), "revoked serials");
        within(1_000_000, auditEventsIn2022(data), "audit events of 2022");
        assertEquals(17, c.get("staff.member"), "15 people and the two replacements (June; 2022-04-27 across 劳动节)");
        assertTrue(c.get("support.onsite") > 600 && c.get("support.onsite") < 1_200, "on-site visits " + c.get("support.onsite"));
        assertEquals(2, c.get("service.after-expiry"));
        assertEquals(4, c.get("assessment.quarterly"));
        assertEquals(12, c.get("device"));
        System.out.println("counts at scale 1: " + c);
    }

    @Test
    void the_scaled_volumes_are_proportional_at_scale_0_1_and_the_rest_unchanged() {
        DemoData full = DemoFixture.standard();
        DemoData tenth = DemoYear.generate(DemoFixture.options().withScale(0.1));
        Map<String, Integer> c = tenth.counts();
        within(200, c.get("support.request"), "support requests");
        assertEquals(2_250, c.get("userCertificates"));
        within(30, c.get("crlEntries"), "revoked serials");
        within(100_000, auditEventsIn2022(tenth), "audit events of 2022");
        for (String kind : new String[]{"identity-auth.inspection", "staff.attendance", "key.backup", "device.config-backup",
                "network-security.deliverable", "payment.received"}) {
            assertEquals(full.counts().get(kind), c.get(kind), kind);
        }
        assertEquals(full.violations().size(), tenth.violations().size(), "scale never removes an injected violation");
        assertEquals(full.violations().stream().map(InjectedViolation::expectedRule).toList(),
                tenth.violations().stream().map(InjectedViolation::expectedRule).toList());
    }

    private static int auditEventsIn2022(DemoData data) {
        int n = 0;
        for (Iterator<AuditEvent> it = data.auditEvents(); it.hasNext(); ) {
            if (it.next().at().getYear() == 2022) {
                n++;
            }
        }
        return n;
    }

    private static void within(int target, int actual, String what) {
        assertTrue(Math.abs(actual - target) <= target / 10, what + ": " + actual + ", target " + target + " ±10%");
    }

}
