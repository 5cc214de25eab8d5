package org.lvyue.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.core.SecurityContext;

import com.fasterxml.jackson.jaxrs.json.JacksonJsonProvider;

import org.glassfish.jersey.internal.MapPropertiesDelegate;
import org.glassfish.jersey.server.ApplicationHandler;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.ContainerResponse;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.access.Membership;
import org.lvyue.api.access.Organisation;
import org.lvyue.testing.FakeContracts;
import org.lvyue.testing.FakeParties;

/**
 * The scope filter and the resources in process, as Jersey runs them in the product (the realm's login
 * replaced by a header naming the user and their groups, a token looked up as the product does): who
 * sees which contract, and a contract or organisation of another organisation answering exactly as one
 * that does not exist.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ScopedAccessTest {
    private final FakeContracts contracts = new FakeContracts(LocalDate.of(2023, 1, 10), ContractAccessTest.HRSS,
            ContractAccessTest.OTHER);
    private final FakeParties parties = new FakeParties();
    private final ApplicationHandler app;

    /** {@code X-Test-User: name group,group}, or a token as {@code Authorization: Bearer}: the caller, as the login leaves it. */
    @Priority(Priorities.AUTHENTICATION)
    final class TestLogin implements ContainerRequestFilter {
        @Override
        public void filter(ContainerRequestContext request) {
            String user = request.getHeaderString("X-Test-User");
            String bearer = request.getHeaderString("Authorization");
            Caller who;
            if (user != null) {
                String[] parts = user.split(" ");
                who = new Caller(parts[0], parts.length > 1 ? Set.of(parts[1].split(",")) : Set.of(), null);
            } else if (bearer != null) {
                var token = parties.authenticate(bearer.substring("Bearer ".length())).orElseThrow();
                who = new Caller(token.principal(), Set.of(), token);
            } else {
                return;
            }
            request.setSecurityContext(who.securityContext(SecurityContext.BASIC_AUTH, false));
        }
    }

    ScopedAccessTest() {
        parties.saveOrganisation(new Organisation("bj-hrss", "北京市人力资源和社会保障局", Organisation.CLIENT), "t", null);
        parties.saveOrganisation(new Organisation("gxbf", "北京国信博飞科技发展有限公司", Organisation.SUPPLIER), "t", null);
        parties.saveOrganisation(new Organisation("anwang", "北京安网信通科技有限公司", Organisation.SUPPLIER), "t", null);
        parties.addMember(new Membership("engineer", "gxbf", Membership.ENGINEER), "t", null);
        parties.addMember(new Membership("hrss-admin", "bj-hrss", Membership.ADMIN), "t", null);
        parties.addMember(new Membership("anwang-admin", "anwang", Membership.ADMIN), "t", null);
        var mapper = RestServlet.mapper();
        ResourceConfig config = new ResourceConfig()
                .register(new JacksonJsonProvider(mapper))
                .register(new TestLogin())
                .register(new PartyScopeFilter(contracts, parties))
                .register(RolesAllowedDynamicFeature.class)
                .register(new ContractResource(contracts, null, null, null, mapper, new Activity(() -> null), parties))
                .register(new TokenResource(contracts, parties, mapper))
                .register(new OrganisationResource(parties, mapper, null))
                .register(new MeResource())
                .register(new ActivityResource(() -> null, new Activity(() -> null)))
                .register(new DomainChange());
        ErrorMappers.all().forEach(config::register);
        app = new ApplicationHandler(config);
    }

    /** Stands for the domain-bundle upload: the roles it allows, and nothing else. */
    @javax.ws.rs.Path("domains")
    public static final class DomainChange {
        @javax.ws.rs.POST
        @javax.annotation.security.RolesAllowed({Roles.ADMIN, Roles.ENGINEER})
        public String upload() {
            return "deployed";
        }
    }

    record Reply(int status, String body) {
    }

    private Reply get(String path, String header, String value) throws Exception {
        return send("GET", path, header, value);
    }

    private Reply send(String method, String path, String header, String value) throws Exception {
        ContainerRequest request = new ContainerRequest(URI.create("http://localhost/api/"), URI.create("http://localhost/api" + path),
                method, null, new MapPropertiesDelegate(), null);
        if (header != null) {
            request.header(header, value);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        ContainerResponse response = app.apply(request, body).get();
        return new Reply(response.getStatus(), body.toString(StandardCharsets.UTF_8));
    }

    private Reply as(String user, String path) throws Exception {
        return get(path, "X-Test-User", user);
    }

    private List<String> ids(Reply contractsList) {
        return List.of(contractsList.body().split("\"id\":\"")).stream().skip(1).map(s -> s.substring(0, s.indexOf('"'))).toList();
    }

    @Test
    void each_caller_is_listed_only_the_contracts_of_their_organisations() throws Exception {
        assertEquals(List.of("bj-hrss-2022"), ids(as("engineer engineer", "/contracts")));
        assertEquals(List.of("other-2023"), ids(as("anwang-admin", "/contracts")));
        assertEquals(List.of(), ids(as("collector collector", "/contracts")));
        assertEquals(List.of("bj-hrss-2022", "other-2023"), ids(as("admin admin,ssh", "/contracts")));
    }

    @Test
    void another_organisations_contract_answers_with_the_status_and_body_of_one_that_does_not_exist() throws Exception {
        Reply other = as("anwang-admin", "/contracts/bj-hrss-2022/tokens");
        Reply none = as("anwang-admin", "/contracts/no-such/tokens");
        assertEquals(404, other.status());
        assertEquals(none.body().replace("no-such", "bj-hrss-2022"), other.body());
        assertTrue(other.body().contains("合同 'bj-hrss-2022' 不存在"), other.body());
        parties.issueToken("bj-hrss-2022", "采集机", "hrss-admin", null);
        Reply own = as("hrss-admin", "/contracts/bj-hrss-2022/tokens");
        assertEquals(200, own.status());
        assertTrue(own.body().contains("\"revoked\":false,\"principal\":\"token:bj-hrss-2022#1\"") && !own.body().contains("secret"),
                own.body());
        assertEquals(403, as("engineer engineer", "/contracts/bj-hrss-2022/tokens").status(), "on its own contract a role not allowed is 403");
        assertEquals(401, get("/contracts/bj-hrss-2022/tokens", null, null).status());
    }

    @Test
    void a_token_is_a_collector_on_its_contract_only() throws Exception {
        String secret = parties.issueToken("other-2023", "采集", "anwang-admin", null).secret();
        assertEquals(403, get("/contracts/other-2023/tokens", "Authorization", "Bearer " + secret).status(), "a collector is no admin");
        Reply elsewhere = get("/contracts/bj-hrss-2022/tokens", "Authorization", "Bearer " + secret);
        assertEquals(404, elsewhere.status());
        assertEquals(403, get("/contracts", "Authorization", "Bearer " + secret).status());
        assertEquals(403, get("/me", "Authorization", "Bearer " + secret).status());
    }

    @Test
    void members_of_another_organisation_answer_as_an_organisation_that_does_not_exist() throws Exception {
        Reply other = as("anwang-admin", "/organisations/gxbf/members");
        assertEquals(404, other.status());
        assertEquals(as("anwang-admin", "/organisations/nowhere/members").body().replace("nowhere", "gxbf"), other.body());
        assertEquals(200, as("anwang-admin", "/organisations/anwang/members").status());
        assertEquals(200, as("sa secadmin", "/organisations/gxbf/members").status(), "the security administrator manages every one");
        assertEquals(403, as("admin admin", "/organisations/gxbf/members").status(), "the operator sees it, manages it no more");
        assertEquals("[{\"id\":\"anwang\",\"name\":\"北京安网信通科技有限公司\",\"kind\":\"supplier\"}]",
                as("anwang-admin", "/organisations").body());
        Reply me = as("engineer engineer", "/me");
        assertEquals("{\"user\":\"engineer\",\"roles\":[\"engineer\"],\"operator\":false,"
                + "\"memberships\":[{\"user\":\"engineer\",\"organisation\":\"gxbf\",\"role\":\"engineer\"}]}", me.body());
    }

    @Test
    void a_domain_bundle_is_changed_only_by_the_realms_admin_or_engineer_not_by_an_organisations_own_admin() throws Exception {
        assertEquals(200, send("POST", "/domains", "X-Test-User", "engineer engineer").status());
        // anwang's own admin holds no realm group: deploying a bundle would change gxbf's contracts' rules too
        assertEquals(403, send("POST", "/domains", "X-Test-User", "anwang-admin").status());
        assertEquals(403, send("POST", "/domains", "X-Test-User", "hrss-admin").status());
    }

    @Test
    void the_installation_wide_activity_trail_is_for_the_audit_administrator_not_an_organisations_admin_nor_the_operator()
            throws Exception {
        for (String who : List.of("anwang-admin", "admin admin,ssh", "evaluator evaluator", "sa secadmin")) {
            for (String path : List.of("/activity", "/activity/export?from=2023-01-01&to=2023-01-31", "/activity/integrity")) {
                Reply refused = as(who, path);
                assertEquals(403, refused.status(), who + " " + path);
                assertTrue(refused.body().contains("forbidden"), refused.body());
            }
        }
    }

    @Test
    void tokens_are_the_security_administrators_and_the_contracts_own_admins_not_the_operators() throws Exception {
        parties.issueToken("other-2023", "采集", "anwang-admin", null);
        Reply operator = as("admin admin,ssh", "/contracts/other-2023/tokens");
        assertEquals(403, operator.status(), "separation of duties: the system administrator issues no token");
        assertTrue(operator.body().contains("三权分立：采集令牌由安全管理员"), operator.body());
        assertEquals(200, as("sa secadmin", "/contracts/other-2023/tokens").status());
        assertEquals(200, as("anwang-admin", "/contracts/other-2023/tokens").status());
        assertEquals(403, as("sa secadmin", "/contracts/other-2023").status(), "nothing else on the contract");
    }
}
