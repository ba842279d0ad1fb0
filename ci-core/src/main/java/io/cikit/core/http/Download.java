package io.cikit.core.http;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A completed {@link HttpTransport#download}: the file written, its size, its SHA-256 (lower-case hex, computed
 * while streaming) and the URI that served it after redirects.
 */
public record Download(Path path, long sizeBytes, String sha256, URI finalUri) {
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    public Download {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(finalUri, "finalUri");
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("sizeBytes must not be negative: " + sizeBytes);
        }
        if (!SHA256_HEX.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits");
        }
    }
}
