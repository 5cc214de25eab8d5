package org.lvyue.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;

import javax.servlet.http.HttpServletRequest;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RequestKindTest {
    private static RequestKind kind(String method, String path) {
        // a request that has only its method and path: no servlet container runs in these tests
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(RequestKindTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getPathInfo" -> path;
                    default -> null;
                });
        return RequestKind.of(request);
    }

    @Test
    void the_views_computed_from_a_whole_contract_are_heavy_reads() {
        for (String path : new String[] {"/contracts/c1/dashboard", "/contracts/c1/ledger", "/contracts/c1/facts",
                "/contracts/c1/facts/kinds", "/contracts/c1/audit-events", "/contracts/c1/audit-events/stats",
                "/contracts/c1/integrity", "/contracts/c1/assessments/2022-Q3", "/contracts/c1/findings/detail",
                "/contracts/c1/lint", "/contracts/c1/reports/ledger.pdf", "/contracts/c1/reports/daily/support/2022-03-01.pdf",
                "/activity"}) {
            assertEquals(RequestKind.HEAVY_READ, kind("GET", path), path);
        }
        assertEquals(RequestKind.HEAVY_READ, kind("POST", "/contracts/c1/what-if"));
    }

    @Test
    void writes_and_reads_of_a_few_rows_are_ordinary() {
        // a batch of facts or audit entries is bounded by its contract's intake queue instead
        assertEquals(RequestKind.ORDINARY, kind("POST", "/contracts/c1/facts"));
        assertEquals(RequestKind.ORDINARY, kind("POST", "/contracts/c1/audit-events"));
        assertEquals(RequestKind.ORDINARY, kind("POST", "/contracts/c1/reports/inspection/2022-03/submit"));
        for (String path : new String[] {"/contracts/c1", "/contracts/c1/findings", "/contracts/c1/services",
                "/contracts/c1/waivers", "/contracts/c1/checklist/2022-03-01", "/me", "/domains", "/contracts",
                "/organisations", "/contracts/dashboard-co/findings"}) {
            assertEquals(RequestKind.ORDINARY, kind("GET", path), path);
        }
        assertEquals(RequestKind.ORDINARY, kind("GET", null));
    }
}
