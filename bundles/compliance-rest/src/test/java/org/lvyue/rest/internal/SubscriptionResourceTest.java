package org.lvyue.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Set;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.core.SecurityContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.jaxrs.json.JacksonJsonProvider;

import org.glassfish.jersey.internal.MapPropertiesDelegate;
import org.glassfish.jersey.server.ApplicationHandler;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.ContainerResponse;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lvyue.api.access.Membership;
import org.lvyue.api.access.Organisation;
import org.lvyue.store.JdbcStore;
import org.lvyue.testing.FakeContracts;

/**
 * The subscriptions' resource in process as Jersey runs it in the product, on a real store (H2): only an admin of the
 * subscription's own organisation (or the operator) sees, adds and removes it; bad input is a 400 naming the field.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SubscriptionResourceTest {
    @TempDir
    Path dir;
    private JdbcStore store;
    private ApplicationHandler app;
    private final FakeContracts contracts = new FakeContracts(LocalDate.of(2023, 1, 10), ContractAccessTest.HRSS,
            ContractAccessTest.OTHER);

    /** {@code X-Test-User: name group,group}: the caller, as the login leaves it. */
    @Priority(Priorities.AUTHENTICATION)
    static final class TestLogin implements ContainerRequestFilter {
        @Override
        public void filter(ContainerRequestContext request) {
            String user = request.getHeaderString("X-Test-User");
            if (user == null) {
                return;
            }
            String[] parts = user.split(" ");
            Caller who = new Caller(parts[0], parts.length > 1 ? Set.of(parts[1].split(",")) : Set.of(), null);
            request.setSecurityContext(who.securityContext(SecurityContext.BASIC_AUTH, false));
        }
    }

    @BeforeEach
    void start() {
        store = new JdbcStore("jdbc:h2:file:" + dir.resolve("lvyue").toAbsolutePath());
        store.saveOrganisation(new Organisation("bj-hrss", "北京市人力资源和社会保障局", Organisation.CLIENT), "t", null);
        store.saveOrganisation(new Organisation("gxbf", "北京国信博飞科技发展有限公司", Organisation.SUPPLIER), "t", null);
        store.addMember(new Membership("hrss-admin", "bj-hrss", Membership.ADMIN), "t", null);
        store.addMember(new Membership("gxbf-admin", "gxbf", Membership.ADMIN), "t", null);
        store.addMember(new Membership("gxbf-engineer", "gxbf", Membership.ENGINEER), "t", null);
        var mapper = RestServlet.mapper();
        ResourceConfig config = new ResourceConfig()
                .register(new JacksonJsonProvider(mapper))
                .register(new TestLogin())
                .register(new PartyScopeFilter(contracts, store))
                .register(RolesAllowedDynamicFeature.class)
                .register(new SubscriptionResource(contracts, () -> store, mapper));
        ErrorMappers.all().forEach(config::register);
        app = new ApplicationHandler(config);
    }

    @AfterEach
    void stop() {
        store.close();
    }

    record Reply(int status, String body) {
        JsonNode json() throws Exception {
            return RestServlet.mapper().readTree(body);
        }
    }

    private Reply send(String method, String path, String user, String json) throws Exception {
        ContainerRequest request = new ContainerRequest(URI.create("http://localhost/api/"), URI.create("http://localhost/api" + path),
                method, null, new MapPropertiesDelegate(), null);
        request.header("X-Test-User", user);
        if (json != null) {
            request.header("Content-Type", "application/json");
            request.setEntityStream(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        ContainerResponse response = app.apply(request, body).get();
        return new Reply(response.getStatus(), body.toString(StandardCharsets.UTF_8));
    }

    private static final String DUTY = "{\"party\":\"gxbf\",\"name\":\"乙方值班钉钉群\",\"channel\":\"DINGTALK\","
            + "\"target\":\"https://oapi.dingtalk.com/robot/send?access_token=x\",\"secret\":\"SECabc\","
            + "\"kinds\":[\"SUPPORT_WARNING\",\"SUPPORT_BREACH\"]}";

    @Test
    void an_admin_of_the_party_adds_lists_and_removes_its_subscription_and_never_sees_the_secret_back() throws Exception {
        Reply added = send("POST", "/contracts/bj-hrss-2022/subscriptions", "gxbf-admin", DUTY);
        assertEquals(201, added.status(), added.body());
        assertFalse(added.body().contains("SECabc"), added.body());
        assertTrue(added.json().path("signed").asBoolean());
        assertEquals("HIGH", added.json().path("minSeverity").asText());
        long id = added.json().path("id").asLong();

        Reply listed = send("GET", "/contracts/bj-hrss-2022/subscriptions", "gxbf-admin", null);
        assertEquals(1, listed.json().size(), listed.body());
        assertEquals(0, send("GET", "/contracts/bj-hrss-2022/subscriptions", "hrss-admin", null).json().size(),
                "甲方's admin does not see 乙方's recipients");
        assertEquals(1, send("GET", "/contracts/bj-hrss-2022/subscriptions", "operator admin", null).json().size());

        assertEquals(403, send("DELETE", "/contracts/bj-hrss-2022/subscriptions/" + id, "hrss-admin", null).status());
        assertEquals(200, send("DELETE", "/contracts/bj-hrss-2022/subscriptions/" + id, "gxbf-admin", null).status());
        assertEquals(404, send("DELETE", "/contracts/bj-hrss-2022/subscriptions/" + id, "gxbf-admin", null).status());
        assertEquals(0, store.subscriptions("bj-hrss-2022").size());
    }

    @Test
    void the_admin_of_another_party_and_a_non_admin_are_refused_with_403() throws Exception {
        Reply other = send("POST", "/contracts/bj-hrss-2022/subscriptions", "hrss-admin", DUTY);
        assertEquals(403, other.status(), other.body());
        assertTrue(other.json().path("message").asText().startsWith("只有机构 'gxbf' 的管理员"), other.body());
        assertEquals(403, send("POST", "/contracts/bj-hrss-2022/subscriptions", "gxbf-engineer", DUTY).status());
        assertEquals(403, send("GET", "/contracts/bj-hrss-2022/subscriptions", "gxbf-engineer", null).status());
        assertEquals(0, store.subscriptions("bj-hrss-2022").size());
    }

    @Test
    void bad_input_is_a_400_naming_each_field_in_chinese_first_and_nothing_is_stored() throws Exception {
        Reply bad = send("POST", "/contracts/bj-hrss-2022/subscriptions", "gxbf-admin",
                "{\"party\":\"anwang\",\"name\":\"x\",\"channel\":\"FAX\",\"target\":\"a@b.cn\",\"kinds\":[\"FINDING\",\"GOSSIP\"],"
                        + "\"minSeverity\":\"huge\"}");
        assertEquals(400, bad.status(), bad.body());
        JsonNode problems = bad.json().path("problems");
        assertEquals("party", problems.get(0).path("field").asText());
        assertEquals("channel", problems.get(1).path("field").asText());
        assertEquals("kinds[1]", problems.get(2).path("field").asText());
        assertEquals("minSeverity", problems.get(3).path("field").asText());
        assertTrue(bad.json().path("message").asText().startsWith("通知订阅数据有误"), bad.body());

        Reply address = send("POST", "/contracts/bj-hrss-2022/subscriptions", "gxbf-admin",
                "{\"party\":\"gxbf\",\"name\":\"值班\",\"channel\":\"EMAIL\",\"target\":\"not-an-address\",\"kinds\":[\"FINDING\"]}");
        assertEquals(400, address.status());
        assertEquals("target", address.json().path("problems").get(0).path("field").asText());
        assertEquals(0, store.subscriptions("bj-hrss-2022").size());
    }
}
