package org.lvyue.api.notify;

import java.util.Objects;

import org.lvyue.api.finding.Severity;

/**
 * A message the clock causes rather than a recorded change: a deadline coming due, a daily digest. The outbox writes
 * it once per recipient ({@link NotificationOutbox#writeNotice}), however often it is offered.
 *
 * @param contract the contract
 * @param kind     what it tells ({@link NotificationKind#DEADLINE}, {@link NotificationKind#DIGEST})
 * @param once     what makes it the same notice when offered again: the deadline, its day and the lead; the digest's
 *                 day
 * @param ref      what it is about (the obligation, fact or finding of the deadline; the digest's day)
 * @param severity a severity, or null
 * @param title    its title, in Chinese
 * @param detail   its text, in Chinese (may have several lines), or null
 * @param clause   the contract's clause, or null
 * @since 1.1
 */
public record Notice(String contract, NotificationKind kind, String once, String ref, Severity severity, String title,
                     String detail, String clause) {
    public Notice {
        Objects.requireNonNull(contract, "contract");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(once, "once");
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(title, "title");
    }
}
