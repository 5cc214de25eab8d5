package org.lvyue.security.internal;

import java.io.IOException;
import java.security.Principal;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;

import org.apache.karaf.jaas.boot.principal.ClientPrincipal;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.lvyue.api.activity.ActivityLog;
import org.lvyue.api.security.LoginAttempts;
import org.lvyue.api.security.RealmAuthenticator;
import org.lvyue.api.security.SecondFactor;

/**
 * The one module of {@link ShellRealm}: a login over SSH as a login over REST makes it. A locked account, an address
 * that must wait and an account that combines administrators' duties (三权分立) are refused before any password is
 * checked; an account with a second factor types its current one-time code right after its password (the SSH
 * password prompt has one field), and the code is checked before the password; the password is checked by Karaf's
 * realm {@code karaf} ({@link RealmAuthenticator}); an account whose roles require a second factor and that has none
 * is refused. Every outcome goes to the lock and the trail with the client's address.
 */
public final class ShellLogin implements LoginModule {
    /** The options {@link ShellRealm} hands its services in. */
    static final String ATTEMPTS = "lvyue.loginAttempts";
    static final String TRAIL = "lvyue.activityLog";
    /** The users file the realm's password module reads, for the account's roles. */
    static final String USERS_FILE = "lvyue.usersFile";
    static final String PASSWORDS = "lvyue.realmAuthenticator";
    static final String SECOND_FACTOR = "lvyue.secondFactor";
    /** Where the administrators may log in from ({@link ManagementNetworks}). */
    static final String TERMINALS = "lvyue.managementNetworks";
    static final String ALARMS = "lvyue.securityAlarms";
    /** The SM2 login certificates: an account that registered one logs in by signature only, never by password here. */
    static final String CERTIFICATES = "lvyue.certificateLogin";

    private Subject subject;
    private CallbackHandler handler;
    private LoginAttempts attempts;
    private ActivityLog trail;
    private java.nio.file.Path usersFile;
    private RealmAuthenticator passwords;
    private SecondFactor secondFactor;
    private ManagementNetworks terminals;
    /** Null when the alarms are away. */
    private org.lvyue.api.security.SecurityAlarms alarms;
    /** Null in tests of other things: then no account has a login certificate. */
    private org.lvyue.api.security.CertificateLogin certificates;
    /** The principals a successful login adds to the subject at commit, and takes away at logout. */
    private final Set<Principal> principals = new HashSet<>();

    @Override
    public void initialize(Subject subject, CallbackHandler handler, Map<String, ?> sharedState, Map<String, ?> options) {
        this.subject = subject;
        this.handler = handler;
        this.attempts = (LoginAttempts) options.get(ATTEMPTS);
        this.trail = (ActivityLog) options.get(TRAIL);
        this.usersFile = (java.nio.file.Path) options.get(USERS_FILE);
        this.passwords = (RealmAuthenticator) options.get(PASSWORDS);
        this.secondFactor = (SecondFactor) options.get(SECOND_FACTOR);
        this.terminals = (ManagementNetworks) options.get(TERMINALS);
        this.alarms = (org.lvyue.api.security.SecurityAlarms) options.get(ALARMS);
        this.certificates = (org.lvyue.api.security.CertificateLogin) options.get(CERTIFICATES);
    }

