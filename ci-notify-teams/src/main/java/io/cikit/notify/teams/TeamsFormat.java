package io.cikit.notify.teams;

import java.util.Locale;
import java.util.Optional;

/** Which card a Teams webhook takes: an Adaptive Card (Workflows) or a legacy connector MessageCard. */
public enum TeamsFormat {
    /** Workflows webhook, Adaptive Card v1.5 in a {@code message} envelope; success is 202. */
    ADAPTIVE,
    /** Legacy Office 365 connector MessageCard (retired by Microsoft; for hooks that still take it). */
    MESSAGECARD;

    /** Reads {@code adaptive} or {@code messagecard}, any case; empty for anything else. */
    public static Optional<TeamsFormat> parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "adaptive", "adaptivecard", "adaptive-card" -> Optional.of(ADAPTIVE);
            case "messagecard", "message-card", "legacy" -> Optional.of(MESSAGECARD);
            default -> Optional.empty();
        };
    }
}
