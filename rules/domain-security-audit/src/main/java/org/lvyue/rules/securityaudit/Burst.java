package org.lvyue.rules.securityaudit;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

import org.lvyue.api.audit.AuditEvent;

/**
 * A day's burst of failed logins of one user: the entries of that day that lie in some window of at
 * most {@code minutes} minutes (first to last) holding at least {@code count} failures. A window is
 * the day's if it ends on the day, so a burst across midnight counts on the day it reached the
 * count, with the failures of the evening before as its start.
 *
 * @param events     the day's failures inside such windows, in time order
 * @param largest    the most failures any one window holds
 * @param from       the first failure of the largest window (the earliest such window)
 * @param to         the last failure of that window
 * @param reachedAt  when the count was first reached on the day
 */
public record Burst(List<AuditEvent> events, int largest, LocalDateTime from, LocalDateTime to, LocalDateTime reachedAt) {

    public Burst {
        events = List.copyOf(events);
    }

    /**
     * The burst of the day, if there is one.
     *
     * @param day     the day whose windows count (those ending on it)
     * @param today   the user's failures of the day
     * @param before  the user's failures of the day before (only the last {@code minutes} minutes matter)
     */
    public static Optional<Burst> find(LocalDate day, Collection<?> today, Collection<?> before, int count, int minutes) {
        if (count < 1 || minutes < 0) {
            throw new IllegalArgumentException("count must be at least 1 and minutes not negative: " + count + ", " + minutes);
        }
        LocalDateTime earliest = day.atStartOfDay().minusMinutes(minutes);
        List<AuditEvent> all = new ArrayList<>();
        for (Object o : before) {
            AuditEvent e = (AuditEvent) o;
            if (!e.at().isBefore(earliest)) {
                all.add(e);
            }
        }
        for (Object o : today) {
            all.add((AuditEvent) o);
        }
        all = AuditChecks.chronological(all);
        Duration span = Duration.ofMinutes(minutes);
        LinkedHashSet<AuditEvent> inBursts = new LinkedHashSet<>();
        int largest = 0;
        LocalDateTime from = null;
        LocalDateTime to = null;
        LocalDateTime reachedAt = null;
        int first = 0;
        int marked = -1;  // entries up to this index are already in inBursts: each entry is looked at once
        for (int last = 0; last < all.size(); last++) {
            LocalDateTime end = all.get(last).at();
            while (Duration.between(all.get(first).at(), end).compareTo(span) > 0) {
                first++;
            }
            int size = last - first + 1;
            if (size >= count && end.toLocalDate().equals(day)) {
                if (reachedAt == null) {
                    reachedAt = end;
                }
                if (size > largest) {
                    largest = size;
                    from = all.get(first).at();
                    to = end;
                }
                for (int i = Math.max(first, marked + 1); i <= last; i++) {
                    AuditEvent e = all.get(i);
                    if (e.getDay().equals(day)) {
                        inBursts.add(e);
                    }
                }
                marked = last;
            }
        }
        if (reachedAt == null) {
            return Optional.empty();
        }
        return Optional.of(new Burst(AuditChecks.chronological(inBursts), largest, from, to, reachedAt));
    }

    /** The burst as a list of none or one, for a rule's {@code from}. */
    public static List<Burst> of(LocalDate day, Collection<?> today, Collection<?> before, int count, int minutes) {
        return find(day, today, before, count, minutes).map(List::of).orElse(List.of());
    }
}
