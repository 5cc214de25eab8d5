package org.lvyue.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.access.ApiToken;
import org.lvyue.api.access.Membership;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.contract.Party;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ContractAccessTest {
    static final Contract HRSS = contract("bj-hrss-2022", "bj-hrss", "gxbf", "bj-bdc");
    static final Contract OTHER = contract("other-2023", "other-client", "anwang", null);

    static Contract contract(String id, String client, String supplier, String evaluator) {
        return new Contract(id, 1, "安全应用维护服务", "", "", new Party("甲方", "甲", null, client),
                new Party("乙方", "乙", null, supplier), new BigDecimal("100.00"), LocalDate.of(2022, 1, 1),
                LocalDate.of(2022, 12, 31), LocalDate.of(2022, 1, 1), List.of(), List.of(),
                evaluator == null ? null : new Party("评估方", "评", null, evaluator), List.of());
    }

    static Caller user(String name, String... realmRoles) {
        return new Caller(name, Set.of(realmRoles), null);
    }

    @Test
    void a_member_holds_on_a_contract_the_roles_of_their_memberships_in_its_organisations_only() {
        List<Membership> engineer = List.of(new Membership("engineer", "gxbf", "engineer"),
                new Membership("engineer", "somewhere-else", "admin"));
        assertEquals(Set.of("engineer"), ContractAccess.on(HRSS, user("engineer", "engineer"), engineer));
        assertEquals(Set.of(), ContractAccess.on(OTHER, user("engineer", "engineer"), engineer),
                "the realm's engineer group grants nothing on a contract");
        assertEquals(Set.of("evaluator"), ContractAccess.on(HRSS, user("evaluator"),
                List.of(new Membership("evaluator", "bj-bdc", "evaluator"))), "the evaluator party counts");
    }

    @Test
    void the_operator_is_admin_on_every_contract_and_keeps_the_roles_of_their_memberships() {
        Caller operator = user("admin", "admin", "ssh");
        assertTrue(operator.operator());
        assertEquals(Set.of("admin"), ContractAccess.on(OTHER, operator, List.of()));
        assertEquals(Set.of("admin", "evaluator"), ContractAccess.on(HRSS, operator,
                List.of(new Membership("admin", "bj-bdc", "evaluator"))));
        assertTrue(ContractAccess.sees("anwang", operator, List.of()));
        assertFalse(ContractAccess.managesMembers("anwang", operator, List.of()), "separation of duties: the security administrator's");
        assertFalse(ContractAccess.managesTokens(OTHER, operator, List.of()));
        assertTrue(ContractAccess.managesTokens(HRSS, operator, List.of(new Membership("admin", "bj-hrss", "admin"))),
                "as an admin of the contract's client, a business role");
    }

    @Test
    void the_security_administrator_manages_every_organisations_members_and_every_contracts_tokens_and_nothing_else() {
        Caller sa = user("sa", "secadmin", "ssh");
        assertTrue(sa.securityAdmin());
        assertFalse(sa.operator());
        assertEquals(Set.of("secadmin"), ContractAccess.on(OTHER, sa, List.of()));
        assertTrue(ContractAccess.sees("anwang", sa, List.of()));
        assertTrue(ContractAccess.managesMembers("anwang", sa, List.of()));
        assertTrue(ContractAccess.managesTokens(OTHER, sa, List.of()));
        Caller audit = user("au", "auditadmin");
        assertEquals(Set.of(), ContractAccess.on(HRSS, audit, List.of()), "the audit administrator holds nothing on a contract");
        assertFalse(ContractAccess.managesMembers("anwang", audit, List.of()));
    }

    @Test
    void an_organisation_admin_manages_only_its_own_members() {
        List<Membership> m = List.of(new Membership("anwang-admin", "anwang", "admin"), new Membership("anwang-admin", "gxbf", "engineer"));
        Caller admin = user("anwang-admin");
        assertFalse(admin.operator());
        assertTrue(ContractAccess.managesMembers("anwang", admin, m));
        assertFalse(ContractAccess.managesMembers("gxbf", admin, m), "an engineer there");
        assertTrue(ContractAccess.sees("gxbf", admin, m));
        assertFalse(ContractAccess.sees("bj-hrss", admin, m));
    }

    @Test
    void a_token_is_a_collector_on_its_own_contract_and_nothing_anywhere_else() {
        ApiToken t = new ApiToken(3, "bj-hrss-2022", "采集机", Instant.EPOCH, "admin", null, null);
        Caller token = new Caller(t.principal(), Set.of(), t);
        assertFalse(token.operator());
        assertEquals(Set.of("collector"), ContractAccess.on(HRSS, token, List.of()));
        assertEquals(Set.of(), ContractAccess.on(OTHER, token, List.of()));
        assertEquals(Set.of(), ContractAccess.elsewhere(token, List.of()));
        assertEquals("token:bj-hrss-2022#3", token.getName());
    }

    @Test
    void outside_a_contract_a_user_holds_their_realm_groups_and_the_roles_of_every_membership() {
        assertEquals(Set.of("collector", "engineer"), ContractAccess.elsewhere(user("x", "collector"),
                List.of(new Membership("x", "anwang", "engineer"))));
    }
}
