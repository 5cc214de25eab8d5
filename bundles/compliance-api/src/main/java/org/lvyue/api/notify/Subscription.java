package org.lvyue.api.notify;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

import org.lvyue.api.finding.Severity;

/**
 * Who receives what of one contract: a recipient (an address or a webhook) of one of the contract's parties,
 * the kinds of message it wants, and for findings the least severity it wants.
 *
 * @param id          the subscription's number (0 for one not yet stored)
 * @param contract    the contract
 * @param party       the organisation of the contract it belongs to; only that organisation's admins manage it
 * @param name        what the recipient is called (值班工程师邮箱)
 * @param channel     how messages travel
 * @param target      the e-mail address or the webhook URL
 * @param secret      钉钉's signing secret ({@code SEC...}), or null; never shown back
 * @param kinds       the kinds of message it wants, not empty
 * @param minSeverity for {@link NotificationKind#FINDING}: the least severity sent
 * @param createdBy   who added it
 * @param createdAt   when
 */
public record Subscription(long id, String contract, String party, String name, Channel channel, String target,
                           String secret, Set<NotificationKind> kinds, Severity minSeverity, String createdBy,
                           Instant createdAt) {
    public Subscription {
        Objects.requireNonNull(contract, "contract");
        Objects.requireNonNull(party, "party");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(target, "target");
        kinds = Set.copyOf(kinds);
        Objects.requireNonNull(minSeverity, "minSeverity");
    }

    /** Whether a message of this kind and severity (null for kinds without one) goes to this recipient. */
    public boolean wants(NotificationKind kind, Severity severity) {
        if (!kinds.contains(kind)) {
            return false;
        }
        return kind != NotificationKind.FINDING || severity == null || severity.compareTo(minSeverity) <= 0;
    }
}
