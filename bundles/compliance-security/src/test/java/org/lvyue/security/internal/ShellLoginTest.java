package org.lvyue.security.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.security.auth.Subject;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

import org.apache.karaf.jaas.boot.principal.ClientPrincipal;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lvyue.api.activity.ActivityEntry;
import org.lvyue.api.activity.ActivityLog;
import org.lvyue.api.security.RealmAuthenticator;
import org.lvyue.store.JdbcStore;
import org.lvyue.testing.SettableClock;

/**
 * A login over SSH as Karaf's SSH server makes it (a subject naming the client's address, a name and a password from
 * the callbacks), through the module of {@link ShellRealm}, with passwords checked by Karaf's own users-file module,
 * against the real lock, the real trail (an H2 file) and the real second factor; without the OSGi proxy in front.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ShellLoginTest {
    @TempDir
    Path dir;
    private JdbcStore store;
    private LoginLockout lockout;
    private Configuration realm;
    private SettableClock clock;
    private TotpSecondFactor secondFactor;
    private Sm2CertificateLogin certificates;
    /** The administrators' network: 10.1.0.0/16, where the tests' client 10.1.2.3 is. */
    private final ManagementNetworks terminals = ManagementNetworks.of("10.1.0.0/16, fd00:1::/32", "admin,secadmin,auditadmin");

    @BeforeEach
    void open() throws Exception {
        store = new JdbcStore("jdbc:h2:file:" + dir.resolve("lvyue"));
        clock = new SettableClock(Instant.parse("2026-12-07T01:00:00Z"), ZoneOffset.UTC);
        lockout = new LoginLockout(store, store, LoginLockoutTest.config(5, 15, 30, 100, 60), clock, false);
        Path users = UsersFiles.write(dir, "wang = Wang-2026-secret,admin,ssh", "zhao = Zhao-2026-secret,admin,secadmin,ssh",
                "qian = Qian-2026-secret,secadmin,ssh");
        AppConfigurationEntry usersFile = new AppConfigurationEntry(SecurityPolicy.PROPERTIES_MODULE,
                AppConfigurationEntry.LoginModuleControlFlag.SUFFICIENT, Map.of("users", users.toString()));
        Configuration karaf = new Configuration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                return KarafRealm.NAME.equals(name) ? new AppConfigurationEntry[] {usersFile} : null;
            }
        };
        RealmAuthenticator passwords = (user, password) -> {
            Subject subject = new Subject();
            try {
                new LoginContext(KarafRealm.NAME, subject, handler(user, new String(password)), karaf).login();
            } catch (LoginException e) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(roles(subject));
        };
        Sm4FieldCipher cipher = new Sm4FieldCipher(FieldKeys.load(dir.resolve("keys.properties"), new SecureRandom()),
                new SecureRandom());
        secondFactor = new TotpSecondFactor(users, cipher, Set.of("secadmin"), "Lvyue", clock);
        certificates = new Sm2CertificateLogin(store, cipher, clock);
        AppConfigurationEntry shell = new AppConfigurationEntry(ShellLogin.class.getName(),
                AppConfigurationEntry.LoginModuleControlFlag.REQUIRED,
                ShellRealm.options(lockout, store, users, passwords, secondFactor, terminals, null,
                        Map.of(ShellLogin.CERTIFICATES, certificates)));
        realm = new Configuration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                return ShellRealm.NAME.equals(name) ? new AppConfigurationEntry[] {shell} : null;
            }
        };
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void the_right_password_logs_in_with_the_users_roles_and_the_login_is_in_the_trail_with_the_address() throws Exception {
        Subject subject = ssh("wang", "Wang-2026-secret");

        assertEquals(Set.of("admin", "ssh"), roles(subject));
        ActivityEntry login = trail("wang").get(0);
        assertEquals(ActivityLog.LOGIN, login.action());
        assertEquals("10.1.2.3", login.address());
        assertTrue(login.detail().startsWith("SSH 登录"), login.detail());
    }

    @Test
    void an_account_that_registered_a_login_certificate_is_refused_by_its_right_password_and_the_trail_says_why() {
        org.lvyue.testing.Sm2TestKeys key = org.lvyue.testing.Sm2TestKeys.generate("CN=王", clock.instant().minus(java.time.Duration.ofDays(1)),
                clock.instant().plus(java.time.Duration.ofDays(365)));
        org.lvyue.api.security.CertificateLogin.Challenge c = certificates.challenge();
        certificates.register("wang", key.certificate(), c.value(), "lvyue:8443",
                key.sign(org.lvyue.api.security.CertificateLogin.signedText("wang", c.value(), "lvyue:8443")));

        FailedLoginException refused = assertThrows(FailedLoginException.class, () -> ssh("wang", "Wang-2026-secret"));
        assertTrue(refused.getMessage().contains("只能以证书签名登录"), refused.getMessage());
        assertTrue(trail("wang").get(0).detail().startsWith("SSH 登录被拒绝：本账号已登记 SM2 登录证书"), trail("wang").toString());

        certificates.remove("wang"); // a lost key: the security administrator removes it, and the password opens again
        assertDoesNotThrow(() -> ssh("wang", "Wang-2026-secret"));
    }

    @Test
    void five_wrong_passwords_lock_the_account_and_then_the_right_one_is_refused_before_it_is_checked() {
        for (int i = 0; i < 5; i++) {
            assertThrows(LoginException.class, () -> ssh("wang", "guess"));
        }

        FailedLoginException locked = assertThrows(FailedLoginException.class, () -> ssh("wang", "Wang-2026-secret"));
        assertTrue(locked.getMessage().contains("已被锁定"), locked.getMessage());
        // newest first: the refusal, then the five failures and the lock the fifth one set, each with the client's address
        List<ActivityEntry> trail = trail("wang");
        assertEquals(ActivityLog.LOGIN_FAILED, trail.get(0).action());
        assertTrue(trail.get(0).detail().startsWith("SSH 登录被拒绝：账户 wang 因连续 5 次登录失败已被锁定"), trail.get(0).detail());
        assertEquals(1, trail.stream().filter(e -> e.action().equals(ActivityLog.ACCOUNT_LOCK)).count(), trail.toString());
        assertEquals(5, trail.stream().filter(e -> e.detail().equals("SSH 登录失败（用户名或口令错误）")).count());
        assertTrue(trail.stream().allMatch(e -> "10.1.2.3".equals(e.address())), trail.toString());
    }

    @Test
    void an_administrator_with_the_right_password_is_refused_from_outside_the_management_networks_and_the_trail_says_why()
            throws Exception {
        FailedLoginException refused = assertThrows(FailedLoginException.class,
                () -> ssh("wang", "Wang-2026-secret", "/192.168.7.7:40022"));

        assertTrue(refused.getMessage().startsWith("管理终端受限：账户 'wang' 担任 admin"), refused.getMessage());
        ActivityEntry entry = trail("wang").get(0);
        assertEquals(ActivityLog.LOGIN_FAILED, entry.action());
        assertEquals("192.168.7.7", entry.address());
        assertTrue(entry.detail().contains("当前地址 192.168.7.7 不在其中"), entry.detail());
        // the host itself always may, and so may an address in an IPv6 range of the list
        assertEquals(Set.of("admin", "ssh"), roles(ssh("wang", "Wang-2026-secret", "/127.0.0.1:40022")));
        assertEquals(Set.of("admin", "ssh"), roles(ssh("wang", "Wang-2026-secret", "/fd00:1:0:0:0:0:0:9:40022")));
    }

    @Test
    void an_account_combining_two_administrators_duties_is_refused_with_the_right_password_and_not_counted() {
        FailedLoginException refused = assertThrows(FailedLoginException.class, () -> ssh("zhao", "Zhao-2026-secret"));

        assertTrue(refused.getMessage().startsWith("三权分立"), refused.getMessage());
        assertEquals(List.of(), lockout.locks());
        ActivityEntry entry = trail("zhao").get(0);
        assertEquals(ActivityLog.LOGIN_FAILED, entry.action());
        assertTrue(entry.detail().startsWith("SSH 登录被拒绝：三权分立"), entry.detail());
    }

    @Test
    void a_public_key_offered_and_refused_is_not_counted_as_a_failed_password() {
        for (int i = 0; i < 6; i++) {
            assertThrows(LoginException.class, () -> ssh("wang", null));
        }

        assertEquals(List.of(), lockout.locks(), "a client offering its keys first must not lock the account");
    }

    @Test
    void an_account_with_a_second_factor_types_its_code_after_the_password_and_each_code_works_once() throws Exception {
        String code = enrol("wang");

        assertThrows(FailedLoginException.class, () -> ssh("wang", "Wang-2026-secret"), "the password alone");
        clock.advance(java.time.Duration.ofSeconds(30));
        String next = Totp.code(secret, Totp.step(clock.instant()), Totp.DIGITS);
        assertThrows(FailedLoginException.class, () -> ssh("wang", "Wang-2026-guess" + next), "the code with a wrong password");
        Subject subject = ssh("wang", "Wang-2026-secret" + Totp.code(secret, Totp.step(clock.instant()) + 1, Totp.DIGITS));

        assertEquals(Set.of("admin", "ssh"), roles(subject));
        assertEquals("SSH 登录（Karaf 控制台），含动态口令", trail("wang").get(0).detail());
        assertThrows(FailedLoginException.class, () -> ssh("wang", "Wang-2026-secret" + code), "an older code, already passed");
        List<ActivityEntry> trail = trail("wang");
        assertEquals("SSH 登录失败（动态口令错误或已用过）", trail.get(0).detail());
        assertEquals(3, trail.stream().filter(e -> e.action().equals(ActivityLog.LOGIN_FAILED)).count(), trail.toString());
    }

    @Test
    void an_account_whose_roles_require_a_second_factor_and_that_has_none_is_refused_with_its_right_password() {
        FailedLoginException refused = assertThrows(FailedLoginException.class, () -> ssh("qian", "Qian-2026-secret"));

        assertTrue(refused.getMessage().startsWith("该账号的角色要求动态口令"), refused.getMessage());
        assertTrue(trail("qian").get(0).detail().startsWith("SSH 登录被拒绝：该账号的角色要求动态口令"));
    }

    @Test
    void the_code_is_the_last_six_characters_when_they_are_digits() {
        assertEquals("123456", ShellLogin.code("secret123456".toCharArray()));
        assertEquals(null, ShellLogin.code("secret12345x".toCharArray()));
        assertEquals(null, ShellLogin.code("123456".toCharArray()), "a code without a password");
    }

    @Test
    void the_host_is_taken_from_the_address_the_ssh_server_names() {
        assertEquals("127.0.0.1", ShellLogin.host("/127.0.0.1:53412"));
        assertEquals("0:0:0:0:0:0:0:1", ShellLogin.host("/0:0:0:0:0:0:0:1:53412"));
        assertEquals("10.0.0.7", ShellLogin.host("ops.example/10.0.0.7:22"));
        assertEquals("ssh", ShellLogin.host(""));
    }

    private byte[] secret;

    /** Enrols {@code user} as the console does (a secret drawn, confirmed by its current code); returns that code. */
    private String enrol(String user) {
        secret = TotpSecondFactorTest.base32Decode(secondFactor.enrol(user).secret());
        String code = Totp.code(secret, Totp.step(clock.instant()), Totp.DIGITS);
        assertTrue(secondFactor.confirm(user, code));
        return code;
    }

    /** As Karaf's SSH server logs in: a subject naming the client, a password, or none for a public key. */
    private Subject ssh(String user, String password) throws LoginException {
        return ssh(user, password, "/10.1.2.3:40022");
    }

    private Subject ssh(String user, String password, String client) throws LoginException {
        Subject subject = new Subject();
        subject.getPrincipals().add(new ClientPrincipal("ssh", client));
        LoginContext context = new LoginContext(ShellRealm.NAME, subject, handler(user, password), realm);
        context.login();
        return subject;
    }

    private static CallbackHandler handler(String user, String password) {
        return callbacks -> {
            for (var c : callbacks) {
                if (c instanceof NameCallback n) {
                    n.setName(user);
                } else if (c instanceof PasswordCallback p && password != null) {
                    p.setPassword(password.toCharArray());
                } else {
                    throw new UnsupportedCallbackException(c);
                }
            }
        };
    }

    private static Set<String> roles(Subject subject) {
        return subject.getPrincipals(RolePrincipal.class).stream().map(RolePrincipal::getName)
                .collect(java.util.stream.Collectors.toSet());
    }

    private List<ActivityEntry> trail(String user) {
        return store.list(new ActivityLog.Query(user, null, 20, 0));
    }
}
