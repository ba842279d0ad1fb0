package io.cikit.core.artifact.internal;

import io.cikit.core.artifact.Arch;
import io.cikit.core.artifact.ArtifactKind;
import io.cikit.core.artifact.ArtifactReport;
import io.cikit.core.artifact.Compression;
import io.cikit.core.artifact.ImageFormat;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.zip.CRC32;

/**
 * U-Boot legacy images: a 64-byte big-endian header whose own CRC32 is checked, then the data, whose CRC32 is
 * checked as it streams past. A header or data CRC that does not match makes the artifact unknown.
 */
final class UImageReader {
    private static final long MAGIC = 0x27051956L;
    private static final int HEADER = 64;

    private UImageReader() {
    }

    static boolean matches(byte[] h, int n) {
        return Bytes.has(n, 0, 4) && Bytes.u32be(h, 0) == MAGIC;
    }

    static void read(Inspection ctx, ForwardInput in, ArtifactReport.Builder b, int depth) throws IOException {
        byte[] h = in.head();
        int n = in.headLen();
        if (n < HEADER) {
            b.unknown("truncated uImage header: " + n + " of 64 bytes");
            return;
        }
        long stored = Bytes.u32be(h, 4);
        CRC32 crc = new CRC32();
        crc.update(h, 0, 4);
        crc.update(new byte[4]);
        crc.update(h, 8, HEADER - 8);
        if (crc.getValue() != stored) {
            b.unknown(String.format("uImage header CRC mismatch: stored 0x%08x, computed 0x%08x", stored, crc.getValue()));
            return;
        }
        long time = Bytes.u32be(h, 8);
        long size = Bytes.u32be(h, 12);
        long load = Bytes.u32be(h, 16);
        long entry = Bytes.u32be(h, 20);
        long dataCrc = Bytes.u32be(h, 24);
        int os = Bytes.u8(h, 28);
        int arch = Bytes.u8(h, 29);
        int type = Bytes.u8(h, 30);
        int comp = Bytes.u8(h, 31);
        String name = Bytes.paddedAscii(h, 32, 32);
        Compression compression = compression(comp);
        b.format(ImageFormat.UIMAGE).kind(kind(type)).arch(arch(arch)).payloadCompression(compression)
                .detail("name", name == null ? "" : name)
                .detail("os", osName(os)).detail("archCode", Integer.toString(arch)).detail("type", typeName(type))
                .detail("compression", compression == Compression.UNKNOWN ? "code " + comp : compression.wireName())
                .detail("loadAddress", String.format("0x%08x", load)).detail("entryPoint", String.format("0x%08x", entry))
                .detail("dataSize", Long.toString(size)).detail("created", Instant.ofEpochSecond(time).toString());
        ctx.expectSize(depth, HEADER + size, "uImage");
        CRC32 data = new CRC32();
        long[] seen = {0};
        InputStream payload = new ChunkStream(Streams.limit(in.from(HEADER), size)) {
            @Override
            void seen(byte[] buf, int off, int n) {
                data.update(buf, off, n);
                seen[0] += n;
            }
        };
        boolean nested = (type == 2 || type == 14 || type == 8) && compression != Compression.UNKNOWN
                && compression != Compression.LZO;
        if (nested) {
            ArtifactReport.Builder inner = ctx.payload(compression, Streams.unclosable(payload), b.build().path(), depth);
            if (type == 8) {
                b.compatible(inner.compatible()).model(inner.model().orElse(null));
            } else {
                // the header's arch stands; an arch it leaves open (RISC-V's word size) comes from the payload
                Inspection.mergeKernelFacts(b, inner);
            }
        }
        Streams.drain(payload);
        if (seen[0] < size) {
            b.unknown("truncated uImage data: " + seen[0] + " of " + size + " bytes");
        } else if (data.getValue() != dataCrc) {
            b.unknown(String.format("uImage data CRC mismatch: stored 0x%08x, computed 0x%08x", dataCrc, data.getValue()));
        }
    }

    private static ArtifactKind kind(int type) {
        return switch (type) {
            case 2, 4, 14 -> ArtifactKind.KERNEL_IMAGE;
            case 3, 7 -> ArtifactKind.ROOTFS;
            case 5 -> ArtifactKind.BOOTLOADER;
            case 8 -> ArtifactKind.DTB;
            default -> ArtifactKind.UNKNOWN;
        };
    }

    /** U-Boot {@code IH_ARCH_*}; RISC-V says nothing of the word size, so it stays unknown unless the payload tells. */
    private static Arch arch(int code) {
        return switch (code) {
            case 2 -> Arch.ARM;
            case 3 -> Arch.I386;
            case 5 -> Arch.MIPS;
            case 6 -> Arch.MIPS64;
            case 7 -> Arch.POWERPC;
            case 8 -> Arch.S390;
            case 22 -> Arch.ARM64;
            case 23 -> Arch.ARC;
            case 24 -> Arch.X86_64;
            default -> Arch.UNKNOWN;
        };
    }

    private static Compression compression(int code) {
        return switch (code) {
            case 0 -> Compression.NONE;
            case 1 -> Compression.GZIP;
            case 2 -> Compression.BZIP2;
            case 3 -> Compression.LZMA;
            case 4 -> Compression.LZO;
            case 5 -> Compression.LZ4;
            case 6 -> Compression.ZSTD;
            default -> Compression.UNKNOWN;
        };
    }

    private static String osName(int code) {
        return switch (code) {
            case 5 -> "linux";
            case 17 -> "u-boot";
            case 18 -> "qnx";
            case 22 -> "efi";
            case 24 -> "tee";
            case 25 -> "opensbi";
            case 26 -> "arm-trusted-firmware";
            default -> "code " + code;
        };
    }

    private static String typeName(int code) {
        return switch (code) {
            case 1 -> "standalone";
            case 2 -> "kernel";
            case 3 -> "ramdisk";
            case 4 -> "multi";
            case 5 -> "firmware";
            case 6 -> "script";
            case 7 -> "filesystem";
            case 8 -> "flat_dt";
            case 14 -> "kernel_noload";
            default -> "code " + code;
        };
    }
}
