package io.cikit.core.notify;

import java.util.Objects;
import java.util.Optional;

/**
 * A person (or group) a notification is for, with the address each channel needs: an email address, a Slack user
 * id (mentions), a Teams user id. A channel uses the addresses it understands and ignores the rest.
 *
 * @param name display name, never blank
 */
public record Recipient(String name, Optional<String> email, Optional<String> slackUserId, Optional<String> teamsUserId) {
    public Recipient {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(slackUserId, "slackUserId");
        Objects.requireNonNull(teamsUserId, "teamsUserId");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a recipient needs a name");
        }
    }

    /** A recipient known by name only. */
    public static Recipient named(String name) {
        return new Recipient(name, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** A recipient reachable by email. */
    public static Recipient email(String name, String email) {
        return new Recipient(name, Optional.of(email), Optional.empty(), Optional.empty());
    }

    /** This recipient with an email address. */
    public Recipient withEmail(String address) {
        return new Recipient(name, Optional.of(address), slackUserId, teamsUserId);
    }

    /** This recipient with a Slack user id (for {@code <@U123>} mentions). */
    public Recipient withSlackUserId(String id) {
        return new Recipient(name, email, Optional.of(id), teamsUserId);
    }

    /** This recipient with a Teams user id (for Adaptive Card mentions). */
    public Recipient withTeamsUserId(String id) {
        return new Recipient(name, email, slackUserId, Optional.of(id));
    }
}
