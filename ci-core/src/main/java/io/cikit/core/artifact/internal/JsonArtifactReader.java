package io.cikit.core.artifact.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.cikit.core.artifact.Arch;
import io.cikit.core.artifact.ArtifactKind;
import io.cikit.core.artifact.ArtifactReport;
import io.cikit.core.artifact.ImageFormat;
import io.cikit.core.json.Json;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON artifacts, streamed so a large document costs little memory: Yocto {@code *.testdata.json} (a flat object
 * of BitBake variables) and TuxMake {@code metadata.json} ({@code results}, {@code source.kernelrelease},
 * {@code git.git_describe}, {@code build.target_arch}). Other JSON is unknown.
 */
final class JsonArtifactReader {
    private static final List<String> YOCTO_MARKERS = List.of("DISTRO", "DISTRO_VERSION", "KERNEL_IMAGETYPE",
            "TUNE_ARCH", "TARGET_ARCH", "IMAGE_BASENAME", "IMAGE_LINK_NAME");
    private static final List<String> YOCTO_DETAILS = List.of("MACHINE", "DISTRO", "DISTRO_NAME", "DISTRO_VERSION",
            "DISTRO_CODENAME", "KERNEL_IMAGETYPE", "KERNEL_DEVICETREE", "IMAGE_BASENAME", "IMAGE_LINK_NAME",
            "IMAGE_NAME", "IMAGE_FSTYPES", "TARGET_ARCH", "TUNE_ARCH", "TUNE_PKGARCH", "UBOOT_MACHINE", "DATETIME",
            "SERIAL_CONSOLES", "PREFERRED_PROVIDER_virtual/kernel", "KERNEL_VERSION", "LAYERSERIES_CORENAMES",
            "SDK_VERSION", "BB_VERSION");
    private static final List<String> TUXMAKE_OBJECTS = List.of("results", "source", "git", "build", "tuxmake", "compiler");
    private static final int MAX_SCALARS = 50_000;
    /** Reads one nested object out of a document being streamed: what follows it is not "trailing". */
    private static final ObjectReader NESTED = Json.mapper().reader()
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonArtifactReader() {
    }

    static void read(Inspection ctx, ForwardInput in, ArtifactReport.Builder b) throws IOException {
        Map<String, String> scalars = new HashMap<>();
        Map<String, JsonNode> objects = new HashMap<>();
        try (JsonParser p = Json.mapper().getFactory().createParser(Streams.limit(in.from(0), ctx.limits.maxJsonBytes() + 1L))) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                b.unknown("JSON document that is not an object");
                return;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken t = p.nextToken();
                if (t == JsonToken.START_OBJECT && TUXMAKE_OBJECTS.contains(key)) {
                    objects.put(key, NESTED.readTree(p));
                } else if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    p.skipChildren();
                } else if (t != null && t.isScalarValue() && t != JsonToken.VALUE_NULL && scalars.size() < MAX_SCALARS) {
                    scalars.put(key, p.getText());
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT) {
                b.unknown("malformed JSON document");
                return;
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof SourceReadFailure f) {
                throw f;
            }
            b.unknown("malformed JSON (or larger than " + ctx.limits.maxJsonBytes() + " bytes): " + firstLine(e.getMessage()));
            return;
        }
        if (scalars.containsKey("MACHINE") && YOCTO_MARKERS.stream().anyMatch(scalars::containsKey)) {
            b.kind(ArtifactKind.BSP_TESTDATA).format(ImageFormat.YOCTO_TESTDATA)
                    .arch(Arch.fromName(scalars.getOrDefault("TARGET_ARCH", "")))
                    .version(scalars.get("DISTRO_VERSION"));
            for (String k : YOCTO_DETAILS) {
                String v = scalars.get(k);
                if (v != null) {
                    b.detail(k, v);
                }
            }
            b.detail("variables", Integer.toString(scalars.size()));
            return;
        }
        JsonNode results = objects.get("results");
        if (results != null && (objects.containsKey("source") || objects.containsKey("tuxmake") || objects.containsKey("build"))) {
            readTuxMake(objects, b);
            return;
        }
        b.unknown("JSON document of no known shape");
    }

    private static void readTuxMake(Map<String, JsonNode> o, ArtifactReport.Builder b) {
        b.format(ImageFormat.TUXMAKE_METADATA);
        JsonNode empty = Json.mapper().createObjectNode();
        JsonNode source = o.getOrDefault("source", empty);
        JsonNode git = o.getOrDefault("git", empty);
        JsonNode build = o.getOrDefault("build", empty);
        JsonNode results = o.get("results");
        Json.nonBlank(source, "kernelrelease").filter(BannerScanner::isRelease).ifPresent(b::version);
        Json.nonBlank(source, "kernelversion").ifPresent(v -> b.detail("kernelversion", v));
        Json.nonBlank(git, "git_describe").or(() -> Json.nonBlank(source, "git_describe"))
                .ifPresent(v -> b.detail("git_describe", v));
        Json.nonBlank(git, "git_sha").ifPresent(v -> b.detail("git_sha", v));
        Json.nonBlank(build, "target_arch").ifPresent(a -> {
            b.arch(Arch.fromName(a));
            b.detail("target_arch", a);
        });
        Json.nonBlank(build, "toolchain").ifPresent(v -> b.detail("toolchain", v));
        Json.nonBlank(build, "kconfig").ifPresent(v -> b.detail("kconfig", v));
        Json.nonBlank(results, "status").ifPresent(v -> b.detail("status", v));
        JsonNode artifacts = Json.at(results, "artifacts");
        for (Map.Entry<String, JsonNode> e : artifacts.properties()) {
            List<String> files = Json.strings(e.getValue());
            if (!files.isEmpty()) {
                b.detail("artifact." + e.getKey(), String.join(",", files));
            }
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
