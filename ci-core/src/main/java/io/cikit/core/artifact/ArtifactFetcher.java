package io.cikit.core.artifact;

import io.cikit.core.build.BuildArtifact;
import io.cikit.core.build.BuildInfo;
import java.nio.file.Path;
import java.util.List;

/**
 * SPI: lists and downloads the artifacts of a CI build (Jenkins {@code artifact/…}, GitHub Actions artifact zips).
 * Implementations come with the provider modules; they are thread-safe, stream to disk (never holding an artifact
 * in memory), compute SHA-256 while writing, only follow redirects to allow-listed hosts, and retry through the core
 * HTTP transport. A downloaded archive is then read with {@link SafeArchive} and its files with
 * {@link ArtifactInspector}.
 */
public interface ArtifactFetcher {

    /** The CI system's id ({@code jenkins}, {@code actions}, {@code gitlab-ci}). */
    String system();

    /**
     * The artifacts the build published, with names, paths, URLs and sizes as the system reports them.
     *
     * @throws io.cikit.core.DeliveryException when asking the system failed
     */
    List<BuildArtifact> list(BuildInfo build);

    /**
     * Downloads one artifact to {@code target} (replacing it), stopping with an error once more than
     * {@code maxBytes} arrive; a partial file is deleted.
     *
     * @throws io.cikit.core.CiException when the artifact is larger than {@code maxBytes}, has expired or is gone
     * @throws io.cikit.core.DeliveryException when the download failed; {@code retryable()} says whether trying
     *     again may help
     */
    FetchedArtifact fetch(BuildInfo build, BuildArtifact artifact, Path target, long maxBytes);
}
