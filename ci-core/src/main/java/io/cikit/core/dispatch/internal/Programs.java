package io.cikit.core.dispatch.internal;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Finds programs the way a shell would, so a missing one is reported before anything is started. */
public final class Programs {
    private Programs() {
    }

    /**
     * An executable program: a path (with a slash) as given, else the first match in {@code directory} when given,
     * else on the {@code PATH}; empty when there is none.
     */
    public static Optional<Path> find(String program, Optional<Path> directory) {
        if (program.isBlank()) {
            return Optional.empty();
        }
        if (program.contains("/")) {
            Path p = Path.of(program);
            return Files.isRegularFile(p) && Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        List<Path> dirs = new ArrayList<>();
        directory.ifPresent(dirs::add);
        if (directory.isEmpty()) {
            for (String d : Objects.requireNonNullElse(System.getenv("PATH"), "").split(File.pathSeparator)) {
                if (!d.isBlank()) {
                    dirs.add(Path.of(d));
                }
            }
        }
        return dirs.stream().map(d -> d.resolve(program)).filter(p -> Files.isRegularFile(p) && Files.isExecutable(p))
                .findFirst();
    }
}
