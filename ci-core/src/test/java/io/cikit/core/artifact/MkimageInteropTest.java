package io.cikit.core.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real U-Boot {@code mkimage} output (Debian {@code u-boot-tools}) read by the inspector. Skipped when
 * {@code mkimage} (and, for FIT, {@code dtc}) is not on the PATH.
 */
class MkimageInteropTest {
    private final ArtifactInspector inspector = new ArtifactInspector();

    @Test
    void legacyUImageFromMkimage(@TempDir Path dir) throws Exception {
        assumeTrue(onPath("mkimage"), "mkimage (u-boot-tools) is not installed");
        Path image = dir.resolve("Image");
        Files.write(image, SyntheticImages.arm64Image(false, 1, false, SyntheticImages.body(200_000, 150_000, "6.6.52")));
        Path out = dir.resolve("uImage");

        run(dir, "mkimage", "-A", "arm64", "-O", "linux", "-T", "kernel", "-C", "none", "-a", "0x80000", "-e", "0x80000",
                "-n", "Linux-6.6.52", "-d", image.toString(), out.toString());
        ArtifactReport r = inspector.inspect(out);

        assertThat(r.format()).isEqualTo(ImageFormat.UIMAGE);
        assertThat(r.kind()).isEqualTo(ArtifactKind.KERNEL_IMAGE);
        assertThat(r.arch()).isEqualTo(Arch.ARM64);
        assertThat(r.version()).contains("6.6.52");
        assertThat(r.details()).containsEntry("name", "Linux-6.6.52").containsEntry("loadAddress", "0x00080000");
    }

    @Test
    void fitFromMkimage(@TempDir Path dir) throws Exception {
        assumeTrue(onPath("mkimage") && onPath("dtc"), "mkimage and dtc are not installed");
        Files.write(dir.resolve("Image.gz"), SyntheticImages.gzip(
                SyntheticImages.arm64Image(false, 1, false, SyntheticImages.body(200_000, 150_000, "6.6.52"))));
        Files.write(dir.resolve("board.dtb"), SyntheticImages.dtb("Board", "vendor,board"));
        Files.writeString(dir.resolve("image.its"), """
                /dts-v1/;
                / {
                    description = "test";
                    #address-cells = <1>;
                    images {
                        kernel-1 {
                            data = /incbin/("Image.gz");
                            type = "kernel"; arch = "arm64"; os = "linux"; compression = "gzip";
                            load = <0x40480000>; entry = <0x40480000>;
                        };
                        fdt-1 {
                            data = /incbin/("board.dtb");
                            type = "flat_dt"; arch = "arm64"; compression = "none";
                        };
                    };
                    configurations {
                        default = "conf-1";
                        conf-1 { kernel = "kernel-1"; fdt = "fdt-1"; };
                    };
                };
                """);
        run(dir, "mkimage", "-f", "image.its", "image.itb");
        ArtifactReport r = inspector.inspect(dir.resolve("image.itb"));

        assertThat(r.kind()).isEqualTo(ArtifactKind.FIT);
        assertThat(r.arch()).isEqualTo(Arch.ARM64);
        assertThat(r.version()).contains("6.6.52");
        assertThat(r.compatible()).contains("vendor,board");
        assertThat(r.fitConfigurations()).extracting(FitConfiguration::name).containsExactly("conf-1");
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        return path != null && List.of(path.split(File.pathSeparator)).stream()
                .anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
    }
}
