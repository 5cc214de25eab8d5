package org.lvyue.rules.pki;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.lvyue.api.fact.Fact;

/** The newest CRL of each issuer: only the latest one counts for freshness. */
public final class Crls {
    private Crls() {
    }

    public static List<Fact> latestPerIssuer(Collection<?> crls) {
        Map<String, Fact> latest = new HashMap<>();
        for (Object o : crls) {
            Fact f = (Fact) o;
            latest.merge(f.getSubject(), f, (a, b) -> Pki.at(a, "thisUpdate").isAfter(Pki.at(b, "thisUpdate")) ? a : b);
        }
        return new ArrayList<>(latest.values());
    }
}
