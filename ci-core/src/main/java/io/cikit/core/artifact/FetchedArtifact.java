package io.cikit.core.artifact;

import io.cikit.core.build.BuildArtifact;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An artifact {@link ArtifactFetcher} downloaded.
 *
 * @param artifact the artifact as the CI system listed it
 * @param path where it was written
 * @param sizeBytes bytes written
 * @param sha256 lower-case hex SHA-256 of those bytes, computed while writing
 */
public record FetchedArtifact(BuildArtifact artifact, Path path, long sizeBytes, String sha256) {
    public FetchedArtifact {
        Objects.requireNonNull(artifact, "artifact");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sha256, "sha256");
    }
}
