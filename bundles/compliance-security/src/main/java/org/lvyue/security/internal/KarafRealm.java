package org.lvyue.security.internal;

import java.util.Collection;

import org.apache.karaf.jaas.config.JaasRealm;

/** Which of the registered JAAS realms is Karaf's {@code karaf}, the one whose users file the product's logins check. */
final class KarafRealm {
    static final String NAME = "karaf";

    private KarafRealm() {
    }

    /** The realm named {@code karaf} of the highest rank, as Karaf's own JAAS configuration chooses it; null when none. */
    static JaasRealm of(Collection<JaasRealm> realms) {
        JaasRealm best = null;
        for (JaasRealm r : realms) {
            if (NAME.equals(r.getName()) && (best == null || r.getRank() > best.getRank())) {
                best = r;
            }
        }
        return best;
    }
}
