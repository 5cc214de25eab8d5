package org.lvyue.security.internal;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.lvyue.api.security.RealmAuthenticator;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JAAS login in Karaf's realm {@code karaf}: the roles it grants. A realm that throws refuses like a wrong password.
 * Karaf's users file refuses an unknown user name at once, but a known one only after the password's hash: measured on
 * the distribution, 9 ms against 200 ms, which tells a guesser which names exist. So a refused name the users file
 * does not hold costs a hash too, of a password no one has.
 */
@Component(service = RealmAuthenticator.class, configurationPid = SecurityPolicy.PID, immediate = true)
public final class JaasAuthenticator implements RealmAuthenticator {
    static final String REALM = KarafRealm.NAME;
    private static final Logger LOG = LoggerFactory.getLogger(JaasAuthenticator.class);

    // replaced in place by a configuration change, so the REST API holding this service is not restarted for it
    private volatile java.nio.file.Path usersFile;
    /** A hash at the iterations of the realm's own hashes, of a random password: what an unknown name is checked against. */
    private volatile String decoy;
    private int decoyIterations;

    @org.osgi.service.component.annotations.Activate
    public JaasAuthenticator(SecurityConfig config) {
        this(SecurityPolicy.Settings.of(config));
    }

    JaasAuthenticator(SecurityPolicy.Settings settings) {
        apply(settings);
    }

    @org.osgi.service.component.annotations.Modified
    void modified(SecurityConfig config) {
        apply(SecurityPolicy.Settings.of(config));
    }

    /** The decoy is hashed again only when the iterations changed: a change of another setting costs no hash. */
    private synchronized void apply(SecurityPolicy.Settings settings) {
        if (decoy == null || decoyIterations != settings.iterations()) {
            byte[] random = new byte[24];
            new java.security.SecureRandom().nextBytes(random);
            decoy = Pbkdf2.hash(java.util.Base64.getEncoder().encodeToString(random).toCharArray(), settings.iterations());
            decoyIterations = settings.iterations();
        }
        usersFile = settings.usersFile();
    }

    @Override
    public Optional<Set<String>> authenticate(String user, char[] password) {
        Subject subject = new Subject();
        try {
            LoginContext context = new LoginContext(REALM, subject, callbacks -> {
                for (Callback cb : callbacks) {
                    if (cb instanceof NameCallback nc) {
                        nc.setName(user);
                    } else if (cb instanceof PasswordCallback pc) {
                        pc.setPassword(password);
                    } else {
                        throw new UnsupportedCallbackException(cb);
                    }
                }
            });
            context.login();
        } catch (LoginException e) {
            costAHashIfUnknown(user, password);
            return Optional.empty();
        } catch (RuntimeException e) {
            // a broken users file, the hashing service gone: refused, and said
            LOG.warn("Login of user '{}' failed in the JAAS realm {}", user, REALM, e);
            return Optional.empty();
        }
        Set<String> roles = subject.getPrincipals(RolePrincipal.class).stream().map(RolePrincipal::getName)
                .collect(Collectors.toUnmodifiableSet());
        return Optional.of(separated(user, roles));
    }

    @Override
    public Optional<Set<String>> roles(String user) {
        try {
            return UsersFile.roles(usersFile, user).map(roles -> separated(user, roles));
        } catch (java.io.IOException | RuntimeException e) {
            LOG.warn("Cannot read the roles of user '{}' from {}", user, usersFile, e);
            return Optional.empty();
        }
    }

    /**
     * The roles of an account that breaks the separation of duties (三权分立) without any of the three administrators':
     * the users file may be edited by hand, and an account holding two duties must not get both, nor choose one.
     */
    static Set<String> separated(String user, Set<String> roles) {
        org.lvyue.api.security.AccessPolicy.Refusal conflict = org.lvyue.api.security.Duties.conflict(user, roles);
        if (conflict == null) {
            return roles;
        }
        LOG.warn("{} ({}): login without the administrators' roles", conflict.message(), conflict.messageEn());
        return roles.stream().filter(r -> !org.lvyue.api.security.Duties.ALL.contains(r))
                .collect(Collectors.toUnmodifiableSet());
    }

    private void costAHashIfUnknown(String user, char[] password) {
        try {
            if (!UsersFile.read(usersFile).containsKey(user)) {
                Pbkdf2.verify(password, decoy);
            }
        } catch (java.io.IOException e) {
            Pbkdf2.verify(password, decoy); // the file cannot say: the same cost either way
        }
    }
}
