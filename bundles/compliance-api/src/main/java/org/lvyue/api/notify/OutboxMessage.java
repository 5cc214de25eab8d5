package org.lvyue.api.notify;

import java.math.BigDecimal;
import java.time.Instant;

import org.lvyue.api.finding.Severity;

/**
 * One message for one recipient, as the outbox holds it: what it says in neutral fields (the notifier
 * renders the text), where it goes, and how its delivery went.
 *
 * @param id            the row's number, for marking it
 * @param messageId     the stable id sent with the message (an e-mail's Message-ID, a webhook's {@code id}): a
 *                      message sent twice (a crash between sending and marking) arrives twice with the same id
 * @param contract      the contract
 * @param subscription  the subscription it was written for
 * @param channel       how it travels
 * @param target        the address or URL
 * @param secret        the 钉钉 signing secret, or null
 * @param kind          what it tells
 * @param ref           the finding key or ledger entry key it is about
 * @param severity      the finding's severity, or null
 * @param title         the finding's or the amount's title
 * @param detail        the detail (the finding's detail, the amount's formula), or null
 * @param clause        the clause, or null
 * @param amount        the amount in yuan, for {@link NotificationKind#LEDGER}, else null
 * @param createdAt     when the change that caused it was recorded
 * @param attempts      failed sending attempts so far
 * @param nextAttemptAt when it is due to be tried (again)
 * @param sentAt        when it was sent, or null
 * @param lastError     why the last attempt failed, or null
 */
public record OutboxMessage(long id, String messageId, String contract, long subscription, Channel channel, String target,
                            String secret, NotificationKind kind, String ref, Severity severity, String title,
                            String detail, String clause, BigDecimal amount, Instant createdAt, int attempts,
                            Instant nextAttemptAt, Instant sentAt, String lastError) {
}
