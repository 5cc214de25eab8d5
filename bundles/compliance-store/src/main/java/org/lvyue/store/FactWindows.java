package org.lvyue.store;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.lvyue.api.fact.Fact;

/**
 * Dated reads of a contract's facts ({@code kinds} dated {@code [from, to]}) kept across the contract's appends. A
 * read passes over every fact of the contract (the fact table has no index by kind or date, which every ingested fact
 * would pay for); a window read once is afterwards brought up to date by reading only the facts appended since, by
 * id through the unique index. So an engineer's checklist, reopened after each save, reads its month once.
 *
 * <p>Each contract keeps a short log of what its appends stored (ids, kinds, dates), numbered. A window remembers the
 * number it is current at; the next read of it fetches the log's later entries that fall in it and merges them, in
 * their order after the window's own (a contract's appends are serial, so they were stored after everything the
 * window holds). A window read while appends committed takes those appends from the log too: the merge skips what the
 * read already saw. When the log no longer reaches back to a window, the window is read again.
 *
 * <p>At most {@code maxFacts} facts are kept in all windows together; past that the least recently used windows go. A
 * window of more than half of that is answered but not kept.
 *
 * <p>For a kind too large to keep whole, its <em>head</em> is kept instead: how many facts of the kind the contract has
 * and its newest {@link #HEAD_DEPTH} (by date, then id, as the facts page lists them), brought up to date from the same
 * log. The head is read under the contract's write lock, so that the count and the log's number agree exactly.
 */
final class FactWindows {
    /** What one append stored, as much as deciding which windows it falls in needs. */
    record Appended(String id, String kind, LocalDate date) {
    }

    /** Reads the stored facts with the given ids, by id. */
    @FunctionalInterface
    interface ByIds {
        Map<String, Fact> read(List<String> ids);
    }

    private record Key(String contractId, SortedSet<String> kinds, LocalDate from, LocalDate to) {
        boolean holds(Appended a) {
            return kinds.contains(a.kind()) && !a.date().isBefore(from) && !a.date().isAfter(to);
        }
    }

    /** A window's facts by kind (each list by date, then as stored), the ids among them, and the append it is current at. */
    private record Window(Map<String, List<Fact>> byKind, Set<String> ids, long currentAt) {
        int size() {
            return ids.size();
        }
    }

    /**
     * One contract's numbered appends, the latest {@link #LOG_LENGTH} of them and at most {@link #LOGGED_FACTS} facts
     * together: a large upload (a certificate archive is tens of thousands of facts) is not kept, and the windows it
     * falls in are read again.
     */
    private static final class Log {
        private final Deque<List<Appended>> entries = new ArrayDeque<>();
        private long last;
        private int logged;

        synchronized long last() {
            return last;
        }

        synchronized void add(List<Appended> stored) {
            entries.addLast(stored);
            logged += stored.size();
            last++;
            while (!entries.isEmpty() && (entries.size() > LOG_LENGTH || logged > LOGGED_FACTS)) {
                logged -= entries.removeFirst().size();
            }
        }

        /** What the appends after number {@code since} stored, in order; null when the log no longer reaches back there. */
        synchronized Since since(long since) {
            long missing = last - since;
            if (missing > entries.size()) {
                return null;
            }
            List<Appended> out = new ArrayList<>();
            int skip = (int) (entries.size() - missing);
            int i = 0;
            for (List<Appended> e : entries) {
                if (i++ >= skip) {
                    out.addAll(e);
                }
            }
            return new Since(out, last);
        }
    }

    /** The facts appended after some number, and the number of the last append among them. */
    private record Since(List<Appended> stored, long upTo) {
    }

    static final int LOG_LENGTH = 256;
    static final int LOGGED_FACTS = 20_000;
    /** The newest facts a kind's head keeps: the first twenty pages of fifty. */
    static final int HEAD_DEPTH = 1_000;
    /** The heads kept, least recently used first out. */
    static final int HEADS = 64;

    /** Newest first, as the facts page lists a kind: by date, then id, both descending. */
    static final java.util.Comparator<Fact> NEWEST_FIRST =
            java.util.Comparator.comparing(Fact::getDate).thenComparing(Fact::getId).reversed();

