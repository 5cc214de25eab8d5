package org.lvyue.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.access.ApiToken;
import org.lvyue.api.access.IssuedToken;
import org.lvyue.api.access.Membership;
import org.lvyue.api.access.Organisation;
import org.lvyue.api.access.Parties;
import org.lvyue.api.activity.ActivityEntry;
import org.lvyue.api.activity.ActivityLog;
import org.lvyue.api.service.InvalidInputException;
import org.lvyue.api.service.NotFoundException;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class StorePartiesTest extends StoreTest {
    private static final Instant NOW = Instant.parse("2023-03-01T02:00:30Z");

    @Override
    JdbcStore newStore() {
        return new JdbcStore(url(), "sa", "", 2, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private List<String> actions() {
        return store.list(new ActivityLog.Query(null, null, 100, 0)).stream().map(e -> e.action() + " " + e.target()).toList();
    }

    @Test
    void organisations_and_their_members_are_stored_and_each_change_is_in_the_activity_trail() {
        store.saveOrganisation(new Organisation("bj-hrss", "北京市人力资源和社会保障局", Organisation.CLIENT), "admin", "10.0.0.1");
        store.saveOrganisation(new Organisation("gxbf", "北京国信博飞科技发展有限公司", Organisation.SUPPLIER), "admin", null);
        store.saveOrganisation(new Organisation("gxbf", "国信博飞", Organisation.SUPPLIER), "admin", null);
        assertTrue(store.addMember(new Membership("engineer", "gxbf", Membership.ENGINEER), "admin", null));
        assertFalse(store.addMember(new Membership("engineer", "gxbf", Membership.ENGINEER), "admin", null), "held already");
        assertTrue(store.addMember(new Membership("zhang", "gxbf", Membership.ADMIN), "admin", null));

        assertEquals(List.of("bj-hrss", "gxbf"), store.organisations().stream().map(Organisation::id).toList());
        assertEquals("国信博飞", store.organisation("gxbf").orElseThrow().name());
        assertEquals(List.of(new Membership("engineer", "gxbf", "engineer"), new Membership("zhang", "gxbf", "admin")),
                store.members("gxbf"));
        assertEquals(List.of(new Membership("engineer", "gxbf", "engineer")), store.membershipsOf("engineer"));
        assertTrue(store.removeMember(new Membership("engineer", "gxbf", Membership.ENGINEER), "admin", null));
        assertFalse(store.removeMember(new Membership("engineer", "gxbf", Membership.ENGINEER), "admin", null));
        assertEquals(List.of(), store.membershipsOf("engineer"));

        assertEquals(List.of("member-remove gxbf", "member-add gxbf", "member-add gxbf", "organisation-save gxbf",
                "organisation-save gxbf", "organisation-save bj-hrss"), actions(), "a change that changed nothing is not recorded");
        ActivityEntry first = store.list(new ActivityLog.Query(null, Parties.ORGANISATION_SAVE, 100, 0)).get(2);
        assertEquals("admin", first.user());
        assertEquals("10.0.0.1", first.address());
        assertEquals("新建机构：北京市人力资源和社会保障局（client）", first.detail());
    }

    @Test
    void bad_input_is_refused_field_by_field_in_chinese_and_nothing_is_stored() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> store.saveOrganisation(
                new Organisation("BJ HRSS", " ", "bureau"), "admin", null));
        assertEquals(List.of("id", "name", "kind"), e.problems().stream().map(p -> p.field()).toList());
        assertTrue(e.getMessage().startsWith("机构数据有误"), e.getMessage());
        InvalidInputException role = assertThrows(InvalidInputException.class, () -> store.addMember(
                new Membership("zhang", "gxbf", "owner"), "admin", null));
        assertEquals("role", role.problems().get(0).field());
        assertThrows(NotFoundException.class, () -> store.addMember(new Membership("zhang", "no-such", "admin"), "admin", null));
        assertEquals(List.of(), store.organisations());
        assertEquals(List.of(), actions());
    }

    @Test
    void a_token_is_shown_once_stored_as_a_hash_only_and_authenticates_until_revoked() throws SQLException {
        IssuedToken issued = store.issueToken("bj-hrss-2022", "巡检采集机-1", "admin", "10.0.0.1");
        assertTrue(issued.secret().startsWith("lvy_") && issued.secret().length() == 47, issued.secret());
        assertNotEquals(issued.secret(), store.issueToken("bj-hrss-2022", "second", "admin", null).secret());

        assertEquals(List.of(), rowsHolding(issued.secret()), "the secret is in no row");
        Optional<ApiToken> used = store.authenticate(issued.secret());
        assertEquals("bj-hrss-2022", used.orElseThrow().contract());
        assertEquals(Instant.parse("2023-03-01T02:00:00Z"), used.get().lastUsed(), "the use is noted to the minute");
        ApiToken listed = store.tokens("bj-hrss-2022").get(0);
        assertEquals(new ApiToken(issued.token().id(), "bj-hrss-2022", "巡检采集机-1", NOW, "admin",
                Instant.parse("2023-03-01T02:00:00Z"), null), listed);
        assertEquals("token:bj-hrss-2022#" + listed.id(), listed.principal());
        assertEquals(Optional.empty(), store.authenticate(issued.secret() + "x"));
        assertEquals(Optional.empty(), store.authenticate("not-a-token"));
        assertEquals(List.of(), store.tokens("another-contract"));

        assertFalse(store.revokeToken("another-contract", listed.id(), "admin", null), "a token is revoked through its contract");
        assertTrue(store.revokeToken("bj-hrss-2022", listed.id(), "admin", null));
        assertFalse(store.revokeToken("bj-hrss-2022", listed.id(), "admin", null));
        assertEquals(Optional.empty(), store.authenticate(issued.secret()));
        assertEquals(NOW, store.tokens("bj-hrss-2022").get(0).revokedAt());
        assertNull(store.tokens("bj-hrss-2022").get(1).revokedAt());
        assertEquals(List.of("token-revoke bj-hrss-2022", "token-use bj-hrss-2022", "token-issue bj-hrss-2022",
                "token-issue bj-hrss-2022"), actions(), "the use is in the trail once a minute, as it is noted");
        ActivityEntry use = store.list(new ActivityLog.Query(null, ActivityLog.TOKEN_USE, 10, 0)).get(0);
        assertEquals("token:bj-hrss-2022#" + listed.id(), use.user());
        assertThrows(InvalidInputException.class, () -> store.issueToken("bj-hrss-2022", " ", "admin", null));
    }

    @Test
    void the_stored_hash_is_the_sha_256_of_the_secret() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", TokenSecrets.hash("abc"));
    }

    /** Every text cell of the token table that contains the value. */
    private List<String> rowsHolding(String value) throws SQLException {
        store.close();
        List<String> out = new ArrayList<>();
        try (Connection c = jdbc();
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM api_token")) {
            while (rs.next()) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    Object cell = rs.getObject(i);
                    if (cell != null && cell.toString().contains(value)) {
                        out.add(cell.toString());
                    }
                }
            }
        }
        store = newStore();
        return out;
    }
}
