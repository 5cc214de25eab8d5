package org.lvyue.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.TreeSet;

import javax.annotation.security.PermitAll;
import javax.annotation.security.RolesAllowed;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class OpenApiDocumentTest {
    @Test
    void the_document_describes_exactly_the_operations_the_resources_serve() throws Exception {
        JsonNode doc;
        try (InputStream in = OpenApiResource.class.getResourceAsStream(OpenApiResource.DOCUMENT)) {
            doc = RestServlet.mapper().readTree(in);
        }
        Set<String> served = new TreeSet<>();
        // every resource the application registers, so a new one cannot be left out of this test
        List<Class<?>> resources = RestServlet.application(UseCases.none(), null, null, null, () -> null, null, () -> null, () -> null, () -> null,
                null).getClasses().stream()
                .filter(c -> c.isAnnotationPresent(Path.class)).collect(Collectors.toList());
        assertTrue(resources.size() >= 12, resources::toString);
        for (Class<?> resource : resources) {
            String base = "/" + resource.getAnnotation(Path.class).value();
            for (Method m : resource.getMethods()) {
                String verb = m.isAnnotationPresent(GET.class) ? "get" : m.isAnnotationPresent(POST.class) ? "post"
                        : m.isAnnotationPresent(DELETE.class) ? "delete" : m.isAnnotationPresent(PUT.class) ? "put" : null;
                if (verb != null) {
                    Path sub = m.getAnnotation(Path.class);
                    // a template's regular expression ({quarter: [^/.]+}) is not part of the documented path
                    served.add((verb + " " + base + (sub == null ? "" : "/" + sub.value()))
                            .replaceAll("\\{(\\w+)\\s*:[^}]*}", "{$1}"));
                }
            }
        }
        served.add(HealthServlet.OPERATION);
        Set<String> documented = new TreeSet<>();
        doc.path("paths").fields().forEachRemaining(p -> p.getValue().fieldNames()
                .forEachRemaining(verb -> documented.add(verb + " " + p.getKey())));

        assertEquals(served, documented);
        assertTrue(doc.path("openapi").asText().startsWith("3."));
    }

    /**
     * JAX-RS picks one root resource by its path alone and never tries another: a resource rooted at
     * {@code contracts/{id}} would take every {@code /contracts/x/...} request from {@link ContractResource} (its
     * {@code {id}/facts}, {@code {id}/findings}, even {@code GET /contracts/x}) and answer 404.
     */
    @Test
    void no_resource_is_rooted_at_a_template_that_would_hide_another_resources_sub_paths() {
        List<String> roots = RestServlet.application(UseCases.none(), null, null, null, () -> null, null, () -> null, () -> null,
                () -> null, null).getClasses().stream().filter(c -> c.isAnnotationPresent(Path.class))
                .map(c -> c.getAnnotation(Path.class).value()).toList();
        for (String root : roots) {
            assertTrue(!root.matches(".*\\{[^/]*}/?$"), root + " ends in a template");
        }
        assertTrue(roots.containsAll(List.of("contracts/{id}/clauses", "contracts/{id}/renewals")), roots::toString);
    }

    @Test
    void each_operation_names_the_roles_its_resource_method_allows() throws Exception {
        JsonNode doc;
        try (InputStream in = OpenApiResource.class.getResourceAsStream(OpenApiResource.DOCUMENT)) {
            doc = RestServlet.mapper().readTree(in);
        }
        Map<String, Set<String>> inCode = new TreeMap<>();
        for (Class<?> resource : resources()) {
            String base = "/" + resource.getAnnotation(Path.class).value();
            for (Method m : resource.getMethods()) {
                String verb = m.isAnnotationPresent(GET.class) ? "get" : m.isAnnotationPresent(POST.class) ? "post"
                        : m.isAnnotationPresent(DELETE.class) ? "delete" : m.isAnnotationPresent(PUT.class) ? "put" : null;
                if (verb == null) {
                    continue;
                }
                Path sub = m.getAnnotation(Path.class);
                String op = (verb + " " + base + (sub == null ? "" : "/" + sub.value())).replaceAll("\\{(\\w+)\\s*:[^}]*}", "{$1}");
                RolesAllowed allowed = m.isAnnotationPresent(RolesAllowed.class) ? m.getAnnotation(RolesAllowed.class)
                        : resource.getAnnotation(RolesAllowed.class);
                boolean open = m.isAnnotationPresent(PermitAll.class) || resource.isAnnotationPresent(PermitAll.class);
                assertTrue(open != (allowed != null), op + ": exactly one of @PermitAll and @RolesAllowed");
                inCode.put(op, open ? Set.of() : Set.of(allowed.value()));
            }
        }
        inCode.put(HealthServlet.OPERATION, Set.of());
        Map<String, Set<String>> documented = new TreeMap<>();
        doc.path("paths").fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(o -> {
            JsonNode roles = o.getValue().path("x-roles");
            assertTrue(roles.isArray(), o.getKey() + " " + p.getKey() + " lacks x-roles");
            Set<String> set = new TreeSet<>();
            roles.forEach(r -> set.add(r.asText()));
            documented.put(o.getKey() + " " + p.getKey(), set);
            // a public operation says so to OpenAPI tools too; the others inherit the document's basic security
            assertEquals(set.isEmpty(), o.getValue().has("security"), o.getKey() + " " + p.getKey());
        }));
        assertEquals(inCode.keySet(), documented.keySet());
        inCode.forEach((op, roles) -> assertEquals(new TreeSet<>(roles), documented.get(op), op));
    }

    private static List<Class<?>> resources() {
        return RestServlet.application(UseCases.none(), null, null, null, () -> null, null, () -> null, () -> null, () -> null, null)
                .getClasses().stream().filter(c -> c.isAnnotationPresent(Path.class))
                .collect(Collectors.toList());
    }

    @Test
    void periods_are_read_as_the_date_ranges_users_mean() {
        assertEquals("2022-01-01..2022-12-31", range("2022"));
        assertEquals("2022-07-01..2022-09-30", range("2022-Q3"));
        assertEquals("2022-02-01..2022-02-28", range("2022-02"));
        assertEquals("2022-03-07..2022-03-07", range("2022-03-07"));
    }

    private static String range(String period) {
        var r = ContractResource.period(period);
        return r[0] + ".." + r[1];
    }
}