    /**
     * A kind's count and newest facts, current at an append of the log.
     *
     * @param newest the newest facts, at most {@link #HEAD_DEPTH}, {@link #NEWEST_FIRST}; all of the kind when fewer
     */
    record Head(long count, List<Fact> newest, long currentAt) {
        /** Whether the page {@code [offset, offset + limit)} lies within what the head holds. */
        boolean holds(int offset, int limit) {
            return count == newest.size() || (long) offset + limit <= newest.size();
        }

        List<Fact> page(int offset, int limit) {
            int from = Math.min(offset, newest.size());
            return List.copyOf(newest.subList(from, (int) Math.min(newest.size(), (long) from + limit)));
        }
    }

    private record HeadKey(String contractId, String kind) {
    }

    private final int maxFacts;
    private final Map<String, Log> logs = new ConcurrentHashMap<>();
    /** Least recently used first. */
    private final LinkedHashMap<Key, Window> windows = new LinkedHashMap<>(16, 0.75f, true);
    /** The windows read once and found too large to keep, the latest {@link #LOG_LENGTH} of them. */
    private final Map<Key, Boolean> oversized = lru(LOG_LENGTH);
    private int held;
    private final Map<HeadKey, Head> heads = lru(HEADS);

    FactWindows(int maxFacts) {
        this.maxFacts = maxFacts;
    }

    /** Notes what an append committed to the contract stored; called after the commit, by the contract's only writer. */
    void appended(String contractId, List<Fact> stored) {
        if (stored.isEmpty()) {
            return;
        }
        List<Appended> entry = new ArrayList<>(stored.size());
        for (Fact f : stored) {
            entry.add(new Appended(f.getId(), f.getKind(), f.getDate()));
        }
        log(contractId).add(entry);
    }

    /**
     * The contract's facts of {@code kinds} dated {@code [from, to]}, by kind, each by date then as stored; {@code read}
     * reads them all from the store, {@code byIds} the facts appended since a window was read.
     */
    Map<String, List<Fact>> get(String contractId, Collection<String> kinds, LocalDate from, LocalDate to,
                                Supplier<Map<String, List<Fact>>> read, ByIds byIds) {
        Key key = new Key(contractId, Collections.unmodifiableSortedSet(new TreeSet<>(kinds)), from, to);
        Log log = log(contractId);
        Window w;
        synchronized (this) {
            w = windows.get(key);
        }
        Since since = w == null ? null : log.since(w.currentAt());
        if (since == null) {
            // the log is numbered after each commit: what committed before this number is in the read
            long before = log.last();
            Map<String, List<Fact>> fresh = frozen(read.get());
            w = new Window(fresh, idsOf(fresh), before);
            since = log.since(before);
            if (since == null) {
                return fresh;
            }
        }
        w = merged(key, w, since, byIds);
        keep(key, w);
        return w.byKind();
    }

    /**
     * The kind's head: its count and newest facts. {@code read} reads them from the store under the contract's write
     * lock (so no append commits between the log's number and the read); {@code byIds} the facts appended since.
     */
    Head head(String contractId, String kind, java.util.function.Function<java.util.function.LongSupplier, Head> read,
              ByIds byIds) {
        HeadKey key = new HeadKey(contractId, kind);
        Log log = log(contractId);
        Head h = heads.get(key);
        Since since = h == null ? null : log.since(h.currentAt());
        if (since == null) {
            h = read.apply(log::last);
            since = log.since(h.currentAt());
            if (since == null) {
                return h;
            }
        }
        h = advanced(h, kind, since, byIds);
        heads.merge(key, h, (old, now) -> old.currentAt() > now.currentAt() ? old : now);
        return h;
    }

