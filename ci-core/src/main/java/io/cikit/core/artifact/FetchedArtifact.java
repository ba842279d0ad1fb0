package io.cikit.core.artifact;

import io.cikit.core.build.BuildArtifact;
import io.cikit.core.http.Download;
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

    /** The artifact as {@link io.cikit.core.http.HttpTransport#download} wrote it. */
    public static FetchedArtifact of(BuildArtifact artifact, Download download) {
        Objects.requireNonNull(download, "download");
        return new FetchedArtifact(artifact, download.path(), download.sizeBytes(), download.sha256());
    }
}
