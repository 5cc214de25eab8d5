package org.lvyue.rules.terms;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.lvyue.api.fact.Fact;

/** Small helpers the rules use on collected facts. */
public final class Facts {
    private Facts() {
    }

    /** The ids of the facts, in chronological order. */
    public static List<String> ids(Collection<?> facts) {
        List<Fact> sorted = new ArrayList<>();
        for (Object o : facts) {
            sorted.add((Fact) o);
        }
        sorted.sort(null);
        return sorted.stream().map(Fact::getId).toList();
    }

    /** The ids of the facts, then of {@code more}, in that order. */
    public static List<String> ids(Collection<?> facts, Fact... more) {
        List<String> ids = new ArrayList<>(ids(facts));
        for (Fact f : more) {
            ids.add(f.getId());
        }
        return ids;
    }
}
