package org.lvyue.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lvyue.api.security.AccessPolicy;
import org.lvyue.api.security.Duties;

/** 三权分立: no account holds two of the system, security and audit administrators' roles, wherever roles are set. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SeparationOfDutiesTest {
    private static final String STRONG = "Strong-pass-2026!";
    @TempDir
    Path dir;

    private Path users(String... lines) throws IOException {
        return UsersFiles.write(dir, lines);
    }

    private SecurityPolicy policy(Path usersFile) {
        SecurityPolicy p = new SecurityPolicy();
        p.apply(new SecurityPolicy.Settings(false, false, 1_000, 12, usersFile));
        return p;
    }

    @Test
    void two_administrators_roles_in_one_account_are_refused_naming_the_account_and_the_roles() {
        AccessPolicy.Refusal r = Duties.conflict("zhang", List.of("admin", "ssh", "auditadmin"));
        assertTrue(r.message().startsWith("三权分立：账户 'zhang' 不能同时担任 系统管理员（admin）、审计管理员（auditadmin）"), r.message());
        assertTrue(r.messageEn().contains("admin and auditadmin"), r.messageEn());
        assertTrue(Duties.conflict("li", List.of("secadmin", "auditadmin")).message().contains("安全管理员（secadmin）"));
        assertTrue(Duties.conflict("au", List.of("auditadmin", "evaluator")).message().contains("不能兼任业务角色 evaluator"),
                "the audit administrator does nothing else");
        assertNull(Duties.conflict("admin", List.of("admin", "manager", "viewer", "ssh")));
        assertNull(Duties.conflict("sa", List.of("secadmin", "engineer")), "a business role beside one administrator's is allowed");
        assertNull(Duties.conflict("au", List.of("auditadmin")));
    }

    @Test
    void compliance_passwd_refuses_a_role_that_would_combine_duties_and_writes_nothing() throws Exception {
        Path file = users("zhang = {CRYPT}x{CRYPT},admin,ssh");
        String before = Files.readString(file, StandardCharsets.ISO_8859_1);
        SecurityPolicy p = policy(file);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> p.setPassword("zhang", STRONG.toCharArray(), List.of("secadmin")));
        assertTrue(e.getMessage().contains("'zhang'") && e.getMessage().contains("系统管理员（admin）、安全管理员（secadmin）")
                && e.getMessage().contains("未修改"), e.getMessage());
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
                () -> p.setPassword("new-user", STRONG.toCharArray(), List.of("secadmin", "auditadmin")));
        assertTrue(both.getMessage().contains("'new-user'"), both.getMessage());
        assertEquals(before, Files.readString(file, StandardCharsets.ISO_8859_1), "nothing written");
        assertEquals(Set.of("admin", "ssh"), p.realmRoles("zhang"));
        assertEquals(Set.of(), p.realmRoles("nobody"));
    }

    @Test
    void at_start_each_combining_account_is_named_and_at_login_it_gets_none_of_the_administrators_roles() throws Exception {
        Path file = users("ok = x,admin,ssh", "both = x,admin,auditadmin,ssh", "au = x,auditadmin,collector");
        List<String> conflicts = SecurityPolicy.dutyConflicts(file);
        assertEquals(2, conflicts.size(), conflicts.toString());
        assertTrue(conflicts.get(0).contains("'au'") && conflicts.get(1).contains("'both'"), conflicts.toString());
        assertEquals(Set.of("ssh"), JaasAuthenticator.separated("both", Set.of("admin", "auditadmin", "ssh")));
        assertEquals(Set.of("collector"), JaasAuthenticator.separated("au", Set.of("auditadmin", "collector")));
        assertEquals(Set.of("admin", "ssh"), JaasAuthenticator.separated("ok", Set.of("admin", "ssh")));
    }
    @Test
    void a_login_proven_by_signature_gets_the_realms_roles_groups_included_and_never_two_administrators_duties() throws Exception {
        JaasAuthenticator realm = new JaasAuthenticator(new SecurityPolicy.Settings(false, false, 1_000, 12, users(
                "zhang = {CRYPT}hash{CRYPT}, engineer, _g_:operators",
                "_g_\\:operators = group, ssh, evaluator",
                "both = {CRYPT}hash{CRYPT}, admin, auditadmin, ssh",
                "_g_\\:nobody = group, admin")));

        assertEquals(java.util.Optional.of(Set.of("engineer", "ssh", "evaluator")), realm.roles("zhang"));
        assertEquals(java.util.Optional.of(Set.of("ssh")), realm.roles("both"), "two duties: neither");
        assertEquals(java.util.Optional.empty(), realm.roles("wang"));
        assertEquals(java.util.Optional.empty(), realm.roles("_g_:nobody"), "a group is no account");
    }
}