    @Override
    public boolean login() throws LoginException {
        NameCallback name = new NameCallback("user: ");
        PasswordCallback secret = new PasswordCallback("password: ", false);
        char[] typed;
        try {
            handler.handle(new Callback[] {name});
            try {
                handler.handle(new Callback[] {secret});
                typed = secret.getPassword();
            } catch (UnsupportedCallbackException keyLogin) {
                typed = null;
            } finally {
                secret.clearPassword();
            }
        } catch (IOException | UnsupportedCallbackException e) {
            throw new LoginException("no user name to check: " + e.getMessage());
        }
        String user = name.getName();
        String address = address(subject);
        if (typed == null) {
            // a public key offered first: not a password, so not counted (keys are not taken, see ShellRealm)
            throw new FailedLoginException("只接受口令登录 (password logins only)");
        }
        try {
            LoginAttempts.Wait wait = attempts.refusal(user, address);
            if (wait != null) {
                throw refused(user, address, wait.message(), wait.messageEn());
            }
            org.lvyue.api.security.AccessPolicy.Refusal duties = duties(user);
            if (duties != null) {
                throw refused(user, address, duties.message(), duties.messageEn());
            }
            char[] password = typed;
            boolean twoFactors = secondFactor != null && secondFactor.enrolled(user);
            if (twoFactors) {
                String code = code(typed);
                password = code == null ? typed : Arrays.copyOf(typed, typed.length - Totp.DIGITS);
                if (code == null || !secondFactor.verify(user, code)) {
                    throw failed(user, address, "SSH 登录失败（动态口令" + (code == null ? "缺失" : "错误或已用过") + "）");
                }
            }
            Optional<Set<String>> roles = passwords.authenticate(user, password);
            if (password != typed) {
                Arrays.fill(password, '\0');
            }
            if (roles.isEmpty()) {
                throw failed(user, address, "SSH 登录失败（用户名或口令错误）");
            }
            if (certificates != null && certificates.registered(user).isPresent()) {
                throw refused(user, address, "本账号已登记 SM2 登录证书，只能以证书签名登录，口令登录（含 SSH）不予受理；证书丢失时请安全管理员解除",
                        "this account registered an SM2 login certificate and logs in by its signature only, not by password");
            }
            org.lvyue.api.security.AccessPolicy.Refusal terminal = terminals == null ? null
                    : terminals.refusal(user, roles.get(), address);
            if (terminal != null) {
                if (alarms != null) {
                    alarms.raise(org.lvyue.api.security.SecurityAlarms.TERMINAL_REFUSED, user, address,
                            "SSH 登录被拒绝：" + terminal.message());
                }
                throw refused(user, address, terminal.message(), terminal.messageEn());
            }
            if (!twoFactors && secondFactor != null && roles.get().stream().anyMatch(secondFactor.requiredRoles()::contains)) {
                throw refused(user, address, "该账号的角色要求动态口令（第二因素），账号尚未绑定：请先在控制台或 REST 接口绑定，"
                        + "此后 SSH 登录时在口令后紧接着输入当前的 6 位动态口令",
                        "this account's roles require a second factor and it has none: enrol first, then type the current"
                                + " 6-digit code right after the password");
            }
            attempts.succeeded(user, address);
            trail.record(user, address, ActivityLog.LOGIN, null, "SSH 登录（Karaf 控制台）" + (twoFactors ? "，含动态口令" : ""));
            principals.add(new UserPrincipal(user));
            roles.get().forEach(r -> principals.add(new RolePrincipal(r)));
            return true;
        } finally {
            Arrays.fill(typed, '\0');
        }
    }

    /** The one-time code typed after the password: its last {@link Totp#DIGITS} characters, when they are digits. */
    static String code(char[] typed) {
        if (typed.length <= Totp.DIGITS) {
            return null;
        }
        String code = new String(typed, typed.length - Totp.DIGITS, Totp.DIGITS);
        return code.chars().allMatch(c -> c >= '0' && c <= '9') ? code : null;
    }

    /** A login refused before its password counted: said in the trail, not counted for the lock. */
    private FailedLoginException refused(String user, String address, String message, String messageEn) {
        trail.record(user, address, ActivityLog.LOGIN_FAILED, null, "SSH 登录被拒绝：" + message);
        return new FailedLoginException(message + " / " + messageEn);
    }

    /** A wrong password or code: counted for the lock, said in the trail. */
    private FailedLoginException failed(String user, String address, String detail) {
        attempts.failed(user, address);
        trail.record(user, address, ActivityLog.LOGIN_FAILED, null, detail);
        return new FailedLoginException("用户名、口令或动态口令错误 (wrong user name, password or one-time code)");
    }

    /** Why the account's roles in the users file may not log in together, or null. */
    private org.lvyue.api.security.AccessPolicy.Refusal duties(String name) throws LoginException {
        if (usersFile == null || name == null) {
            return null;
        }
        try {
            UsersFile.User u = UsersFile.read(usersFile).get(name);
            return u == null ? null : org.lvyue.api.security.Duties.conflict(name, u.roles());
        } catch (IOException e) {
            throw new LoginException("the users file cannot be read: " + e.getMessage());
        }
    }

    @Override
    public boolean commit() {
        subject.getPrincipals().addAll(principals);
        return !principals.isEmpty();
    }

    @Override
    public boolean abort() {
        principals.clear();
        return false;
    }

    @Override
    public boolean logout() {
        subject.getPrincipals().removeAll(principals);
        principals.clear();
        return true;
    }

    /** The client's host, as Karaf's SSH server names it ({@code /127.0.0.1:53412}), without the port. */
    static String address(Subject subject) {
        if (subject != null) {
            for (ClientPrincipal p : subject.getPrincipals(ClientPrincipal.class)) {
                return host(p.getAddress());
            }
        }
        return "ssh";
    }

    static String host(String socketAddress) {
        if (socketAddress == null || socketAddress.isBlank()) {
            return "ssh";
        }
        String a = socketAddress.startsWith("/") ? socketAddress.substring(1) : socketAddress;
        int slash = a.indexOf('/'); // host/1.2.3.4:port when the name was resolved
        if (slash >= 0) {
            a = a.substring(slash + 1);
        }
        int colon = a.lastIndexOf(':');
        return colon > 0 ? a.substring(0, colon) : a;
    }
}
