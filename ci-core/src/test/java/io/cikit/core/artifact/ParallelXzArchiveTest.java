package io.cikit.core.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cikit.core.artifact.UnsafeArchiveException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/** Multi-block xz archives (as {@code xz -T} writes them) decoded on several threads give what one thread gives. */
class ParallelXzArchiveTest {
    @TempDir
    Path dir;

    /** xz with a new block every {@code blockBytes}, like {@code xz -T} output. */
    static byte[] multiBlockXz(byte[] data, int blockBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XZOutputStream xz = new XZOutputStream(out, new LZMA2Options(1))) {
            for (int off = 0; off < data.length; off += blockBytes) {
                xz.write(data, off, Math.min(blockBytes, data.length - off));
                xz.endBlock();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] deployTar() {
        List<Object> entries = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            entries.add("images/file" + i + ".bin");
            entries.add(SyntheticImages.filler(50_000 + i * 1000, i));
        }
        return SyntheticImages.tar(entries.toArray());
    }

    private static List<String> digests(SafeArchive a) {
        List<String> out = new ArrayList<>();
        a.forEach((e, in) -> {
            try {
                out.add(e.name() + "=" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes())));
            } catch (java.security.NoSuchAlgorithmException x) {
                throw new IllegalStateException(x);
            }
        });
        return out;
    }

    @Test
    void parallelDecodingYieldsTheSameEntriesAndBytes() throws IOException {
        Path p = dir.resolve("deploy.tar.xz");
        Files.write(p, multiBlockXz(deployTar(), 300_000));

        List<String> one = digests(SafeArchive.open(p, ArchiveLimits.DEFAULT.withDecoderThreads(1)));
        List<String> four = digests(SafeArchive.open(p, ArchiveLimits.DEFAULT.withDecoderThreads(4)));

        assertThat(one).hasSize(40);
        assertThat(four).isEqualTo(one);
        try (Stream<Path> spools = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertThat(spools.filter(f -> f.getFileName().toString().startsWith("cikit-xz-block-"))).isEmpty();
        }
    }

    @Test
    void corruptBlockIsReportedWhenParallel() throws IOException {
        byte[] xz = multiBlockXz(deployTar(), 300_000);
        xz[xz.length / 2] ^= 0x40;
        Path p = dir.resolve("bad.tar.xz");
        Files.write(p, xz);

        assertThatThrownBy(() -> SafeArchive.open(p, ArchiveLimits.DEFAULT.withDecoderThreads(2)).list())
                .isInstanceOfSatisfying(UnsafeArchiveException.class,
                        e -> assertThat(e.reason()).isIn(Reason.CORRUPT, Reason.TRUNCATED));
    }

    @Test
    void bombInAMultiBlockArchiveIsStopped() throws IOException {
        byte[] tar = SyntheticImages.tar("zeros.img", new byte[48 << 20]);
        Path p = dir.resolve("bomb.tar.xz");
        Files.write(p, multiBlockXz(tar, 4 << 20));

        assertThatThrownBy(() -> SafeArchive.open(p, ArchiveLimits.DEFAULT.withDecoderThreads(2)).list())
                .isInstanceOfSatisfying(UnsafeArchiveException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.RATIO_EXCEEDED));
    }

    @Test
    void declaredTotalAboveTheLimitIsRefusedFromTheIndex() throws IOException {
        Path p = dir.resolve("big.tar.xz");
        Files.write(p, multiBlockXz(deployTar(), 300_000));

        assertThatThrownBy(() -> SafeArchive.open(p, ArchiveLimits.DEFAULT.withDecoderThreads(2).withMaxTotalBytes(1_000_000)).list())
                .isInstanceOfSatisfying(UnsafeArchiveException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
    }
}
