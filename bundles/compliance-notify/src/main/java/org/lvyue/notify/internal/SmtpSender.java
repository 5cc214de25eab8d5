package org.lvyue.notify.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;

import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.lvyue.api.notify.OutboxMessage;

/**
 * E-mail over SMTP with Jakarta Mail (Eclipse Angus Mail): plain, STARTTLS or TLS, with or without a login, every
 * network wait bounded. The message's stable id is its {@code Message-ID}.
 */
final class SmtpSender implements Sender {
    /** How the connection is secured. */
    enum Security {
        /** Plain SMTP (a relay inside the network). */
        NONE,
        /** Plain, upgraded by STARTTLS, which must succeed. */
        STARTTLS,
        /** TLS from the first byte (SMTPS, usually port 465). */
        TLS
    }

    /** The server and the sender. A blank user means no login. */
    record Settings(String host, int port, Security security, String user, String password, String from,
                    Duration timeout) {
    }

    private final Settings settings;
    private final Session session;

    SmtpSender(Settings settings) {
        this.settings = settings;
        this.session = withOwnLoader(() -> Session.getInstance(properties(settings), authenticator(settings)));
    }

    static Properties properties(Settings s) {
        Properties p = new Properties();
        String protocol = s.security() == Security.TLS ? "smtps" : "smtp";
        p.setProperty("mail.transport.protocol", protocol);
        p.setProperty("mail." + protocol + ".host", s.host());
        p.setProperty("mail." + protocol + ".port", Integer.toString(s.port()));
        String millis = Long.toString(s.timeout().toMillis());
        p.setProperty("mail." + protocol + ".connectiontimeout", millis);
        p.setProperty("mail." + protocol + ".timeout", millis);
        p.setProperty("mail." + protocol + ".writetimeout", millis);
        boolean login = s.user() != null && !s.user().isBlank();
        p.setProperty("mail." + protocol + ".auth", Boolean.toString(login));
        if (s.security() == Security.STARTTLS) {
            p.setProperty("mail.smtp.starttls.enable", "true");
            p.setProperty("mail.smtp.starttls.required", "true");
        }
        if (s.security() != Security.NONE) {
            p.setProperty("mail." + protocol + ".ssl.checkserveridentity", "true");
        }
        // the message is accepted with the answer to DATA: waiting for the answer to QUIT only delays the next one
        p.setProperty("mail." + protocol + ".quitwait", "false");
        p.setProperty("mail.mime.charset", StandardCharsets.UTF_8.name());
        return p;
    }

    private static Authenticator authenticator(Settings s) {
        if (s.user() == null || s.user().isBlank()) {
            return null;
        }
        return new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(s.user(), s.password() == null ? "" : s.password());
            }
        };
    }

    @Override
    public void send(OutboxMessage m, Rendered text) throws MessagingException {
        try {
            sendOwnLoader(m, text);
        } catch (MessagingExceptionUnchecked e) {
            throw (MessagingException) e.getCause();
        }
    }

    private void sendOwnLoader(OutboxMessage m, Rendered text) {
        withOwnLoader(() -> {
            MimeMessage mail = new IdentifiedMessage(session, "<" + m.messageId() + "@lvyue>");
            mail.setFrom(new InternetAddress(settings.from()));
            mail.setRecipients(Message.RecipientType.TO, InternetAddress.parse(m.target(), true));
            mail.setSubject(text.subject(), StandardCharsets.UTF_8.name());
            mail.setText(text.text(), StandardCharsets.UTF_8.name());
            mail.setHeader("X-Lvyue-Message-Id", m.messageId());
            mail.setHeader("X-Lvyue-Link", text.link());
            mail.saveChanges();
            Transport.send(mail);
            return null;
        });
    }

    /** A message whose Message-ID is the outbox's, not one Jakarta Mail makes up on every save. */
    private static final class IdentifiedMessage extends MimeMessage {
        private final String id;

        IdentifiedMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run() throws MessagingException;
    }

    /**
     * Runs with this bundle's class loader as the thread's context class loader: Jakarta Mail looks its providers up
     * with ServiceLoader through it, and API and implementation are embedded in this bundle.
     */
    private static <T> T withOwnLoader(Work<T> work) {
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        t.setContextClassLoader(SmtpSender.class.getClassLoader());
        try {
            return work.run();
        } catch (MessagingException e) {
            throw new MessagingExceptionUnchecked(e);
        } finally {
            t.setContextClassLoader(before);
        }
    }

    /** Carries a {@link MessagingException} out of {@link #withOwnLoader}. */
    static final class MessagingExceptionUnchecked extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MessagingExceptionUnchecked(MessagingException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
