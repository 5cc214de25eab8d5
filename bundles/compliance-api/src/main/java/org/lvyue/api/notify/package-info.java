/**
 * Notifications (通知): who is told what ({@link org.lvyue.api.notify.Subscription}, per contract and party),
 * and the outbox the store writes in the same transaction as the change that caused a message
 * ({@link org.lvyue.api.notify.NotificationOutbox}), from which the notifier sends, retries and marks each message.
 */
@org.osgi.annotation.versioning.Version("1.2.0")
package org.lvyue.api.notify;
