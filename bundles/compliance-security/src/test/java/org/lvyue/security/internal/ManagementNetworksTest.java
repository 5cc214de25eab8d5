package org.lvyue.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.security.AccessPolicy.Refusal;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ManagementNetworksTest {
    private static final Set<String> ADMIN = Set.of("admin");
    private final ManagementNetworks office = ManagementNetworks.of("10.20.0.0/16, 192.168.1.5, 2001:db8:a::/48",
            "admin,secadmin,auditadmin");

    @Test
    void an_administrator_acts_from_the_listed_ranges_and_addresses_and_from_the_host_only() {
        assertNull(office.refusal("wang", ADMIN, "10.20.255.254"));
        assertNull(office.refusal("wang", ADMIN, "192.168.1.5"));
        assertNull(office.refusal("wang", ADMIN, "2001:db8:a:ffff::1"));
        assertNull(office.refusal("wang", ADMIN, "::ffff:10.20.1.1"), "an IPv4 address mapped into IPv6 is that address");
        assertNull(office.refusal("wang", ADMIN, "127.0.0.1"));
        assertNull(office.refusal("wang", ADMIN, "0:0:0:0:0:0:0:1"));

        for (String outside : List.of("10.21.0.1", "192.168.1.6", "2001:db8:b::1", "8.8.8.8")) {
            Refusal r = office.refusal("wang", ADMIN, outside);
            assertNotNull(r, outside);
            assertTrue(r.message().contains("当前地址 " + outside + " 不在其中"), r.message());
        }
    }

    @Test
    void only_the_administrators_roles_are_limited_and_an_address_that_is_not_a_literal_is_outside() {
        assertNull(office.refusal("li", Set.of("engineer", "evaluator"), "8.8.8.8"));
        assertNotNull(office.refusal("qian", Set.of("engineer", "secadmin"), "8.8.8.8"));
        // what the server could not read as an address is never looked up as a name
        assertNotNull(office.refusal("wang", ADMIN, "localhost"));
        assertNotNull(office.refusal("wang", ADMIN, "999.1.1.1"));
        assertNotNull(office.refusal("wang", ADMIN, null));
    }

    @Test
    void with_nothing_configured_every_address_may() {
        ManagementNetworks any = ManagementNetworks.of(" ", "admin");

        assertTrue(any.open());
        assertNull(any.refusal("wang", ADMIN, "8.8.8.8"));
    }

    @Test
    void an_entry_that_is_no_address_limits_the_administrators_to_the_host_until_corrected() {
        ManagementNetworks typo = ManagementNetworks.of("10.20.0.0/16, 10.30.0.0/33, office", "admin");

        assertEquals(List.of("10.30.0.0/33", "office"), typo.unreadable());
        Refusal r = typo.refusal("wang", ADMIN, "10.20.0.1");
        assertNotNull(r, "a typo must not open the management to the rest of the list's networks either");
        assertTrue(r.message().contains("无法识别的条目 10.30.0.0/33、office"), r.message());
        assertNull(typo.refusal("wang", ADMIN, "127.0.0.1"));
    }
}
