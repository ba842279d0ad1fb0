package io.cikit.notify.email;

import java.util.Locale;
import java.util.Optional;

/** How the SMTP connection is protected. */
public enum EmailTls {
    /** Plain connection upgraded with STARTTLS, which is required (no silent fallback to plain text); port 587. */
    STARTTLS(587),
    /** TLS from the first byte (implicit TLS); port 465. */
    SMTPS(465),
    /** No TLS at all: only for a relay on a trusted network or tests; port 25. */
    NONE(25);

    private final int defaultPort;

    EmailTls(int defaultPort) {
        this.defaultPort = defaultPort;
    }

    /** The usual port for this mode. */
    public int defaultPort() {
        return defaultPort;
    }

    /** Reads {@code starttls}, {@code smtps} or {@code none}, any case; empty for anything else. */
    public static Optional<EmailTls> parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "starttls" -> Optional.of(STARTTLS);
            case "smtps", "ssl", "tls" -> Optional.of(SMTPS);
            case "none", "plain" -> Optional.of(NONE);
            default -> Optional.empty();
        };
    }
}
