package org.lvyue.notify.internal;

import org.lvyue.api.notify.Channel;
import org.lvyue.api.notify.OutboxMessage;

/** A channel's sender whose every attempt, accepted or failed, is counted in the {@link OutboxFigures}. */
final class CountingSender implements Sender {
    private final Channel channel;
    private final Sender sender;
    private final OutboxFigures figures;

    CountingSender(Channel channel, Sender sender, OutboxFigures figures) {
        this.channel = channel;
        this.sender = sender;
        this.figures = figures;
    }

    @Override
    public void send(OutboxMessage message, Rendered text) throws Exception {
        try {
            sender.send(message, text);
        } catch (InterruptedException e) {
            throw e; // stopped, not failed
        } catch (Exception e) {
            figures.failed(channel);
            throw e;
        }
        figures.sent(channel);
    }
}
