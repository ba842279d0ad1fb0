package io.cikit.core.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cikit.core.artifact.UnsafeArchiveException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.cpio.CpioArchiveEntry;
import org.apache.commons.compress.archivers.cpio.CpioArchiveOutputStream;
import org.apache.commons.compress.archivers.cpio.CpioConstants;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeArchiveTest {
    @TempDir
    Path dir;

    // ---- building archives ----

    /** One tar entry: kind is 'f' file, 'd' dir, 's' symlink, 'h' hardlink, 'c' char device. */
    record E(char kind, String name, String data) {
    }

    static E file(String name, String data) {
        return new E('f', name, data);
    }

    static byte[] tar(E... entries) {
        return tarBytes(true, entries);
    }

    static byte[] tarBytes(boolean finish, E... entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            TarArchiveOutputStream t = new TarArchiveOutputStream(bytes);
            t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (E e : entries) {
                TarArchiveEntry te = switch (e.kind()) {
                    case 's' -> new TarArchiveEntry(e.name(), TarConstants.LF_SYMLINK, true);
                    case 'h' -> new TarArchiveEntry(e.name(), TarConstants.LF_LINK, true);
                    case 'c' -> new TarArchiveEntry(e.name(), TarConstants.LF_CHR, true);
                    default -> new TarArchiveEntry(e.name(), true);
                };
                if (e.kind() == 's' || e.kind() == 'h') {
                    te.setLinkName(e.data());
                } else if (e.kind() == 'f') {
                    te.setSize(e.data().length());
                    te.setMode(e.name().endsWith(".sh") ? 0100755 : 0100644);
                } else if (e.kind() == 'c') {
                    te.setDevMajor(5);
                    te.setDevMinor(1);
                }
                t.putArchiveEntry(te);
                if (e.kind() == 'f') {
                    t.write(e.data().getBytes(StandardCharsets.UTF_8));
                }
                t.closeArchiveEntry();
            }
            if (finish) {
                t.close();
            } else {
                t.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private UnsafeArchiveException refusedOnList(Path archive) {
        return catchUnsafe(() -> SafeArchive.open(archive).list());
    }

    private UnsafeArchiveException refusedOnExtract(Path archive) {
        return catchUnsafe(() -> SafeArchive.open(archive).extractTo(dir.resolve("out")));
    }

    private static UnsafeArchiveException catchUnsafe(Runnable r) {
        try {
            r.run();
        } catch (UnsafeArchiveException e) {
            return e;
        }
        throw new AssertionError("archive was not refused");
    }

    // ---- reading ----

    @Test
    void streamsEveryCompressedTarFlavourFromItsBytes() throws IOException {
        byte[] plain = tar(new E('d', "./", ""), new E('d', "./boot/", ""), file("./boot/Image", "kernel"),
                file("./boot/./board.dtb", "dtb"));
        for (Compression c : List.of(Compression.NONE, Compression.GZIP, Compression.XZ, Compression.ZSTD,
                Compression.BZIP2, Compression.LZ4, Compression.LZMA)) {
            Path p = write("deploy-" + c.wireName() + ".bin", SyntheticImages.compress(c, plain));
            SafeArchive a = SafeArchive.open(p);

            assertThat(a.format()).isEqualTo(ImageFormat.TAR);
            assertThat(a.compression()).isEqualTo(c);
            assertThat(a.list()).extracting(ArchiveEntry::name).containsExactly("boot", "boot/Image", "boot/board.dtb");
        }
    }

    @Test
    void visitorReadsEntryContentWithoutExtracting() throws IOException {
        Path p = write("a.tar.gz", SyntheticImages.gzip(tar(file("a.txt", "alpha"), file("b.txt", "beta"))));
        List<String> seen = new ArrayList<>();

        SafeArchive.open(p).forEach((e, in) -> seen.add(e.name() + "=" + new String(in.readAllBytes(), StandardCharsets.UTF_8)));

        assertThat(seen).containsExactly("a.txt=alpha", "b.txt=beta");
        assertThat(Files.list(dir).count()).isEqualTo(1);
    }

    @Test
    void zipAndCpioAreReadToo() throws IOException {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream z = new ZipArchiveOutputStream(zip)) {
            z.putArchiveEntry(new ZipArchiveEntry("artifact/Image.gz"));
            z.write("gz".getBytes(StandardCharsets.UTF_8));
            z.closeArchiveEntry();
        }
        assertThat(SafeArchive.open(write("a.zip", zip.toByteArray())).list()).extracting(ArchiveEntry::name)
                .containsExactly("artifact/Image.gz");

        Path cpio = write("initramfs.cpio.gz", SyntheticImages.gzip(cpio("init", "#!/bin/sh", "etc/fstab", "x")));
        SafeArchive a = SafeArchive.open(cpio);
        assertThat(a.format()).isEqualTo(ImageFormat.CPIO);
        assertThat(a.list()).extracting(ArchiveEntry::name).containsExactly("init", "etc/fstab");
    }

    @Test
    void nonArchivesAreNotOpened() throws IOException {
        Path p = write("Image.gz", SyntheticImages.gzip(SyntheticImages.body(10_000, 100, "6.1.0")));

        assertThat(SafeArchive.isArchive(p)).isFalse();
        assertThatThrownBy(() -> SafeArchive.open(p)).isInstanceOf(io.cikit.core.CiException.class)
                .isNotInstanceOf(UnsafeArchiveException.class).hasMessageContaining("not a tar, cpio or zip");
    }

    // ---- hostile names and links ----

    @Test
    void traversalIsRefused() throws IOException {
        Path p = write("t.tar", tar(file("ok.txt", "x"), file("a/../../evil.txt", "pwned")));

        UnsafeArchiveException e = refusedOnExtract(p);
        assertThat(e.reason()).isEqualTo(Reason.PATH_TRAVERSAL);
        assertThat(e.reason().code()).isEqualTo("path-traversal");
        assertThat(e.entry()).contains("a/../../evil.txt");
        assertThat(refusedOnList(p).reason()).isEqualTo(Reason.PATH_TRAVERSAL);
        assertThat(dir.resolve("evil.txt")).doesNotExist();
        assertThat(dir.getParent().resolve("evil.txt")).doesNotExist();
    }

    @Test
    void backslashTraversalIsRefusedToo() throws IOException {
        assertThat(refusedOnList(write("t.tar", tar(file("..\\..\\evil.txt", "x")))).reason()).isEqualTo(Reason.PATH_TRAVERSAL);
    }

    @Test
    void absolutePathIsRefused() throws IOException {
        Path p = write("t.tar", tar(file("/tmp/cikit-evil.txt", "x")));

        assertThat(refusedOnExtract(p).reason()).isEqualTo(Reason.ABSOLUTE_PATH);
        assertThat(Path.of("/tmp/cikit-evil.txt")).doesNotExist();
        assertThat(refusedOnList(write("w.tar", tar(file("C:/Windows/evil.dll", "x")))).reason()).isEqualTo(Reason.ABSOLUTE_PATH);
    }

    @Test
    void symlinkEscapesAreRefused() throws IOException {
        assertThat(refusedOnList(write("abs.tar", tar(new E('s', "etc-link", "/etc")))).reason()).isEqualTo(Reason.SYMLINK_ESCAPE);
        assertThat(refusedOnList(write("up.tar", tar(new E('d', "a/", ""), new E('s', "a/up", "../../outside")))).reason())
                .isEqualTo(Reason.SYMLINK_ESCAPE);
        // each link alone stays inside; together they lead out: d/X -> y/.. is fine until d/y -> ..
        UnsafeArchiveException chain = refusedOnList(write("chain.tar", tar(new E('d', "d/", ""), new E('d', "d/y/", ""),
                new E('s', "d/X", "y/.."), new E('s', "d/y2", ".."), new E('s', "d/z", "y2/.."))));
        assertThat(chain.reason()).isEqualTo(Reason.SYMLINK_ESCAPE);
        assertThat(chain.toJson().get("reason").asText()).isEqualTo("symlink-escape");
    }

    @Test
    void symlinksThatStayInsideAreExtractedLast() throws IOException {
        Path p = write("ok.tar", tar(new E('d', "boot/", ""), file("boot/Image-6.1.0.bin", "kernel"),
                new E('s', "boot/Image", "Image-6.1.0.bin"), new E('s', "current", "boot"),
                file("run.sh", "#!/bin/sh\n"), new E('h', "boot/Image.copy", "boot/Image-6.1.0.bin")));

        List<ArchiveEntry> done = SafeArchive.open(p).extractTo(dir.resolve("out"));

        Path out = dir.resolve("out");
        assertThat(done).hasSize(6);
        assertThat(Files.isSymbolicLink(out.resolve("boot/Image"))).isTrue();
        assertThat(Files.readString(out.resolve("current/Image"))).isEqualTo("kernel");
        assertThat(Files.readString(out.resolve("boot/Image.copy"))).isEqualTo("kernel");
        assertThat(Files.getPosixFilePermissions(out.resolve("run.sh"))).contains(PosixFilePermission.OWNER_EXECUTE);
    }

    @Test
    void entriesThroughTheArchivesOwnSymlinkAreNotExtracted() throws IOException {
        Path p = write("via.tar", tar(new E('d', "real/", ""), new E('s', "alias", "real"), file("alias/x", "x")));

        assertThat(SafeArchive.open(p).list()).extracting(ArchiveEntry::name).contains("alias/x");
        assertThat(refusedOnExtract(p).reason()).isEqualTo(Reason.PATH_TRAVERSAL);
    }

    @Test
    void writingThroughALinkAlreadyInTheTargetIsRefused(@TempDir Path elsewhere) throws IOException {
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Files.createSymbolicLink(out.resolve("sneaky"), elsewhere);
        Path p = write("t.tar", tar(file("sneaky/x.txt", "x")));

        assertThat(catchUnsafe(() -> SafeArchive.open(p).extractTo(out)).reason()).isEqualTo(Reason.SYMLINK_ESCAPE);
        assertThat(elsewhere.resolve("x.txt")).doesNotExist();
    }

    @Test
    void hardlinkEscapesAreRefused() throws IOException {
        assertThat(refusedOnList(write("h1.tar", tar(new E('h', "passwd", "/etc/passwd")))).reason()).isEqualTo(Reason.HARDLINK_ESCAPE);
        assertThat(refusedOnList(write("h2.tar", tar(new E('h', "x", "../x")))).reason()).isEqualTo(Reason.HARDLINK_ESCAPE);
        assertThat(refusedOnList(write("h3.tar", tar(new E('h', "x", "not-in-archive")))).reason()).isEqualTo(Reason.HARDLINK_ESCAPE);
    }

    @Test
    void devicesAreListedButNeverExtracted() throws IOException {
        Path p = write("rootfs.tar", tar(new E('d', "dev/", ""), new E('c', "dev/console", "")));

        assertThat(SafeArchive.open(p).list()).extracting(ArchiveEntry::type)
                .containsExactly(ArchiveEntry.Type.DIRECTORY, ArchiveEntry.Type.DEVICE);
        assertThat(refusedOnExtract(p).reason()).isEqualTo(Reason.DEVICE_FILE);
    }

    // ---- limits ----

    @Test
    void tenThousandEntryArchiveExceedsTheDefaultEntryLimit() throws IOException {
        E[] many = new E[10_000];
        for (int i = 0; i < many.length; i++) {
            many[i] = file("f/" + i, "");
        }
        Path p = write("many.tar.gz", SyntheticImages.gzip(tar(many)));

        UnsafeArchiveException e = refusedOnList(p);
        assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_ENTRIES);
        assertThat(e.getMessage()).contains("4096");
        assertThat(SafeArchive.open(p, ArchiveLimits.DEFAULT.withMaxEntries(10_000)).list()).hasSize(10_000);
    }

    @Test
    void ratioBombIsStoppedEarly() throws IOException {
        // 64 MiB of zeros: gzip squeezes it about 1000:1
        Path p = write("bomb.tar.gz", bombTar(64 << 20));
        assertThat(Files.size(p)).isLessThan(200_000);

        UnsafeArchiveException e = refusedOnList(p);
        assertThat(e.reason()).isEqualTo(Reason.RATIO_EXCEEDED);
        assertThat(e.reason().code()).isEqualTo("ratio-exceeded");
    }

    @Test
    void zipBombIsStoppedEarly() throws IOException {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream z = new ZipArchiveOutputStream(zip)) {
            z.setLevel(Deflater.BEST_COMPRESSION);
            z.putArchiveEntry(new ZipArchiveEntry("zeros.bin"));
            byte[] chunk = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                z.write(chunk);
            }
            z.closeArchiveEntry();
        }
        assertThat(refusedOnList(write("bomb.zip", zip.toByteArray())).reason()).isEqualTo(Reason.RATIO_EXCEEDED);
    }

    @Test
    void entryAndTotalSizeLimitsHold() throws IOException {
        Path p = write("big.tar", tar(file("a", "x".repeat(5000)), file("b", "y".repeat(5000))));

        assertThat(catchUnsafe(() -> SafeArchive.open(p, ArchiveLimits.DEFAULT.withMaxEntryBytes(4000)).list()).reason())
                .isEqualTo(Reason.TOO_LARGE);
        assertThat(catchUnsafe(() -> SafeArchive.open(p, ArchiveLimits.DEFAULT.withMaxTotalBytes(8000)).list()).reason())
                .isEqualTo(Reason.TOO_LARGE);
    }

    @Test
    void truncatedStreamsAreRefused() throws IOException {
        String noise = java.util.Base64.getEncoder().encodeToString(SyntheticImages.filler(15_000, 9));
        byte[] tar = tar(file("a.bin", noise), file("b.bin", noise.toLowerCase(java.util.Locale.ROOT)));
        byte[] gz = SyntheticImages.gzip(tar);

        assertThat(refusedOnList(write("cut.tar.gz", Arrays.copyOf(gz, gz.length / 2))).reason()).isEqualTo(Reason.TRUNCATED);
        assertThat(refusedOnList(write("cut.tar", Arrays.copyOf(tar, 10_000))).reason()).isEqualTo(Reason.TRUNCATED);
        // cut exactly after the last entry: the end-of-archive marker is missing
        byte[] unfinished = tarBytes(false, file("a.bin", "a".repeat(1024)));
        assertThat(refusedOnList(write("nomarker.tar", unfinished)).reason()).isEqualTo(Reason.TRUNCATED);
        byte[] xz = SyntheticImages.xz(tar);
        assertThat(refusedOnList(write("cut.tar.xz", Arrays.copyOf(xz, xz.length - 10))).reason()).isEqualTo(Reason.TRUNCATED);
    }

    @Test
    void corruptTarHeaderIsRefused() throws IOException {
        byte[] tar = tar(file("a.bin", "a"), file("b.bin", "b"));
        tar[512 * 2 + 150] ^= 0x55;
        assertThat(refusedOnList(write("bad.tar", tar)).reason()).isIn(Reason.CORRUPT, Reason.TRUNCATED);
    }

    @Test
    void streamingFromAnInputStreamAppliesTheSameChecks() {
        byte[] bad = SyntheticImages.gzip(tar(file("../x", "x")));

        assertThatThrownBy(() -> SafeArchive.stream(new java.io.ByteArrayInputStream(bad), ArchiveLimits.DEFAULT, (e, in) -> { }))
                .isInstanceOf(UnsafeArchiveException.class)
                .extracting(t -> ((UnsafeArchiveException) t).reason()).isEqualTo(Reason.PATH_TRAVERSAL);
    }

    static byte[] bombTar(int zeros) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gz = new java.util.zip.GZIPOutputStream(bytes) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }; TarArchiveOutputStream t = new TarArchiveOutputStream(gz)) {
            TarArchiveEntry e = new TarArchiveEntry("zeros.img");
            e.setSize(zeros);
            t.putArchiveEntry(e);
            byte[] chunk = new byte[1 << 20];
            for (int i = 0; i < zeros / chunk.length; i++) {
                t.write(chunk);
            }
            t.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] cpio(String... nameAndContent) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CpioArchiveOutputStream c = new CpioArchiveOutputStream(bytes)) {
            for (int i = 0; i < nameAndContent.length; i += 2) {
                byte[] data = nameAndContent[i + 1].getBytes(StandardCharsets.UTF_8);
                CpioArchiveEntry e = new CpioArchiveEntry(nameAndContent[i], data.length);
                e.setMode(CpioConstants.C_ISREG | 0644);
                c.putArchiveEntry(e);
                c.write(data);
                c.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