    /** A synchronized map that keeps the {@code capacity} entries used last. */
    private static <K, V> Map<K, V> lru(int capacity) {
        return java.util.Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        });
    }

    /** The head with the facts of the kind appended in {@code since}: each new (an append stores no id twice). */
    private static Head advanced(Head h, String kind, Since since, ByIds byIds) {
        long added = 0;
        List<String> wanted = new ArrayList<>();
        Fact last = h.newest().isEmpty() ? null : h.newest().get(h.newest().size() - 1);
        boolean whole = h.count() == h.newest().size();
        for (Appended a : since.stored()) {
            if (!a.kind().equals(kind)) {
                continue;
            }
            added++;
            // a fact older than the head's last cannot enter it, unless the head is all there is
            if (whole || last == null || !a.date().isBefore(last.getDate())) {
                wanted.add(a.id());
            }
        }
        if (added == 0) {
            return new Head(h.count(), h.newest(), since.upTo());
        }
        List<Fact> newest = new ArrayList<>(h.newest());
        if (!wanted.isEmpty()) {
            Map<String, Fact> read = byIds.read(wanted);
            for (String id : wanted) {
                Fact f = read.get(id);
                if (f != null) {
                    newest.add(f);
                }
            }
            newest.sort(NEWEST_FIRST);
        }
        List<Fact> kept = newest.size() > HEAD_DEPTH ? newest.subList(0, HEAD_DEPTH) : newest;
        return new Head(h.count() + added, List.copyOf(kept), since.upTo());
    }

    private Log log(String contractId) {
        return logs.computeIfAbsent(contractId, k -> new Log());
    }

    /**
     * Whether the window was read before and found too large to keep: a caller that needs only part of it (a page) is
     * better served by the database's own query.
     */
    boolean oversized(String contractId, Collection<String> kinds, LocalDate from, LocalDate to) {
        return oversized.containsKey(new Key(contractId, Collections.unmodifiableSortedSet(new TreeSet<>(kinds)), from, to));
    }

    /** The window with the facts of {@code since} that fall in it and it does not hold yet, each after those of its day. */
    private static Window merged(Key key, Window w, Since since, ByIds byIds) {
        long now = since.upTo();
        List<String> wanted = new ArrayList<>();
        for (Appended a : since.stored()) {
            if (key.holds(a) && !w.ids().contains(a.id())) {
                wanted.add(a.id());
            }
        }
        if (wanted.isEmpty()) {
            return new Window(w.byKind(), w.ids(), now);
        }
        Map<String, Fact> stored = byIds.read(wanted);
        Map<String, List<Fact>> byKind = new LinkedHashMap<>();
        w.byKind().forEach((k, v) -> byKind.put(k, new ArrayList<>(v)));
        Set<String> ids = new HashSet<>(w.ids());
        for (String id : wanted) {
            Fact f = stored.get(id);
            if (f == null || ids.contains(id) || !key.holds(new Appended(f.getId(), f.getKind(), f.getDate()))) {
                continue;
            }
            ids.add(id);
            List<Fact> list = byKind.computeIfAbsent(f.getKind(), k -> new ArrayList<>());
            int at = list.size();
            while (at > 0 && list.get(at - 1).getDate().isAfter(f.getDate())) {
                at--;
            }
            list.add(at, f);
        }
        return new Window(frozen(byKind), Collections.unmodifiableSet(ids), now);
    }

    private synchronized void keep(Key key, Window w) {
        if (w.size() > maxFacts / 2) {
            oversized.put(key, Boolean.TRUE);   // a window as large as the others together would only push them all out
            return;
        }
        Window old = windows.get(key);
        if (old != null && old.currentAt() > w.currentAt()) {
            return;
        }
        if (old != null) {
            held -= old.size();
        }
        windows.put(key, w);
        held += w.size();
        var oldest = windows.entrySet().iterator();
        while (held > maxFacts && oldest.hasNext()) {
            var e = oldest.next();
            held -= e.getValue().size();
            oldest.remove();
        }
    }

    private static Set<String> idsOf(Map<String, List<Fact>> byKind) {
        Set<String> ids = new HashSet<>();
        byKind.values().forEach(list -> list.forEach(f -> ids.add(f.getId())));
        return Collections.unmodifiableSet(ids);
    }

    private static Map<String, List<Fact>> frozen(Map<String, List<Fact>> byKind) {
        Map<String, List<Fact>> out = new LinkedHashMap<>();
        byKind.forEach((k, v) -> out.put(k, Collections.unmodifiableList(v)));
        return Collections.unmodifiableMap(out);
    }
}
