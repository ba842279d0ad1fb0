package io.cikit.core.git;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** What a {@link GitWorkspaces} was built with; shared by every workspace it opens. */
record Settings(Path baseDirectory, GitCredentials credentials, Duration timeout, Duration ioTimeout, int maxCommits,
        int maxChangedFiles, boolean shallow, List<Integer> deepenSteps, Set<String> allowedSchemes,
        MeterRegistry registry) {
    Settings {
        deepenSteps = List.copyOf(deepenSteps);
        allowedSchemes = Set.copyOf(allowedSchemes);
    }
}
