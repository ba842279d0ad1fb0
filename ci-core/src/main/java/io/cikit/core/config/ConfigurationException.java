package io.cikit.core.config;

import io.cikit.core.CiException;
import java.util.List;

/**
 * Configuration is missing or wrong. Lists every problem found at once (not just the first), each naming the key
 * or the Maven artifact to add.
 */
public final class ConfigurationException extends CiException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public ConfigurationException(String message) {
        this(List.of(message));
    }

    public ConfigurationException(List<String> problems) {
        super(join(problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, in the order they were found; never empty. */
    public List<String> problems() {
        return problems;
    }

    private static String join(List<String> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigurationException needs at least one problem");
        }
        return problems.size() == 1 ? problems.get(0) : problems.size() + " configuration problems: " + String.join("; ", problems);
    }
}
