package org.lvyue.notify.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.lvyue.api.notify.Channel;
import org.lvyue.api.notify.NotificationOutbox;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the store writes to the notification outbox: one {@link ChannelWorker} per channel (e-mail, generic
 * webhook, 企业微信, 钉钉), configured by {@code etc/org.lvyue.notify.cfg}. A configuration change restarts the
 * workers; messages wait in the outbox meanwhile.
 */
@Component(service = Notifier.class, immediate = true, configurationPid = Notifier.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = Notifier.Config.class)
public final class Notifier {
    static final String PID = "org.lvyue.notify";
    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);

    @ObjectClassDefinition(id = PID, name = "Lvyue notifications",
            description = "E-mail and webhook notifications from the outbox.")
    public @interface Config {
        @AttributeDefinition(name = "Enabled", description = "false: nothing is sent; messages wait in the outbox")
        boolean enabled() default true;

        @AttributeDefinition(name = "Console address", description = "The console's address as recipients reach it;"
                + " messages link to the finding there")
        String consoleBaseUrl() default "http://localhost:8181";

        @AttributeDefinition(name = "SMTP host", description = "Blank: e-mail is not sent (messages wait)")
        String smtpHost() default "";

        @AttributeDefinition(name = "SMTP port", min = "1", max = "65535")
        int smtpPort() default 25;

        @AttributeDefinition(name = "SMTP security", options = {@Option(value = "none"), @Option(value = "starttls"),
                @Option(value = "tls")})
        String smtpSecurity() default "starttls";

        @AttributeDefinition(name = "SMTP user", description = "Blank: no login")
        String smtpUser() default "";

        /** {@code .smtpPassword} in the configuration: the leading dot keeps it out of the service registry. */
        @AttributeDefinition(name = "SMTP password", type = AttributeType.PASSWORD)
        String _smtpPassword() default "";

        @AttributeDefinition(name = "Sender address")
        String smtpFrom() default "lvyue@localhost";

        @AttributeDefinition(name = "Time-out (seconds)", min = "1",
                description = "Connecting to and waiting for an SMTP server or a webhook, each")
        int timeoutSeconds() default 10;

        @AttributeDefinition(name = "First retry (seconds)", min = "1")
        int retryFirstSeconds() default 10;

        @AttributeDefinition(name = "Longest wait between retries (seconds)", min = "1")
        int retryLongestSeconds() default 3600;

        @AttributeDefinition(name = "Attempts", min = "1", description = "After so many failed attempts a message is given up")
        int attempts() default 12;

        @AttributeDefinition(name = "Poll (milliseconds)", min = "10", description = "How often each channel looks at the outbox")
        long pollMillis() default 1000;
    }

    private final List<ChannelWorker> workers = new ArrayList<>();

    @Activate
    public Notifier(@Reference NotificationOutbox outbox, @Reference OutboxFigures figures, Config config) {
        if (!config.enabled()) {
            LOG.info("通知已关闭 (notifications disabled): messages wait in the outbox");
            return;
        }
        Clock clock = Clock.systemUTC();
        Duration timeout = Duration.ofSeconds(config.timeoutSeconds());
        MessageText text = new MessageText(config.consoleBaseUrl());
        Backoff backoff = new Backoff(Duration.ofSeconds(config.retryFirstSeconds()),
                Duration.ofSeconds(Math.max(config.retryFirstSeconds(), config.retryLongestSeconds())), config.attempts());
        Map<Channel, Sender> senders = new EnumMap<>(Channel.class);
        if (!config.smtpHost().isBlank()) {
            senders.put(Channel.EMAIL, new SmtpSender(new SmtpSender.Settings(config.smtpHost().trim(), config.smtpPort(),
                    SmtpSender.Security.valueOf(config.smtpSecurity().trim().toUpperCase(Locale.ROOT)), config.smtpUser(),
                    config._smtpPassword(), config.smtpFrom(), timeout)));
        } else {
            LOG.info("未配置 SMTP 服务器，邮件通知留在发件箱中 (no SMTP host: e-mail messages wait in the outbox)");
        }
        WebhookSender webhooks = new WebhookSender(timeout, new WebhookBodies(), clock);
        senders.put(Channel.WEBHOOK, webhooks);
        senders.put(Channel.WECOM, webhooks);
        senders.put(Channel.DINGTALK, webhooks);
        Duration poll = Duration.ofMillis(config.pollMillis());
        // longer than one attempt can take (connecting, then waiting for the answer), so a message is never sent by
        // two nodes at once; after a crash it is due again when the lease ends
        Duration lease = timeout.multipliedBy(3).plusSeconds(5);
        senders.replaceAll((channel, sender) -> new CountingSender(channel, sender, figures));
        senders.forEach((channel, sender) -> workers.add(new ChannelWorker(channel, outbox, sender, text, backoff, clock,
                poll, lease, 50, ChannelWorker.AfterSend.NONE).start()));
        LOG.info("通知已启动 (notifications started): channels {}", senders.keySet());
    }

    @Deactivate
    void stop() {
        workers.forEach(w -> w.stop(Duration.ofSeconds(15)));
        workers.clear();
    }
}
