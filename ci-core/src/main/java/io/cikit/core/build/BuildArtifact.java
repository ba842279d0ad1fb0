package io.cikit.core.build;

import io.cikit.core.artifact.ArtifactKind;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A file a build published.
 *
 * @param name the file name ({@code Image.gz})
 * @param path the path relative to the build's artifact root ({@code arch/arm64/boot/Image.gz})
 * @param url where to download it, when the CI system says
 * @param sizeBytes its size, when known
 * @param kind what it is; {@link ArtifactKind#UNKNOWN} until classified
 */
public record BuildArtifact(String name, String path, Optional<URI> url, OptionalLong sizeBytes, ArtifactKind kind) {
    public BuildArtifact {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(sizeBytes, "sizeBytes");
        Objects.requireNonNull(kind, "kind");
    }

    public static BuildArtifact of(String path) {
        int slash = path.lastIndexOf('/');
        return new BuildArtifact(slash < 0 ? path : path.substring(slash + 1), path, Optional.empty(), OptionalLong.empty(),
                ArtifactKind.UNKNOWN);
    }

    public BuildArtifact withKind(ArtifactKind newKind) {
        return new BuildArtifact(name, path, url, sizeBytes, newKind);
    }
}
