package io.cikit.core.artifact.internal;

import io.cikit.core.artifact.ArtifactKind;
import io.cikit.core.artifact.ArtifactReport;
import io.cikit.core.artifact.ImageFormat;
import java.io.IOException;

/**
 * Root file system and disk images by their superblocks: ext2/3/4 ({@code 0xEF53} at 1080), squashfs
 * ({@code hsqs}), and partitioned disk images (GPT, or an MBR with a plausible partition table) as {@code wic} and
 * {@code sdcard} images are.
 */
final class FilesystemReader {
    private static final int EXT_MAGIC_AT = 0x438;

    private FilesystemReader() {
    }

    static boolean matches(byte[] h, int n) {
        return isExt(h, n) || isSquashfs(h, n) || isDiskImage(h, n);
    }

    private static boolean isExt(byte[] h, int n) {
        return Bytes.has(n, 0x400, 0x100) && Bytes.u16le(h, EXT_MAGIC_AT) == 0xEF53;
    }

    private static boolean isSquashfs(byte[] h, int n) {
        return Bytes.has(n, 0, 96) && (Bytes.at(h, n, 0, "hsqs") || Bytes.at(h, n, 0, "sqsh"));
    }

    private static boolean isDiskImage(byte[] h, int n) {
        if (!Bytes.has(n, 0, 512) || Bytes.u16le(h, 0x1FE) != 0xAA55) {
            return false;
        }
        return Bytes.at(h, n, 512, "EFI PART") || mbrPartitions(h) > 0;
    }

    /** Partitions in a classic MBR table, or 0 when the table does not look like one. */
    private static int mbrPartitions(byte[] h) {
        int used = 0;
        for (int i = 0; i < 4; i++) {
            int e = 0x1BE + i * 16;
            int status = Bytes.u8(h, e);
            int type = Bytes.u8(h, e + 4);
            long start = Bytes.u32le(h, e + 8);
            long sectors = Bytes.u32le(h, e + 12);
            if (status != 0 && status != 0x80) {
                return 0;
            }
            if (type == 0) {
                if (start != 0 || sectors != 0) {
                    return 0;
                }
                continue;
            }
            if (start == 0 || sectors == 0) {
                return 0;
            }
            used++;
        }
        return used;
    }

    static void read(Inspection ctx, ForwardInput in, ArtifactReport.Builder b, int depth) throws IOException {
        byte[] h = in.head();
        int n = in.headLen();
        if (isExt(h, n)) {
            long compat = Bytes.u32le(h, 0x45C);
            long incompat = Bytes.u32le(h, 0x460);
            String fs = (incompat & (0x40 | 0x80 | 0x200)) != 0 ? "ext4" : (compat & 0x4) != 0 ? "ext3" : "ext2";
            long blocks = Bytes.u32le(h, 0x404);
            long logBlock = Bytes.u32le(h, 0x418);
            b.kind(ArtifactKind.ROOTFS).format(ImageFormat.EXTFS).detail("filesystem", fs);
            String label = Bytes.paddedAscii(h, 0x478, 16);
            if (label != null && !label.isEmpty()) {
                b.detail("label", label);
            }
            if (logBlock <= 6) {
                long bytes = blocks * (1024L << logBlock);
                b.detail("filesystemBytes", Long.toString(bytes));
                ctx.expectSize(depth, bytes, fs + " image");
            }
        } else if (isSquashfs(h, n)) {
            boolean little = Bytes.at(h, n, 0, "hsqs");
            int major = little ? Bytes.u16le(h, 28) : Bytes.u16be(h, 28);
            long used = little ? Bytes.u64le(h, 40) : Bytes.u64be(h, 40);
            int comp = little ? Bytes.u16le(h, 20) : Bytes.u16be(h, 20);
            b.kind(ArtifactKind.ROOTFS).format(ImageFormat.SQUASHFS).detail("squashfsVersion", Integer.toString(major))
                    .detail("squashfsCompression", switch (comp) {
                        case 1 -> "gzip";
                        case 2 -> "lzma";
                        case 3 -> "lzo";
                        case 4 -> "xz";
                        case 5 -> "lz4";
                        case 6 -> "zstd";
                        default -> "code " + comp;
                    });
            if (used > 0 && used < (1L << 44)) {
                ctx.expectSize(depth, used, "squashfs image");
            }
        } else {
            boolean gpt = Bytes.at(h, n, 512, "EFI PART");
            b.kind(ArtifactKind.ROOTFS).format(ImageFormat.DISK_IMAGE).detail("partitionTable", gpt ? "gpt" : "mbr");
            if (!gpt) {
                b.detail("partitions", Integer.toString(mbrPartitions(h)));
            }
        }
    }
}
