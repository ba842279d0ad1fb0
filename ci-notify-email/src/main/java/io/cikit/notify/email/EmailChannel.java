package io.cikit.notify.email;

import io.cikit.core.DeliveryException;
import io.cikit.core.config.Durations;
import io.cikit.core.config.Secret;
import io.cikit.core.notify.Notification;
import io.cikit.core.notify.NotificationChannel;
import io.cikit.core.notify.Recipient;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The email channel ({@code "email"}): one multipart/alternative mail (plain text and HTML with the severity colour
 * and a metadata table, every value escaped) per notification, to the recipients' {@link Recipient#email} addresses
 * plus the configured defaults (invalid addresses skipped, duplicates dropped, at most {@value #MAX_RECIPIENTS}).
 *
 * <p>TLS: {@link EmailTls#STARTTLS} (required: the connection fails rather than falling back to plain text),
 * {@link EmailTls#SMTPS} or {@link EmailTls#NONE}. Connect, read and write timeouts are always set (10 s, 30 s,
 * 30 s by default; the JavaMail default is to wait forever). The idempotency key becomes the Message-ID
 * {@code <key@cikit>}, so a redelivered mail can be recognised. SMTP 4xx replies and connection failures are
 * retryable, 5xx (535 included) permanent; a notification with no usable recipient is refused permanently.
 *
 * <p>Thread-safe: each delivery opens its own SMTP connection.
 */
public final class EmailChannel implements NotificationChannel {
    /** Most addresses one mail goes to. */
    public static final int MAX_RECIPIENTS = 500;
    private static final Logger LOG = LoggerFactory.getLogger(EmailChannel.class);

    private final String host;
    private final int port;
    private final EmailTls tls;
    private final @Nullable String username;
    private final @Nullable Secret password;
    private final InternetAddress from;
    private final List<InternetAddress> defaultTo;
    private final Session session;

    private EmailChannel(Builder b, InternetAddress from, List<InternetAddress> defaultTo) {
        this.host = Objects.requireNonNull(b.host);
        this.tls = b.tls;
        this.port = b.port > 0 ? b.port : b.tls.defaultPort();
        this.username = b.username;
        this.password = b.password;
        this.from = from;
        this.defaultTo = List.copyOf(defaultTo);
        this.session = Session.getInstance(properties(b));
    }

    private Properties properties(Builder b) {
        String p = tls == EmailTls.SMTPS ? "mail.smtps." : "mail.smtp.";
        Properties props = new Properties();
        props.setProperty(p + "host", host);
        props.setProperty(p + "port", Integer.toString(port));
        props.setProperty(p + "connectiontimeout", Long.toString(b.connectTimeout.toMillis()));
        props.setProperty(p + "timeout", Long.toString(b.readTimeout.toMillis()));
        props.setProperty(p + "writetimeout", Long.toString(b.writeTimeout.toMillis()));
        props.setProperty(p + "auth", Boolean.toString(username != null));
        props.setProperty(p + "from", from.getAddress());
        if (tls == EmailTls.STARTTLS) {
            props.setProperty(p + "starttls.enable", "true");
            props.setProperty(p + "starttls.required", "true");
        }
        if (tls != EmailTls.NONE) {
            props.setProperty(p + "ssl.checkserveridentity", "true");
        }
        return props;
    }

    /** A builder; host and from are required. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "email";
    }

    @Override
    public void deliver(Notification notification, String idempotencyKey) {
        List<InternetAddress> to = recipients(notification);
        if (to.isEmpty()) {
            throw new DeliveryException("no valid email recipient: neither the notification's recipients nor "
                    + "cikit.email.to name one", false);
        }
        MimeMessage message;
        try {
            message = compose(notification, idempotencyKey, to);
        } catch (MessagingException | RuntimeException e) {
            LOG.warn("Could not compose the mail for {}", notification.id(), e);
            throw new DeliveryException("could not compose the mail: " + e.getClass().getSimpleName(), false, e);
        }
        send(message);
    }

    private void send(MimeMessage message) {
        Transport transport = null;
        try {
            transport = session.getTransport(tls == EmailTls.SMTPS ? "smtps" : "smtp");
            transport.connect(host, port, username, password != null ? password.reveal() : null);
            transport.sendMessage(message, message.getAllRecipients());
        } catch (MessagingException e) {
            int last = transport instanceof SMTPTransport smtp ? smtp.getLastReturnCode() : -1;
            throw SmtpFailures.classify(e, last);
        } catch (RuntimeException e) {
            throw new DeliveryException("SMTP delivery failed: " + e.getClass().getSimpleName(), true, e);
        } finally {
            if (transport != null) {
                try {
                    transport.close();
                } catch (MessagingException e) {
                    LOG.debug("Closing the SMTP connection failed", e);
                }
            }
        }
    }

    private MimeMessage compose(Notification n, String idempotencyKey, List<InternetAddress> to) throws MessagingException {
        String messageId = messageId(idempotencyKey);
        MimeMessage m = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        m.setFrom(from);
        m.setRecipients(Message.RecipientType.TO, to.toArray(new Address[0]));
        m.setSubject(EmailContent.subject(n), "UTF-8");
        m.setSentDate(Date.from(n.timestamp()));
        m.setHeader("X-Cikit-Severity", n.severity().name());
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(EmailContent.plain(n), "UTF-8", "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(EmailContent.html(n), "UTF-8", "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(plain);
        alternative.addBodyPart(html);
        m.setContent(alternative);
        m.saveChanges();
        return m;
    }

    /** The Message-ID an idempotency key becomes: {@code <key@cikit>}, characters outside {@code [A-Za-z0-9._-]} as {@code _}. */
    public static String messageId(String idempotencyKey) {
        StringBuilder sb = new StringBuilder("<");
        int n = Math.min(idempotencyKey.length(), 200);
        for (int i = 0; i < n; i++) {
            char c = idempotencyKey.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
            sb.append(ok ? c : '_');
        }
        return sb.append("@cikit>").toString();
    }

    private List<InternetAddress> recipients(Notification n) {
        Map<String, InternetAddress> out = new LinkedHashMap<>();
        for (Recipient r : n.recipients()) {
            if (out.size() >= MAX_RECIPIENTS) {
                break;
            }
            r.email().flatMap(address -> parse(address, r.name())).ifPresent(a -> out.putIfAbsent(a.getAddress().toLowerCase(Locale.ROOT), a));
        }
        for (InternetAddress a : defaultTo) {
            if (out.size() >= MAX_RECIPIENTS) {
                break;
            }
            out.putIfAbsent(a.getAddress().toLowerCase(Locale.ROOT), a);
        }
        return new ArrayList<>(out.values());
    }

    private static Optional<InternetAddress> parse(String address, String personal) {
        try {
            InternetAddress a = new InternetAddress(address.strip(), true);
            a.validate();
            if (a.getAddress().indexOf('@') < 0) {
                return Optional.empty();
            }
            return Optional.of(new InternetAddress(a.getAddress(), EmailContent.cut(EmailContent.oneLine(personal), 100), "UTF-8"));
        } catch (AddressException | UnsupportedEncodingException e) {
            LOG.debug("Skipping an invalid email address for recipient {}", EmailContent.oneLine(personal));
            return Optional.empty();
        }
    }

    static InternetAddress address(String text, String what) {
        try {
            InternetAddress a = new InternetAddress(text.strip(), true);
            a.validate();
            if (a.getAddress().indexOf('@') < 0) {
                throw new IllegalArgumentException(what + " is not an email address: " + EmailContent.oneLine(text));
            }
            return a;
        } catch (AddressException e) {
            throw new IllegalArgumentException(what + " is not an email address: " + EmailContent.oneLine(text), e);
        }
    }

    @Override
    public String toString() {
        return "EmailChannel[" + host + ":" + port + ", " + tls.name().toLowerCase(Locale.ROOT) + "]";
    }

    /**
     * Builds an {@link EmailChannel}. Defaults: TLS {@link EmailTls#STARTTLS}, port from the TLS mode, no
     * authentication, no default recipients, connect 10 s, read 30 s, write 30 s. Not thread-safe.
     */
    public static final class Builder {
        private static final Duration MAX_TIMEOUT = Duration.ofMillis(Integer.MAX_VALUE);

        private @Nullable String host;
        private int port;
        private EmailTls tls = EmailTls.STARTTLS;
        private @Nullable String username;
        private @Nullable Secret password;
        private @Nullable String from;
        private final List<String> to = new ArrayList<>();
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(30);
        private Duration writeTimeout = Duration.ofSeconds(30);

        private Builder() {
        }

        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** 1 to 65535; 0 means the TLS mode's usual port. */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("not a port: " + port);
            }
            this.port = port;
            return this;
        }

        public Builder tls(EmailTls tls) {
            this.tls = Objects.requireNonNull(tls, "tls");
            return this;
        }

        /** Authenticate with these credentials. */
        public Builder credentials(String username, Secret password) {
            this.username = Objects.requireNonNull(username, "username");
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /** Sender address ({@code cikit@lab.example} or {@code CI <cikit@lab.example>}). */
        public Builder from(String from) {
            this.from = Objects.requireNonNull(from, "from");
            return this;
        }

        /** Adds default recipients, who get every mail. */
        public Builder to(List<String> addresses) {
            addresses.forEach(a -> to.add(Objects.requireNonNull(a, "address")));
            return this;
        }

        public Builder connectTimeout(Duration d) {
            this.connectTimeout = mailTimeout("connectTimeout", d);
            return this;
        }

        public Builder readTimeout(Duration d) {
            this.readTimeout = mailTimeout("readTimeout", d);
            return this;
        }

        public Builder writeTimeout(Duration d) {
            this.writeTimeout = mailTimeout("writeTimeout", d);
            return this;
        }

        /** Positive and at most {@code Integer.MAX_VALUE} ms (about 24.8 days): the mail session reads an int of ms. */
        private static Duration mailTimeout(String name, Duration d) {
            Durations.requirePositive(name, d);
            if (d.compareTo(MAX_TIMEOUT) > 0) {
                throw new IllegalArgumentException(
                        name + " must be at most " + MAX_TIMEOUT.toMillis() + " ms (about 24.8 days): " + d);
            }
            return d;
        }

        /**
         * The channel. {@link IllegalStateException} without host or from; {@link IllegalArgumentException} for an
         * address that does not parse.
         */
        public EmailChannel build() {
            if (host == null || host.isBlank()) {
                throw new IllegalStateException("an email channel needs an SMTP host");
            }
            if (from == null) {
                throw new IllegalStateException("an email channel needs a from address");
            }
            InternetAddress sender = address(from, "from");
            List<InternetAddress> defaults = new ArrayList<>();
            for (String a : to) {
                defaults.add(address(a, "to"));
            }
            return new EmailChannel(this, sender, defaults);
        }
    }
}
