package io.cikit.core.event;

import java.util.Objects;
import java.util.Optional;

/** A commit author, pusher, PR author or commenter. {@code name} falls back to the login when no name is given. */
public record Person(String name, Optional<String> login, Optional<String> email) {
    public Person {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(email, "email");
    }

    public static Person ofLogin(String login) {
        return new Person(login, Optional.of(login), Optional.empty());
    }
}
