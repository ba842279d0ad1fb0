package io.cikit.core.artifact;

import static io.cikit.core.artifact.SyntheticImages.ascii;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.cikit.core.CiException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactScannerTest {
    private static final String MACHINE = "imx8mp-lpddr4-evk";
    private static final String KERNEL_FILE = "Image--6.6.52+git0+a1b2c3-r0-" + MACHINE + "-20240101120000.bin";

    @TempDir
    Path tmp;

    /** A Yocto deploy directory as REFERENCE §5 describes it, timestamped files plus their stable links. */
    private Path yoctoDeploy() throws IOException {
        Path images = tmp.resolve("build/tmp/deploy/images/" + MACHINE);
        Files.createDirectories(images);
        Files.write(images.resolve(KERNEL_FILE),
                SyntheticImages.arm64Image(false, 1, true, SyntheticImages.body(300_000, 250_000, "6.6.52-lts")));
        Files.createSymbolicLink(images.resolve("Image"), Path.of(KERNEL_FILE));
        Files.createSymbolicLink(images.resolve("Image-" + MACHINE + ".bin"), Path.of(KERNEL_FILE));
        Files.write(images.resolve("imx8mp-evk.dtb"), SyntheticImages.dtb("NXP i.MX8MPlus EVK", "fsl,imx8mp-evk", "fsl,imx8mp"));
        Files.write(images.resolve("u-boot-" + MACHINE + ".bin"), SyntheticImages.filler(50_000, 11));
        Files.write(images.resolve("imx-boot"), SyntheticImages.filler(60_000, 12));
        String stamp = "core-image-minimal-" + MACHINE + ".rootfs-20240101120000";
        byte[] wic = new byte[256 * 1024];
        wic[0x1FE] = 0x55;
        wic[0x1FF] = (byte) 0xAA;
        System.arraycopy(ascii("EFI PART"), 0, wic, 512, 8);
        Files.write(images.resolve(stamp + ".wic.zst"), SyntheticImages.zstd(wic));
        Files.createSymbolicLink(images.resolve("core-image-minimal-" + MACHINE + ".rootfs.wic.zst"), Path.of(stamp + ".wic.zst"));
        Files.writeString(images.resolve(stamp + ".wic.bmap"), "<?xml version=\"1.0\"?>\n<bmap version=\"2.0\"/>\n");
        Files.writeString(images.resolve(stamp + ".manifest"),
                "base-files " + MACHINE.replace('-', '_') + " 3.0.14-r89\nbusybox armv8a 1.36.1-r0\nlibc6 armv8a 2.39+git0-r0\n");
        Files.createSymbolicLink(images.resolve("core-image-minimal-" + MACHINE + ".rootfs.manifest"), Path.of(stamp + ".manifest"));
        Files.writeString(images.resolve(stamp + ".testdata.json"), "{\"MACHINE\": \"" + MACHINE + "\", \"DISTRO\": \"poky\","
                + " \"DISTRO_VERSION\": \"5.0.4\", \"KERNEL_IMAGETYPE\": \"Image\", \"TARGET_ARCH\": \"aarch64\","
                + " \"IMAGE_BASENAME\": \"core-image-minimal\"}");
        Files.createSymbolicLink(images.resolve("core-image-minimal-" + MACHINE + ".rootfs.testdata.json"), Path.of(stamp + ".testdata.json"));
        byte[] ko = SyntheticImages.elf(183, true, false, 1, SyntheticImages.filler(1000, 13));
        Files.write(images.resolve("modules--6.6.52-r0-" + MACHINE + "-20240101120000.tgz"), SyntheticImages.gzip(SyntheticImages.tar(
                "./lib/modules/6.6.52-lts/kernel/drivers/net/x.ko", ko)));
        return images;
    }

    @Test
    void yoctoDeployDirectoryGivesKernelAndBsp() throws IOException {
        Path images = yoctoDeploy();

        ArtifactScan scan = new ArtifactScanner().scan(tmp.resolve("build"));

        KernelImage k = scan.kernelImage().orElseThrow();
        assertThat(k.path()).contains("tmp/deploy/images/" + MACHINE + "/Image");
        assertThat(k.format()).isEqualTo(ImageFormat.ARM64_IMAGE);
        assertThat(k.arch()).isEqualTo(Arch.ARM64);
        assertThat(k.version()).contains("6.6.52-lts");
        assertThat(k.modules()).hasValueSatisfying(m -> assertThat(m).endsWith(".tgz"));
        BspPackage bsp = scan.bspPackage().orElseThrow();
        assertThat(bsp.machine()).contains(MACHINE);
        assertThat(bsp.version()).contains("5.0.4");
        assertThat(bsp.distro()).contains("poky");
        assertThat(bsp.imageName()).contains("core-image-minimal");
        assertThat(bsp.arch()).isEqualTo(Arch.ARM64);
        assertThat(bsp.rootfs()).singleElement().satisfies(r -> assertThat(r).endsWith("core-image-minimal-" + MACHINE + ".rootfs.wic.zst"));
        assertThat(bsp.dtbs()).singleElement().satisfies(d -> assertThat(d).endsWith("imx8mp-evk.dtb"));
        assertThat(bsp.bootloaders()).hasSize(2);
        assertThat(bsp.manifest()).hasValueSatisfying(m -> assertThat(m).endsWith(".rootfs.manifest"));
        assertThat(bsp.packages()).containsEntry("busybox", "1.36.1-r0");
        assertThat(bsp.variables()).containsEntry("KERNEL_IMAGETYPE", "Image");
        // each real file once, links listed apart
        assertThat(scan.artifacts()).extracting(ArtifactReport::path).doesNotHaveDuplicates()
                .noneMatch(p -> p.endsWith("/Image"));
        assertThat(scan.links()).containsKey("tmp/deploy/images/" + MACHINE + "/Image");
        assertThat(Files.exists(images)).isTrue();
    }

    @Test
    void archiveOfTheDeployDirectoryGivesTheSameAnswerWithoutUnpacking() throws IOException {
        yoctoDeploy();
        Path archive = tmp.resolve("bsp.tar.xz");
        Files.write(archive, SyntheticImages.xz(tarTree(tmp.resolve("build"))));
        long filesBefore;
        try (Stream<Path> s = Files.walk(tmp)) {
            filesBefore = s.count();
        }

        ArtifactScan fromDir = new ArtifactScanner().scan(tmp.resolve("build"));
        ArtifactScan fromArchive = new ArtifactScanner().scan(archive);

        assertThat(fromArchive.kernelImage()).isEqualTo(fromDir.kernelImage());
        assertThat(fromArchive.bspPackage()).isEqualTo(fromDir.bspPackage());
        try (Stream<Path> s = Files.walk(tmp)) {
            assertThat(s.count()).isEqualTo(filesBefore);
        }
        JsonNode json = Artifacts.scanJson(archive);
        assertThat(json.get("kernelImage").get("version").asText()).isEqualTo("6.6.52-lts");
        assertThat(json.get("bspPackage").get("machine").asText()).isEqualTo(MACHINE);
        assertThat(json.get("artifacts").size()).isEqualTo(fromDir.artifacts().size());
    }

    @Test
    void kernelBuildOutputTreeGivesAKernelAndNoBsp() throws IOException {
        Path out = tmp.resolve("tuxmake-output");
        Files.createDirectories(out);
        Files.write(out.resolve("Image.gz"), SyntheticImages.gzip(SyntheticImages.arm64Image(false, 1, false,
                SyntheticImages.body(200_000, 150_000, "6.7.0-rc4-00123-gabcdef"))));
        Files.writeString(out.resolve("config"), "# Linux/arm64 6.7.0-rc4 Kernel Configuration\nCONFIG_ARM64=y\nCONFIG_SMP=y\n");
        Files.writeString(out.resolve("System.map"), "ffff800080000000 T _text\nffff800080010000 T __arm64_sys_read\nffff800081000000 D linux_banner\n");
        Files.write(out.resolve("modules.tar.xz"), SyntheticImages.xz(SyntheticImages.tar(
                "lib/modules/6.7.0-rc4-00123-gabcdef/kernel/a.ko", SyntheticImages.elf(183, true, false, 1, new byte[100]))));
        Files.write(out.resolve("dtbs.tar.xz"), SyntheticImages.xz(SyntheticImages.tar("dtbs/arm/juno.dtb",
                SyntheticImages.dtb("Juno", "arm,juno", "arm,vexpress"))));
        Files.writeString(out.resolve("metadata.json"), "{\"results\": {\"status\": \"PASS\"}, \"source\": {\"kernelrelease\":"
                + " \"6.7.0-rc4-00123-gabcdef\"}, \"build\": {\"target_arch\": \"arm64\"}}");

        ArtifactScan scan = Artifacts.scan(out);

        KernelImage k = scan.kernelImage().orElseThrow();
        assertThat(k.path()).contains("Image.gz");
        assertThat(k.compression()).isEqualTo(Compression.GZIP);
        assertThat(k.version()).contains("6.7.0-rc4-00123-gabcdef");
        assertThat(k.config()).contains("config");
        assertThat(k.systemMap()).contains("System.map");
        assertThat(k.modules()).contains("modules.tar.xz");
        assertThat(k.dtbs()).containsExactly("dtbs.tar.xz");
        assertThat(scan.bspPackage()).isEmpty();
        assertThat(scan.toJson().get("bspPackage").isNull()).isTrue();
    }

    @Test
    void unsafeArchiveIsRefusedWithTheCliReason() throws IOException {
        Path bad = tmp.resolve("evil.tar.gz");
        Files.write(bad, SyntheticImages.gzip(SyntheticImages.tar("Image", new byte[10], "../../etc/cron.d/x", ascii("x"))));

        assertThatThrownBy(() -> Artifacts.scanJson(bad)).isInstanceOfSatisfying(UnsafeArchiveException.class,
                e -> assertThat(e.toJson().get("reason").asText()).isEqualTo("path-traversal"));
    }

    @Test
    void scansAreCountedByOutcome() throws IOException {
        io.micrometer.core.instrument.simple.SimpleMeterRegistry registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        ArtifactScanner scanner = new ArtifactScanner(new ArtifactInspector(), ArchiveLimits.DEFAULT, registry);
        Path bad = tmp.resolve("evil.tar");
        Files.write(bad, SyntheticImages.tar("/etc/passwd", ascii("x")));
        Path good = tmp.resolve("good");
        Files.createDirectories(good);
        Files.writeString(good.resolve("config"), "CONFIG_ARM64=y\nCONFIG_SMP=y\n");

        assertThatThrownBy(() -> scanner.scan(bad)).isInstanceOf(UnsafeArchiveException.class);
        scanner.scan(good);

        assertThat(registry.get("cikit.artifact.scans").tags("outcome", "refused", "reason", "absolute-path").counter().count())
                .isEqualTo(1.0);
        assertThat(registry.get("cikit.artifact.scans").tags("outcome", "ok").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("cikit.artifact.inspected").tag("kind", "kernel_config").counter().count()).isEqualTo(1.0);
    }

    @Test
    void somethingElseIsNotScanned() throws IOException {
        Path f = tmp.resolve("notes.txt");
        Files.writeString(f, "hello");

        assertThatThrownBy(() -> Artifacts.scanJson(f)).isInstanceOf(CiException.class)
                .isNotInstanceOf(UnsafeArchiveException.class);
        assertThatThrownBy(() -> Artifacts.scanJson(tmp.resolve("missing"))).isInstanceOf(CiException.class);
    }

    @Test
    void inspectJsonHasTheCliFields() throws IOException {
        Path f = tmp.resolve("bzImage");
        Files.write(f, SyntheticImages.bzImage("6.1.0-56-amd64", true, Compression.ZSTD, true));

        JsonNode r = Artifacts.inspectJson(List.of(f)).get(0);

        for (String field : List.of("path", "kind", "format", "arch", "version", "endianness", "pageSize", "compression",
                "compatible", "sizeBytes", "sha256")) {
            assertThat(r.has(field)).as(field).isTrue();
        }
        assertThat(r.get("arch").asText()).isEqualTo("x86_64");
        assertThat(r.get("compression").asText()).isEqualTo("none");
        assertThat(r.get("payloadCompression").asText()).isEqualTo("zstd");
    }

    @Test
    void namesClassifyArtifactsTheBytesCannot() {
        assertThat(ArtifactClassifier.byName("deploy/images/x/u-boot-imx8mp.bin")).isEqualTo(ArtifactKind.BOOTLOADER);
        assertThat(ArtifactClassifier.byName("arch/x86/boot/bzImage")).isEqualTo(ArtifactKind.KERNEL_IMAGE);
        assertThat(ArtifactClassifier.byName("Image--6.6.52-r0-imx8mp-20240101.bin")).isEqualTo(ArtifactKind.KERNEL_IMAGE);
        assertThat(ArtifactClassifier.byName("core-image-minimal-imx8mp.rootfs.wic.zst")).isEqualTo(ArtifactKind.ROOTFS);
        assertThat(ArtifactClassifier.byName("core-image-minimal-imx8mp.rootfs.wic.bmap")).isEqualTo(ArtifactKind.UNKNOWN);
        assertThat(ArtifactClassifier.byName("fitImage")).isEqualTo(ArtifactKind.FIT);
        assertThat(ArtifactClassifier.byName("modules-imx8mp.tgz")).isEqualTo(ArtifactKind.MODULES);
        assertThat(ArtifactClassifier.byName("dtbs/freescale/imx8mp-evk.dtb")).isEqualTo(ArtifactKind.DTB);
        assertThat(ArtifactClassifier.byName("x.testdata.json")).isEqualTo(ArtifactKind.BSP_TESTDATA);
        assertThat(ArtifactClassifier.byName("System.map")).isEqualTo(ArtifactKind.SYSTEM_MAP);
        assertThat(ArtifactClassifier.byName(".config")).isEqualTo(ArtifactKind.KERNEL_CONFIG);
        assertThat(ArtifactClassifier.byName("README.md")).isEqualTo(ArtifactKind.UNKNOWN);
    }

    /** Tars a directory tree, keeping symlinks as symlinks (as GNU tar does). */
    private static byte[] tarTree(Path root) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(bytes); Stream<Path> walk = Files.walk(root)) {
            t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
                String name = root.relativize(p).toString();
                if (name.isEmpty()) {
                    continue;
                }
                try {
                    if (Files.isSymbolicLink(p)) {
                        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
                        e.setLinkName(Files.readSymbolicLink(p).toString());
                        t.putArchiveEntry(e);
                    } else if (Files.isDirectory(p)) {
                        t.putArchiveEntry(new TarArchiveEntry(p.toFile(), name + "/"));
                    } else {
                        t.putArchiveEntry(new TarArchiveEntry(p.toFile(), name));
                        Files.copy(p, t);
                    }
                    t.closeArchiveEntry();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return bytes.toByteArray();
    }
}
