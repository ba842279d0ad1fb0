package io.cikit.core.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The inspector's promises over arbitrary bytes: it never throws, and it never claims a kind or format whose
 * magic bytes are not where the format puts them.
 */
class ArtifactInspectorPropertyTest {
    private static final ArtifactInspector INSPECTOR = new ArtifactInspector(
            InspectionLimits.DEFAULT.withDecompressedBudget(4L * 1024 * 1024));

    /** Magic bytes and where they go. */
    record Magic(String name, int offset, byte[] bytes) {
    }

    private static final List<Magic> MAGICS = List.of(
            new Magic("gzip", 0, new byte[] {0x1F, (byte) 0x8B, 0x08}),
            new Magic("xz", 0, new byte[] {(byte) 0xFD, '7', 'z', 'X', 'Z', 0}),
            new Magic("zstd", 0, new byte[] {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD}),
            new Magic("bzip2", 0, "BZh91AY&SY".getBytes(StandardCharsets.US_ASCII)),
            new Magic("lz4-legacy", 0, new byte[] {0x02, 0x21, 0x4C, 0x18}),
            new Magic("lz4-frame", 0, new byte[] {0x04, 0x22, 0x4D, 0x18}),
            new Magic("lzma", 0, new byte[] {0x5D, 0, 0, (byte) 0x80, 0, -1, -1, -1, -1, -1, -1, -1, -1}),
            new Magic("uImage", 0, new byte[] {0x27, 0x05, 0x19, 0x56}),
            new Magic("fdt", 0, new byte[] {(byte) 0xD0, 0x0D, (byte) 0xFE, (byte) 0xED}),
            new Magic("elf", 0, new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1}),
            new Magic("zboot", 0, new byte[] {'M', 'Z', 0, 0, 'z', 'i', 'm', 'g'}),
            new Magic("bzImage", 0x1FE, new byte[] {0x55, (byte) 0xAA, 0, 0, 'H', 'd', 'r', 'S', 0x0F, 0x02}),
            new Magic("arm64", 0x38, new byte[] {'A', 'R', 'M', 0x64}),
            new Magic("riscv", 0x38, new byte[] {'R', 'S', 'C', 0x05}),
            new Magic("zImage-le", 0x24, new byte[] {0x18, 0x28, 0x6F, 0x01}),
            new Magic("zImage-be", 0x24, new byte[] {0x01, 0x6F, 0x28, 0x18}),
            new Magic("tar", 257, "ustar".getBytes(StandardCharsets.US_ASCII)),
            new Magic("cpio", 0, "070701".getBytes(StandardCharsets.US_ASCII)),
            new Magic("zip", 0, new byte[] {'P', 'K', 3, 4}),
            new Magic("ext", 0x438, new byte[] {0x53, (byte) 0xEF}),
            new Magic("squashfs", 0, "hsqs".getBytes(StandardCharsets.US_ASCII)),
            new Magic("mbr", 0x1FE, new byte[] {0x55, (byte) 0xAA}));

    @Property(tries = 500)
    void randomBytesNeverThrowAndClaimNothingUnfounded(@ForAll @Size(max = 3000) byte[] bytes) {
        ArtifactReport r = INSPECTOR.inspect(bytes, "random");

        assertThat(r.sizeBytes()).isEqualTo(bytes.length);
        assertClaimsAreFounded(r, bytes);
    }

    @Property(tries = 600)
    void plantedMagicNeverThrowsAndClaimsOnlyWhatIsThere(@ForAll("planted") byte[] bytes) {
        assertClaimsAreFounded(INSPECTOR.inspect(bytes, "planted"), bytes);
    }

    @Property(tries = 300)
    void truncatedImagesAreTheRightFormatOrUnknownNeverAnotherAnswer(@ForAll("validImage") Valid image,
            @ForAll @IntRange(min = 0, max = 1000) int permille) {
        int cut = (int) ((long) image.bytes().length * permille / 1000);
        ArtifactReport r = INSPECTOR.inspect(Arrays.copyOf(image.bytes(), cut), "cut");

        assertThat(r.format()).isIn(image.format(), ImageFormat.UNKNOWN);
        assertThat(r.kind()).isIn(image.kind(), ArtifactKind.UNKNOWN);
        r.version().ifPresent(v -> assertThat(v).isEqualTo(image.version()));
        assertClaimsAreFounded(r, Arrays.copyOf(image.bytes(), cut));
    }

    @Property(tries = 400)
    void corruptHeadersNeverThrowAndClaimOnlyWhatIsThere(@ForAll("validImage") Valid image,
            @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 0, max = 1023) Integer> positions,
            @ForAll byte value) {
        byte[] bytes = image.bytes().clone();
        for (int p : positions) {
            if (p < bytes.length) {
                bytes[p] ^= value == 0 ? 1 : value;
            }
        }
        ArtifactReport r = INSPECTOR.inspect(bytes, "corrupt");

        assertClaimsAreFounded(r, bytes);
        // text has no checksum: a flipped digit in a .config header is a different, valid header
        if (r.kind() != ArtifactKind.UNKNOWN && r.format() == image.format() && r.format() != ImageFormat.KERNEL_CONFIG) {
            r.version().ifPresent(v -> assertThat(v).isEqualTo(image.version()));
        }
    }

    record Valid(String name, byte[] bytes, ArtifactKind kind, ImageFormat format, String version) {
    }

    @Provide
    Arbitrary<Valid> validImage() {
        String v = "6.1.0-56-amd64";
        byte[] small = SyntheticImages.body(20_000, 15_000, v);
        return Arbitraries.of(
                new Valid("bzImage", SyntheticImages.bzImage(v, true, Compression.GZIP, true), ArtifactKind.KERNEL_IMAGE, ImageFormat.BZIMAGE, v),
                new Valid("arm64", SyntheticImages.arm64Image(false, 1, false, small), ArtifactKind.KERNEL_IMAGE, ImageFormat.ARM64_IMAGE, v),
                new Valid("arm64.gz", SyntheticImages.gzip(SyntheticImages.arm64Image(true, 2, false, small)), ArtifactKind.KERNEL_IMAGE, ImageFormat.ARM64_IMAGE, v),
                new Valid("riscv", SyntheticImages.riscvImage(0x200000, false, small), ArtifactKind.KERNEL_IMAGE, ImageFormat.RISCV_IMAGE, v),
                new Valid("zImage", SyntheticImages.zImage(true, Compression.XZ, v), ArtifactKind.KERNEL_IMAGE, ImageFormat.ZIMAGE, v),
                new Valid("uImage", SyntheticImages.uImage(5, 22, 2, 0, "Linux", SyntheticImages.arm64Image(false, 1, false, small)), ArtifactKind.KERNEL_IMAGE, ImageFormat.UIMAGE, v),
                new Valid("dtb", SyntheticImages.dtb("Board", "vendor,board"), ArtifactKind.DTB, ImageFormat.DTB, ""),
                new Valid("fit", SyntheticImages.fit(SyntheticImages.gzip(SyntheticImages.arm64Image(false, 1, false, small)), "gzip", "arm64", SyntheticImages.dtb("B", "v,b")), ArtifactKind.FIT, ImageFormat.FIT, v),
                new Valid("elf", SyntheticImages.elf(62, true, false, 2, small), ArtifactKind.KERNEL_IMAGE, ImageFormat.ELF, v),
                new Valid("zboot", SyntheticImages.efiZboot(0xAA64, "gzip", SyntheticImages.gzip(SyntheticImages.arm64Image(false, 1, true, small))), ArtifactKind.KERNEL_IMAGE, ImageFormat.EFI_ZBOOT, v),
                new Valid("config", SyntheticImages.ascii("# Linux/arm64 6.1.0 Kernel Configuration\nCONFIG_ARM64=y\nCONFIG_SMP=y\n"), ArtifactKind.KERNEL_CONFIG, ImageFormat.KERNEL_CONFIG, "6.1.0"));
    }

    @Provide
    Arbitrary<byte[]> planted() {
        Arbitrary<Magic> magic = Arbitraries.of(MAGICS);
        Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(4000);
        return Combinators.combine(magic, noise).as((m, n) -> {
            byte[] b = Arrays.copyOf(n, Math.max(n.length, m.offset() + m.bytes().length));
            System.arraycopy(m.bytes(), 0, b, m.offset(), m.bytes().length);
            return b;
        });
    }

    /** Whatever the report claims, the bytes carry the corresponding magic. */
    static void assertClaimsAreFounded(ArtifactReport r, byte[] b) {
        if (r.compression() != Compression.NONE) {
            assertThat(compressionMagicAt0(r.compression(), b)).as("%s magic for %s", r.compression(), r).isTrue();
            return;
        }
        switch (r.format()) {
            case BZIMAGE -> assertThat(at(b, 0x1FE, 0x55, 0xAA) && at(b, 0x202, 'H', 'd', 'r', 'S')).isTrue();
            case ARM64_IMAGE -> assertThat(at(b, 0x38, 'A', 'R', 'M', 0x64)).isTrue();
            case RISCV_IMAGE -> assertThat(at(b, 0x38, 'R', 'S', 'C', 0x05)).isTrue();
            case ZIMAGE -> assertThat(at(b, 0x24, 0x18, 0x28, 0x6F, 0x01) || at(b, 0x24, 0x01, 0x6F, 0x28, 0x18)).isTrue();
            case UIMAGE -> assertThat(at(b, 0, 0x27, 0x05, 0x19, 0x56)).isTrue();
            case FIT, DTB -> assertThat(at(b, 0, 0xD0, 0x0D, 0xFE, 0xED) || at(b, 257, 'u', 's', 't', 'a', 'r')).isTrue();
            case ELF -> assertThat(at(b, 0, 0x7F, 'E', 'L', 'F')).isTrue();
            case EFI_ZBOOT -> assertThat(at(b, 0, 'M', 'Z') && at(b, 4, 'z', 'i', 'm', 'g')).isTrue();
            case PE -> assertThat(at(b, 0, 'M', 'Z')).isTrue();
            case TAR -> assertThat(at(b, 257, 'u', 's', 't', 'a', 'r')).isTrue();
            case ZIP -> assertThat(at(b, 0, 'P', 'K')).isTrue();
            case EXTFS -> assertThat(at(b, 0x438, 0x53, 0xEF)).isTrue();
            case SQUASHFS -> assertThat(at(b, 0, 'h', 's', 'q', 's') || at(b, 0, 's', 'q', 's', 'h')).isTrue();
            case DISK_IMAGE -> assertThat(at(b, 0x1FE, 0x55, 0xAA)).isTrue();
            case KERNEL_CONFIG -> assertThat(text(b)).contains("CONFIG_");
            case UNKNOWN -> {
                if (r.kind() == ArtifactKind.KERNEL_IMAGE) {
                    assertThat(text(b)).contains("Linux version ");
                } else {
                    assertThat(r.kind()).isEqualTo(ArtifactKind.UNKNOWN);
                }
            }
            default -> {
                // text formats (System.map, manifests, JSON) cannot occur in binary noise; nothing to check
            }
        }
        if (r.kind() == ArtifactKind.KERNEL_IMAGE) {
            assertThat(r.format()).isNotIn(ImageFormat.DTB, ImageFormat.TAR, ImageFormat.KERNEL_CONFIG, ImageFormat.EXTFS);
        }
        if (r.kind() == ArtifactKind.UNKNOWN && r.format() == ImageFormat.UNKNOWN) {
            assertThat(r.reason()).isPresent();
            assertThat(r.version()).isEmpty();
            assertThat(r.arch()).isEqualTo(Arch.UNKNOWN);
        }
    }

    private static boolean compressionMagicAt0(Compression c, byte[] b) {
        return switch (c) {
            case GZIP -> at(b, 0, 0x1F, 0x8B);
            case XZ -> at(b, 0, 0xFD, '7', 'z', 'X', 'Z', 0);
            case ZSTD -> at(b, 0, 0x28, 0xB5, 0x2F, 0xFD);
            case BZIP2 -> at(b, 0, 'B', 'Z', 'h');
            case LZ4 -> at(b, 0, 0x02, 0x21, 0x4C, 0x18) || at(b, 0, 0x04, 0x22, 0x4D, 0x18);
            case LZMA -> at(b, 0, 0x5D);
            case LZO -> at(b, 0, 0x89, 'L', 'Z', 'O');
            default -> false;
        };
    }

    private static boolean at(byte[] b, int off, int... magic) {
        if (off + magic.length > b.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((b[off + i] & 0xFF) != (magic[i] & 0xFF)) {
                return false;
            }
        }
        return true;
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
