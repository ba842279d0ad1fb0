package io.cikit.core.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The snippets of docs/artifacts.md, compiled and run. Keep the two in step. */
class ArtifactDocsExamplesTest {
    @TempDir
    Path dir;

    @Test
    void inspectAFile() throws IOException {
        Path kernel = dir.resolve("vmlinuz");
        Files.write(kernel, SyntheticImages.bzImage("6.1.0-56-amd64", true, Compression.XZ, true));

        // docs: inspect
        ArtifactInspector inspector = new ArtifactInspector();
        ArtifactReport report = inspector.inspect(kernel);
        if (report.kind() == ArtifactKind.KERNEL_IMAGE) {
            System.out.println(report.format().wireName() + " " + report.arch().wireName() + " " + report.version().orElse("?"));
        } else {
            System.out.println("not a kernel: " + report.reason().orElse("?"));
        }
        // end

        assertThat(report.version()).contains("6.1.0-56-amd64");
    }

    @Test
    void cliFacades() throws IOException {
        Path kernel = dir.resolve("Image.gz");
        Files.write(kernel, SyntheticImages.gzip(SyntheticImages.arm64Image(false, 1, false, SyntheticImages.body(10_000, 100, "6.6.0"))));
        Path deploy = dir;

        // docs: cli
        ArrayNode inspected = Artifacts.inspectJson(List.of(kernel));      // cikit artifact inspect FILE…
        try {
            ObjectNode scanned = Artifacts.scanJson(deploy);               // cikit artifact scan DIR|ARCHIVE
            System.out.println(scanned.toPrettyString());                   // exit 0
        } catch (UnsafeArchiveException refused) {
            System.out.println(refused.toJson());                           // {"error", "reason": "path-traversal", …}: exit 1
        } catch (io.cikit.core.CiException unreadable) {
            System.out.println("{\"error\": \"" + unreadable.getMessage() + "\"}"); // exit 2
        }
        // end

        assertThat(inspected.get(0).get("format").asText()).isEqualTo("arm64-image");
        assertThat(inspected.get(0).get("compression").asText()).isEqualTo("gzip");
    }

    @Test
    void streamAndExtractSafely() throws IOException {
        Path download = dir.resolve("artifacts.tar.gz");
        Files.write(download, SyntheticImages.gzip(SyntheticImages.tar("boot/Image", new byte[100], "boot/board.dtb",
                SyntheticImages.dtb("B", "v,b"))));
        Path workDir = dir.resolve("work");

        // docs: safe-archive
        ArtifactInspector inspector = new ArtifactInspector();
        SafeArchive archive = SafeArchive.open(download, ArchiveLimits.DEFAULT.withMaxEntries(10_000));
        archive.forEach((entry, content) -> {
            if (entry.type() == ArchiveEntry.Type.FILE) {
                System.out.println(inspector.inspect(content, entry.name()).toJson());
            }
        });
        List<ArchiveEntry> written = archive.extractTo(workDir);           // refuses devices, links out, …
        // end

        assertThat(written).extracting(ArchiveEntry::name).contains("boot/Image", "boot/board.dtb");
    }
}
