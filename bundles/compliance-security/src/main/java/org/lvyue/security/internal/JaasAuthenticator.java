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

/** A JAAS login in Karaf's realm {@code karaf}: the roles it grants. A realm that throws refuses like a wrong password. */
@Component(service = RealmAuthenticator.class, immediate = true)
public final class JaasAuthenticator implements RealmAuthenticator {
    static final String REALM = "karaf";
    private static final Logger LOG = LoggerFactory.getLogger(JaasAuthenticator.class);

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
            return Optional.empty();
        } catch (RuntimeException e) {
            // a broken users file, the hashing service gone: refused, and said
            LOG.warn("Login of user '{}' failed in the JAAS realm {}", user, REALM, e);
            return Optional.empty();
        }
        return Optional.of(subject.getPrincipals(RolePrincipal.class).stream().map(RolePrincipal::getName)
                .collect(Collectors.toUnmodifiableSet()));
    }
}
