package io.cikit.build.actions;

import io.cikit.core.artifact.ArtifactKind;
import io.cikit.core.build.BuildArtifact;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One artifact of a workflow run, as {@code GET /repos/{o}/{r}/actions/runs/{id}/artifacts} lists it. GitHub serves
 * every artifact as a zip.
 *
 * @param id the artifact id
 * @param name the name the workflow uploaded it under
 * @param sizeBytes its size as GitHub reports it
 * @param expired whether its retention ran out (it can no longer be downloaded)
 * @param archiveDownloadUrl the API URL of its zip ({@code …/actions/artifacts/{id}/zip})
 * @param expiresAt when it expires (or expired), when GitHub says
 * @param digest its content digest ({@code sha256:…}), when GitHub says
 */
public record ActionsArtifact(long id, String name, long sizeBytes, boolean expired, URI archiveDownloadUrl,
        Optional<Instant> expiresAt, Optional<String> digest) {
    public ActionsArtifact {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(archiveDownloadUrl, "archiveDownloadUrl");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(digest, "digest");
    }

    /** As a {@link BuildArtifact}: path and name are the artifact's name, the URL is its zip. */
    public BuildArtifact toBuildArtifact() {
        return new BuildArtifact(name, name, Optional.of(archiveDownloadUrl), OptionalLong.of(sizeBytes), ArtifactKind.UNKNOWN);
    }
}
