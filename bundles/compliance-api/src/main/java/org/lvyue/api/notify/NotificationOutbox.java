package org.lvyue.api.notify;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The outbox: messages written by the store in the transaction of the change that caused them (a new finding,
 * a new ledger amount), read and marked by the notifier. A message is sent at least once; marked sent, never
 * again.
 */
@ProviderType
public interface NotificationOutbox {
    /** Unsent messages of the channel due at {@code now} (not given up), the oldest due first, at most {@code limit}. */
    List<OutboxMessage> due(Channel channel, Instant now, int limit);

    /**
     * Takes a message for sending until {@code until}, if it is still due at {@code due}, the time it was read with:
     * of several nodes reading the same outbox, one wins and sends it. Should the winner die before marking it, the
     * message is due again at {@code until}.
     *
     * @return whether this caller took it
     */
    boolean claim(long id, Instant due, Instant until);

    /** Marks a message sent; false when it was marked already. */
    boolean markSent(long id, Instant at);

    /**
     * Notes a failed attempt: counted, with its reason, and due again at {@code retryAt}, or given up for good
     * when {@code retryAt} is null.
     */
    void markFailed(long id, String error, Instant retryAt);

    /** Puts off a message without counting an attempt (its recipient is failing on another message). */
    void postpone(long id, Instant until);

    /**
     * Writes a message the clock causes (a deadline coming due, a daily digest) to each of the contract's subscriptions
     * that wants its kind, once: a notice offered again with the same {@link Notice#once()} (by this node after a
     * restart, or by another node) writes nothing for a recipient that has it already.
     *
     * @return the messages written now
     * @since 1.1
     */
    int writeNotice(Notice notice, Instant at);

    /** The contract of a message about the product itself ({@link NotificationKind#SECURITY_ALARM}). @since 1.2 */
    String PRODUCT = "*";

    /**
     * Writes a security alarm of the product ({@link NotificationKind#SECURITY_ALARM}, contract {@link #PRODUCT}) as an
     * e-mail to each address, once: an alarm offered again with the same {@code once} writes nothing for an address
     * that has it already.
     *
     * @param once   what makes it the same alarm (the event, the account, the address, the quarter of an hour)
     * @param ref    what it is about (the account)
     * @param title  its title, in Chinese
     * @param detail its text, in Chinese
     * @param mailTo the security administrators' e-mail addresses
     * @return the messages written now
     * @since 1.2
     */
    int writeAlarm(String once, String ref, String title, String detail, java.util.Collection<String> mailTo, Instant at);

    /**
     * Takes or keeps the lease on a recurring task of the notifications (the clock's check) until {@code until}: of
     * several nodes on one database only the holder does it; a lease not renewed ends at its time.
     *
     * @param holder who asks (a node's name, unique per process)
     * @return whether {@code holder} holds it now
     * @since 1.1
     */
    boolean lease(String task, String holder, Instant now, Instant until);

    /**
     * The keys of the contract's ledger amounts first recorded at or after {@code since} (the amounts told as new).
     *
     * @since 1.1
     */
    List<String> ledgerKeysSince(String contract, Instant since);

    /** How many messages wait (unsent, not given up), and how many were given up. */
    Depth depth();

    /** {@link #depth()} per channel; a channel without unsent messages is absent. */
    Map<Channel, Depth> depths();

    /**
     * Deletes at most {@code limit} messages no longer needed: those sent before {@code sentBefore}, and those given up
     * and written before {@code givenUpBefore}. Unsent messages still being tried are never deleted. One small batch
     * per call, so a purge never holds the outbox for long.
     *
     * @return how many were deleted (fewer than {@code limit}: nothing more to delete now)
     */
    int purge(Instant sentBefore, Instant givenUpBefore, int limit);

    /**
     * @param waiting  unsent messages still being tried
     * @param failing  among them, those with at least one failed attempt
     * @param givenUp  messages no longer tried after the last attempt allowed
     */
    record Depth(long waiting, long failing, long givenUp) {
    }
}
