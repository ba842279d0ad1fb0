package io.cikit.build.jenkins.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.cikit.core.artifact.ArtifactClassifier;
import io.cikit.core.artifact.ArtifactKind;
import io.cikit.core.build.BuildArtifact;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A build's archived files, from the Notification plugin's map ({@code {"<path>": {"archive": "<url>"}}}), an array
 * of objects ({@code name}, {@code path}/{@code relativePath}, {@code fileName}, {@code url}/{@code archive},
 * {@code size}, {@code type}/{@code kind}) or an array of path strings. The kind is the explicit {@code type} when it
 * is an {@link ArtifactKind} wire name, else what {@link ArtifactClassifier#byName} makes of the path. Files without a URL get
 * {@code <build url>/artifact/<path>} when the build URL is absolute. At most {@link #MAX_ARTIFACTS} are read.
 */
public final class ArtifactEntries {
    /** Artifacts read per payload at most; the rest are dropped and the build's metadata says so. */
    public static final int MAX_ARTIFACTS = 10_000;

    private ArtifactEntries() {
    }

    /** The artifacts, and whether the list was cut at {@link #MAX_ARTIFACTS}. */
    public record Listing(List<BuildArtifact> artifacts, boolean truncated) {
        public Listing {
            artifacts = List.copyOf(artifacts);
        }
    }

    public static Listing read(JsonNode node, Optional<String> buildUrl) {
        List<BuildArtifact> out = new ArrayList<>();
        boolean truncated = false;
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                if (out.size() == MAX_ARTIFACTS) {
                    truncated = true;
                    break;
                }
                fromMapEntry(entry.getKey(), entry.getValue(), buildUrl).ifPresent(out::add);
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                if (out.size() == MAX_ARTIFACTS) {
                    truncated = true;
                    break;
                }
                fromElement(element, buildUrl).ifPresent(out::add);
            }
        }
        return new Listing(out, truncated);
    }

    private static Optional<BuildArtifact> fromMapEntry(String path, JsonNode value, Optional<String> buildUrl) {
        if (path.isBlank()) {
            return Optional.empty();
        }
        Optional<String> url = value.isTextual() ? Optional.of(value.asText())
                : LooseFields.text(value, "archive", "url", "href");
        return Optional.of(artifact(path, Optional.empty(), url, LooseFields.number(value, "size", "sizeBytes"),
                LooseFields.text(value, "type", "kind"), buildUrl));
    }

    private static Optional<BuildArtifact> fromElement(JsonNode element, Optional<String> buildUrl) {
        if (element.isTextual()) {
            String path = element.asText().strip();
            return path.isEmpty() ? Optional.empty()
                    : Optional.of(artifact(path, Optional.empty(), Optional.empty(), OptionalLong.empty(),
                            Optional.empty(), buildUrl));
        }
        if (!element.isObject()) {
            return Optional.empty();
        }
        Optional<String> name = LooseFields.text(element, "name", "fileName", "displayPath");
        Optional<String> path = LooseFields.text(element, "path", "relativePath").or(() -> name);
        if (path.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(artifact(path.get(), name, LooseFields.text(element, "url", "archive", "href"),
                LooseFields.number(element, "size", "sizeBytes", "size_in_bytes"),
                LooseFields.text(element, "type", "kind"), buildUrl));
    }

    private static BuildArtifact artifact(String path, Optional<String> name, Optional<String> url, OptionalLong size,
            Optional<String> kind, Optional<String> buildUrl) {
        String cleanPath = path.strip();
        int slash = cleanPath.lastIndexOf('/');
        String fileName = name.orElse(slash < 0 ? cleanPath : cleanPath.substring(slash + 1));
        Optional<URI> uri = url.flatMap(ArtifactEntries::absolute)
                .or(() -> buildUrl.flatMap(b -> JobPaths.artifactUrl(b, cleanPath)));
        ArtifactKind explicit = kind.map(ArtifactEntries::kind).orElse(ArtifactKind.UNKNOWN);
        return new BuildArtifact(fileName, cleanPath, uri, size,
                explicit != ArtifactKind.UNKNOWN ? explicit : ArtifactClassifier.byName(cleanPath));
    }

    /** An explicit kind word ({@code kernel_image}, {@code dtb}, …); anything else is left to the file name. */
    private static ArtifactKind kind(String word) {
        String wire = word.strip().toLowerCase(Locale.ROOT).replace('-', '_');
        for (ArtifactKind k : ArtifactKind.values()) {
            if (k.wireName().equals(wire)) {
                return k;
            }
        }
        return ArtifactKind.UNKNOWN;
    }

    private static Optional<URI> absolute(String url) {
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme();
            if (uri.getHost() == null || scheme == null
                    || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                return Optional.empty();
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
