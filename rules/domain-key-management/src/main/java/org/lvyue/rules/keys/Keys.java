package org.lvyue.rules.keys;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.lvyue.api.engine.ReportingPeriod;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.spi.Obligation;

/**
 * Reading the key register for the key baselines: the keys from their records, the newest key of
 * each system and purpose, key material shared between systems. Thresholds come from each check's
 * params, never from the rules.
 */
public final class Keys {
    private static final Comparator<Key> NEWEST_LAST = Comparator.comparing(Key::generated).thenComparing(Key::id);

    private Keys() {
    }

    /**
     * The keys the {@code key.record} facts describe, one per key id, sorted by id. The generation day
     * is the earliest record's date, the retirement the earliest {@code retiredOn}; the other
     * attributes are the chronologically last record's that gives them (a correction sent later).
     */
    public static List<Key> of(Collection<?> records) {
        Map<String, List<Fact>> byKey = new TreeMap<>();
        for (Object o : records) {
            Fact f = (Fact) o;
            byKey.computeIfAbsent(f.getSubject(), k -> new ArrayList<>()).add(f);
        }
        List<Key> out = new ArrayList<>(byKey.size());
        byKey.forEach((id, facts) -> {
            facts.sort(null);
            Map<String, String> attrs = new TreeMap<>();
            LocalDate retiredOn = null;
            for (Fact f : facts) {
                f.getAttributes().forEach((name, value) -> {
                    if (value != null && !value.isBlank()) {
                        attrs.put(name, value);
                    }
                });
                String r = f.getAttributes().get("retiredOn");
                if (r != null && !r.isBlank()) {
                    LocalDate day = LocalDate.parse(r);
                    retiredOn = retiredOn == null || day.isBefore(retiredOn) ? day : retiredOn;
                }
            }
            out.add(new Key(id, attrs.get("system"), attrs.get("purpose"), attrs.get("fingerprint"), attrs.get("algorithm"),
                    facts.get(0).getDate(), retiredOn, facts.stream().map(Fact::getId).toList()));
        });
        return out;
    }

    /** The first fact (by date, then id) of each subject: a register sent twice lists its object once. */
    public static List<Fact> firstPerSubject(Collection<?> facts) {
        Map<String, Fact> first = new TreeMap<>();
        for (Object o : facts) {
            Fact f = (Fact) o;
            first.merge(f.getSubject(), f, (a, b) -> a.compareTo(b) <= 0 ? a : b);
        }
        return new ArrayList<>(first.values());
    }

    /** Whether the key is in service on the day. */
    public static boolean inUseOn(Key key, LocalDate day) {
        return key.inUseOn(day);
    }

    /** Whether the key existed at some time in the period (so it needed a backup in it). */
    public static boolean existedIn(Key key, ReportingPeriod period) {
        return key.existedIn(period.start(), period.end());
    }

    /** Of the keys in service on the day, the newest of each system and purpose. */
    public static List<Key> newestInUse(Collection<Key> keys, LocalDate day) {
        Map<String, Key> newest = new TreeMap<>();
        for (Key k : keys) {
            if (k.inUseOn(day)) {
                newest.merge(k.system() + "\u0000" + k.purpose(), k, (a, b) -> NEWEST_LAST.compare(a, b) >= 0 ? a : b);
            }
        }
        return new ArrayList<>(newest.values());
    }

    /** The fingerprints that keys of more than one system carry among the keys in service on the day. */
    public static List<SharedKey> shared(Collection<Key> keys, LocalDate day) {
        Map<String, List<Key>> byFingerprint = new TreeMap<>();
        for (Key k : keys) {
            if (k.inUseOn(day) && k.fingerprint() != null) {
                byFingerprint.computeIfAbsent(k.fingerprint(), f -> new ArrayList<>()).add(k);
            }
        }
        List<SharedKey> out = new ArrayList<>();
        byFingerprint.forEach((fingerprint, same) -> {
            TreeSet<String> systems = new TreeSet<>();
            same.forEach(k -> systems.add(String.valueOf(k.system())));
            if (systems.size() > 1) {
                List<Key> sorted = same.stream().sorted(Comparator.comparing(Key::id)).toList();
                LocalDate since = same.stream().map(Key::generated).max(Comparator.naturalOrder()).orElseThrow();
                out.add(new SharedKey(fingerprint, List.copyOf(systems), sorted, since));
            }
        });
        return out;
    }

    /** Whether a key generated more than {@code maxAgeDays} days before {@code asOf} is overdue for renewal. */
    public static boolean olderThan(Key key, int maxAgeDays, LocalDate asOf) {
        return key.generated().plusDays(maxAgeDays).isBefore(asOf);
    }

    /** A whole-number threshold of the check, e.g. {@code maxAgeDays}. */
    public static int param(Obligation check, String name) {
        String v = check.params().get(name);
        if (v == null) {
            throw new IllegalArgumentException("baseline check " + check.id() + " has no parameter " + name);
        }
        return Integer.parseInt(v.trim());
    }
}
