package org.lvyue.notify.internal;

import org.lvyue.api.notify.OutboxMessage;

/** Sends one message by one channel; returns when the receiver accepted it, throws when it did not. */
interface Sender {
    void send(OutboxMessage message, Rendered text) throws Exception;
}
