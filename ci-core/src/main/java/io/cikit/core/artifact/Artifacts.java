package io.cikit.core.artifact;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cikit.core.CiException;
import io.cikit.core.json.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One-call entry points for {@code cikit artifact inspect} and {@code cikit artifact scan}, with the default
 * limits. Each returns the JSON document the CLI prints (see {@link ArtifactReport#toJson()} and
 * {@link ArtifactScan#toJson()}).
 *
 * <p>Errors map onto the CLI's exit codes: {@link UnsafeArchiveException} is a refused archive (exit 1, print
 * {@link UnsafeArchiveException#toJson()}); any other {@link CiException} is unreadable input (exit 2).
 */
public final class Artifacts {
    private Artifacts() {
    }

    /** Inspects each file, in order. */
    public static List<ArtifactReport> inspect(List<Path> files) {
        Objects.requireNonNull(files, "files");
        ArtifactInspector inspector = new ArtifactInspector();
        return files.stream().map(inspector::inspect).toList();
    }

    /**
     * {@code cikit artifact inspect FILE…}: a JSON array with one report per file.
     *
     * @throws CiException when a file cannot be read
     */
    public static ArrayNode inspectJson(List<Path> files) {
        ArrayNode out = Json.mapper().createArrayNode();
        inspect(files).forEach(r -> out.add(r.toJson()));
        return out;
    }

    /** Scans a directory or archive. */
    public static ArtifactScan scan(Path dirOrArchive) {
        return new ArtifactScanner().scan(dirOrArchive);
    }

    /**
     * {@code cikit artifact scan DIR|ARCHIVE}: {@code {"kernelImage", "bspPackage", "artifacts"}}.
     *
     * @throws UnsafeArchiveException when the archive is refused (its {@code reason().code()} is the CLI's reason)
     * @throws CiException when the path is unreadable or neither a directory nor an archive
     */
    public static ObjectNode scanJson(Path dirOrArchive) {
        return scan(dirOrArchive).toJson();
    }
}
