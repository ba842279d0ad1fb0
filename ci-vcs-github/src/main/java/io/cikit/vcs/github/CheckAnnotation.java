package io.cikit.vcs.github;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A note GitHub shows on a line range of a file in a check run (a failing test's source, a kernel warning's origin).
 * GitHub takes at most 50 per request; {@link GitHubClient} sends more in batches. Messages over 64 KB are cut.
 *
 * @param path the file, relative to the repository root
 * @param startLine first line, from 1
 * @param endLine last line, at least {@code startLine}
 */
public record CheckAnnotation(String path, int startLine, int endLine, Level level, String message,
                              Optional<String> title, Optional<String> rawDetails) {
    public CheckAnnotation {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(rawDetails, "rawDetails");
        if (path.isBlank()) {
            throw new IllegalArgumentException("an annotation needs a path");
        }
        if (startLine < 1 || endLine < startLine) {
            throw new IllegalArgumentException("annotation lines must satisfy 1 <= start <= end: " + startLine + ".." + endLine);
        }
    }

    /** An annotation on one line, without title or details. */
    public static CheckAnnotation of(String path, int line, Level level, String message) {
        return new CheckAnnotation(path, line, line, level, message, Optional.empty(), Optional.empty());
    }

    /** How serious an annotation is. */
    public enum Level {
        NOTICE,
        WARNING,
        FAILURE;

        /** GitHub's {@code annotation_level}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
