package org.lvyue.security.internal;

import java.io.IOException;
import java.util.Map;

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
import org.lvyue.api.activity.ActivityLog;
import org.lvyue.api.security.LoginAttempts;

/**
 * The first module of {@link ShellRealm}: refuses a locked account, an address that must wait, and an account that
 * combines administrators' duties (三权分立), before any password is checked, and reports the outcome of the login to
 * the lock and the trail. It decides nothing else: where it lets a
 * login through it is ignored, and the users file's module behind it accepts or refuses the password.
 */
public final class ShellLoginLockout implements LoginModule {
    /** The options {@link ShellRealm} hands its services in. */
    static final String ATTEMPTS = "lvyue.loginAttempts";
    static final String TRAIL = "lvyue.activityLog";
    /** The users file the realm's password module reads, for the account's roles. */
    static final String USERS_FILE = "lvyue.usersFile";

    private Subject subject;
    private CallbackHandler handler;
    private LoginAttempts attempts;
    private ActivityLog trail;
    private java.nio.file.Path usersFile;
    private String user;
    private String address;
    /** A password was offered (not a key): only such a login counts for the lock. */
    private boolean password;
    private boolean refused;

    @Override
    public void initialize(Subject subject, CallbackHandler handler, Map<String, ?> sharedState, Map<String, ?> options) {
        this.subject = subject;
        this.handler = handler;
        this.attempts = (LoginAttempts) options.get(ATTEMPTS);
        this.trail = (ActivityLog) options.get(TRAIL);
        this.usersFile = (java.nio.file.Path) options.get(USERS_FILE);
    }

    @Override
    public boolean login() throws LoginException {
        NameCallback name = new NameCallback("user: ");
        PasswordCallback secret = new PasswordCallback("password: ", false);
        try {
            handler.handle(new Callback[] {name});
            try {
                handler.handle(new Callback[] {secret});
                password = secret.getPassword() != null;
            } catch (UnsupportedCallbackException keyLogin) {
                password = false;
            } finally {
                secret.clearPassword();
            }
        } catch (IOException | UnsupportedCallbackException e) {
            throw new LoginException("no user name to check: " + e.getMessage());
        }
        user = name.getName();
        address = address(subject);
        LoginAttempts.Wait wait = attempts.refusal(user, address);
        if (wait != null) {
            refused = true;
            trail.record(user, address, ActivityLog.LOGIN_FAILED, null, "SSH 登录被拒绝：" + wait.message());
            throw new FailedLoginException(wait.message() + " / " + wait.messageEn());
        }
        org.lvyue.api.security.AccessPolicy.Refusal duties = duties(user);
        if (duties != null) {
            refused = true;
            trail.record(user, address, ActivityLog.LOGIN_FAILED, null, "SSH 登录被拒绝：" + duties.message());
            throw new FailedLoginException(duties.message());
        }
        return false;
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
        if (user != null && !refused) {
            if (password) {
                attempts.succeeded(user, address);
            }
            trail.record(user, address, ActivityLog.LOGIN, null, "SSH 登录（Karaf 控制台）");
        }
        return false;
    }

    @Override
    public boolean abort() {
        if (user != null && !refused && password) {
            attempts.failed(user, address);
            trail.record(user, address, ActivityLog.LOGIN_FAILED, null, "SSH 登录失败（用户名或口令错误）");
        }
        return false;
    }

    @Override
    public boolean logout() {
        return false;
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
