package io.cikit.core.artifact.internal;

import io.cikit.core.artifact.Arch;
import io.cikit.core.artifact.ArtifactKind;
import io.cikit.core.artifact.ArtifactReport;
import io.cikit.core.artifact.Compression;
import io.cikit.core.artifact.Endianness;
import io.cikit.core.artifact.ImageFormat;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Kernel image headers (REFERENCE §5): x86 bzImage, arm64 and RISC-V Image, 32-bit ARM zImage, EFI zboot and
 * plain PE/EFI executables.
 */
final class KernelHeaders {
    private static final byte[] HDRS = Bytes.ascii("HdrS");
    private static final byte[] ARM64_MAGIC = {'A', 'R', 'M', 0x64};
    private static final byte[] RISCV_MAGIC2 = {'R', 'S', 'C', 0x05};
    private static final byte[] ZIMG = Bytes.ascii("zimg");
    private static final long ZIMAGE_MAGIC = 0x016F2818L;
    private static final int MAX_PAYLOAD_TRIALS = 16;

    private KernelHeaders() {
    }

    // ---- x86 bzImage ----

    static boolean isBzImage(byte[] h, int n) {
        return Bytes.has(n, 0x1FE, 8) && Bytes.u16le(h, 0x1FE) == 0xAA55 && Bytes.at(h, n, 0x202, HDRS);
    }

    static void readBzImage(Inspection ctx, ForwardInput in, ArtifactReport.Builder b, int depth) throws IOException {
        byte[] h = in.head();
        int n = in.headLen();
        if (!Bytes.has(n, 0x1F1, 0x60)) {
            b.unknown("truncated bzImage header");
            return;
        }
        int protocol = Bytes.u16le(h, 0x206);
        if (protocol < 0x200 || protocol > 0x2FF) {
            b.unknown("bzImage header with an implausible boot protocol version 0x" + Integer.toHexString(protocol));
            return;
        }
        int setupSects = Bytes.u8(h, 0x1F1) == 0 ? 4 : Bytes.u8(h, 0x1F1);
        long setupSize = (setupSects + 1L) * 512;
        b.kind(ArtifactKind.KERNEL_IMAGE).format(ImageFormat.BZIMAGE).endianness(Endianness.LITTLE)
                .detail("bootProtocol", (protocol >> 8) + "." + String.format("%02d", protocol & 0xFF))
                .detail("setupBytes", Long.toString(setupSize));
        if (protocol >= 0x204) {
            long syssize = Bytes.u32le(h, 0x1F4);
            if (syssize > 0) {
                ctx.expectSize(depth, setupSize + syssize * 16, "bzImage");
            }
        }
        if (protocol >= 0x20C) {
            b.arch((Bytes.u16le(h, 0x236) & 1) != 0 ? Arch.X86_64 : Arch.I386);
        }
        int kernelVersion = Bytes.u16le(h, 0x20E);
        if (kernelVersion != 0 && kernelVersion + 0x200L < setupSize) {
            String s = Bytes.cstring(h, n, kernelVersion + 0x200, 256);
            if (s != null) {
                String release = s.split(" ", 2)[0];
                if (BannerScanner.isRelease(release)) {
                    b.version(release).detail("versionString", s);
                }
            }
        }
        if (protocol < 0x208) {
            return;
        }
        long payloadAt = setupSize + Bytes.u32le(h, 0x248);
        long payloadLength = Bytes.u32le(h, 0x24C);
        if (payloadAt + 16 <= n) {
            b.payloadCompression(Decoders.sniffPayload(h, n, (int) payloadAt));
        }
        if (b.version().isPresent() && b.arch() != Arch.UNKNOWN || payloadLength == 0) {
            return;
        }
        // no usable version string in the header: decompress the payload (vmlinux.bin, an ELF) for the banner
        InputStream raw = Streams.limit(in.from(payloadAt), payloadLength);
        byte[] magic = new byte[16];
        BufferedPeek peek = BufferedPeek.of(raw, magic);
        Compression c = Decoders.sniffPayload(magic, peek.length(), 0);
        b.payloadCompression(c);
        if (c == Compression.NONE) {
            return;
        }
        ArtifactReport.Builder inner = ctx.payload(c, peek.stream(), b.build().path(), depth);
        Inspection.mergeKernelFacts(b, inner);
    }

    // ---- arm64 and RISC-V Image ----

    static boolean isArmStyleImage(byte[] h, int n) {
        return Bytes.at(h, n, 0x38, ARM64_MAGIC) || Bytes.at(h, n, 0x38, RISCV_MAGIC2);
    }

    static void readArmStyleImage(Inspection ctx, ForwardInput in, ArtifactReport.Builder b) throws IOException {
        byte[] h = in.head();
        int n = in.headLen();
        long textOffset = Bytes.u64le(h, 0x08);
        long imageSize = Bytes.u64le(h, 0x10);
        long flags = Bytes.u64le(h, 0x18);
        boolean efiStub = h[0] == 'M' && h[1] == 'Z';
        b.kind(ArtifactKind.KERNEL_IMAGE).detail("textOffset", "0x" + Long.toHexString(textOffset))
                .detail("imageSize", Long.toUnsignedString(imageSize)).detail("efiStub", Boolean.toString(efiStub));
        if (Bytes.at(h, n, 0x38, ARM64_MAGIC)) {
            b.format(ImageFormat.ARM64_IMAGE).arch(Arch.ARM64);
            if (imageSize == 0) {
                // before Linux 3.17 the flags field was not defined
                b.detail("legacyHeader", "true");
            } else {
                b.endianness((flags & 1) != 0 ? Endianness.BIG : Endianness.LITTLE);
                int page = (int) ((flags >>> 1) & 3);
                b.pageSize(page == 1 ? 4096 : page == 2 ? 16384 : page == 3 ? 65536 : 0);
            }
        } else {
            b.format(ImageFormat.RISCV_IMAGE);
            long version = Bytes.u32le(h, 0x20);
            b.detail("headerVersion", (version >>> 16) + "." + (version & 0xFFFF));
            b.endianness((flags & 1) != 0 ? Endianness.BIG : Endianness.LITTLE);
            Optional<Arch> pe = efiStub ? peMachine(h, n) : Optional.empty();
            if (pe.isPresent() && (pe.get() == Arch.RISCV64 || pe.get() == Arch.RISCV32)) {
                b.arch(pe.get());
            } else if (textOffset == 0x200000L) {
                // head.S: 64-bit kernels load 2 MiB above the start of RAM, 32-bit ones 4 MiB
                b.arch(Arch.RISCV64);
            } else if (textOffset == 0x400000L) {
                b.arch(Arch.RISCV32);
            }
        }
        ctx.findBanner(in.from(0), b);
    }

    // ---- 32-bit ARM zImage ----

    static boolean isZImage(byte[] h, int n) {
        return Bytes.has(n, 0x24, 12) && (Bytes.u32le(h, 0x24) == ZIMAGE_MAGIC || Bytes.u32be(h, 0x24) == ZIMAGE_MAGIC);
    }

    static void readZImage(Inspection ctx, ForwardInput in, ArtifactReport.Builder b, int depth) throws IOException {
        byte[] h = in.head();
        int n = in.headLen();
        boolean little = Bytes.u32le(h, 0x24) == ZIMAGE_MAGIC;
        long start = little ? Bytes.u32le(h, 0x28) : Bytes.u32be(h, 0x28);
        long end = little ? Bytes.u32le(h, 0x2C) : Bytes.u32be(h, 0x2C);
        if (end <= start || end - start > 256L * 1024 * 1024) {
            b.unknown("zImage header with an implausible size (start 0x" + Long.toHexString(start) + ", end 0x"
                    + Long.toHexString(end) + ")");
            return;
        }
        b.kind(ArtifactKind.KERNEL_IMAGE).format(ImageFormat.ZIMAGE).arch(Arch.ARM)
                .endianness(little ? Endianness.LITTLE : Endianness.BIG)
                .detail("zImageBytes", Long.toString(end - start));
        if (Bytes.has(n, 0x30, 4)) {
            long flag = little ? Bytes.u32le(h, 0x30) : Bytes.u32be(h, 0x30);
            b.detail("endiannessFlag", Boolean.toString(flag == 0x04030201L));
        }
        ctx.expectSize(depth, end - start, "zImage");
        for (int off = 0x30, trials = 0; off < n - 16 && trials < MAX_PAYLOAD_TRIALS; off++) {
            Compression c = Decoders.sniffPayload(h, n, off);
            if (c == Compression.NONE || c == Compression.LZO) {
                continue;
            }
            trials++;
            if (!decodesCleanly(ctx, c, h, off, n)) {
                continue;
            }
            b.payloadCompression(c).detail("payloadOffset", Integer.toString(off));
            ArtifactReport.Builder inner = ctx.payload(c, in.from(off), b.build().path(), depth);
            Inspection.mergeKernelFacts(b, inner);
            return;
        }
    }

    /** Trial decompression of the bytes in the head from {@code off}: a real payload decodes until the head ends. */
    private static boolean decodesCleanly(Inspection ctx, Compression c, byte[] h, int off, int n) {
        int want = Math.min(64 * 1024, (n - off) * 2);
        try (InputStream d = Decoders.open(c, new ByteArrayInputStream(h, off, n - off), ctx.limits.decoderMemoryBytes())) {
            byte[] buf = new byte[16 * 1024];
            int total = 0;
            int r;
            while (total < want && (r = d.read(buf)) >= 0) {
                total += r;
            }
            return total > 0;
        } catch (IOException e) {
            // a payload cut off by the end of the head is fine as long as some output came first
            return e instanceof java.io.EOFException && n - off > 1024;
        }
    }

    // ---- EFI zboot and PE ----

    static boolean isEfiZboot(byte[] h, int n) {
        return Bytes.at(h, n, 4, ZIMG) && Bytes.has(n, 0, 0x40);
    }

    static void readEfiZboot(Inspection ctx, ForwardInput in, ArtifactReport.Builder b, int depth) throws IOException {
        byte[] h = in.head();
        int n = in.headLen();
        long payloadAt = Bytes.u32le(h, 0x08);
        long payloadSize = Bytes.u32le(h, 0x0C);
        String compName = Bytes.paddedAscii(h, 0x18, 0x3C - 0x18);
        if (compName == null || payloadAt < 0x40 || payloadSize == 0) {
            b.unknown("EFI zboot header with a bad payload description");
            return;
        }
        b.kind(ArtifactKind.KERNEL_IMAGE).format(ImageFormat.EFI_ZBOOT)
                .payloadCompression(Compression.fromName(compName)).detail("zbootCompression", compName);
        peMachine(h, n).ifPresent(b::arch);
        ctx.expectSize(depth, payloadAt + payloadSize, "EFI zboot image");
        InputStream raw = Streams.limit(in.from(payloadAt), payloadSize);
        byte[] magic = new byte[16];
        BufferedPeek peek = BufferedPeek.of(raw, magic);
        Compression c = Decoders.sniffPayload(magic, peek.length(), 0);
        if (c == Compression.NONE) {
            c = Compression.fromName(compName);
        }
        if (c == Compression.NONE || c == Compression.UNKNOWN || c == Compression.LZO) {
            return;
        }
        ArtifactReport.Builder inner = ctx.payload(c, peek.stream(), b.build().path(), depth);
        Inspection.mergeKernelFacts(b, inner);
    }

    /** The architecture a PE header's machine field names, when {@code h} holds an MZ/PE header. */
    static Optional<Arch> peMachine(byte[] h, int n) {
        if (!Bytes.has(n, 0x3C, 4) || h[0] != 'M' || h[1] != 'Z') {
            return Optional.empty();
        }
        long pe = Bytes.u32le(h, 0x3C);
        if (!Bytes.has(n, pe, 6) || !Bytes.at(h, n, (int) pe, new byte[] {'P', 'E', 0, 0})) {
            return Optional.empty();
        }
        int machine = Bytes.u16le(h, (int) pe + 4);
        return Optional.of(switch (machine) {
            case 0x014C -> Arch.I386;
            case 0x8664 -> Arch.X86_64;
            case 0x01C0, 0x01C2, 0x01C4 -> Arch.ARM;
            case 0xAA64 -> Arch.ARM64;
            case 0x5032 -> Arch.RISCV32;
            case 0x5064 -> Arch.RISCV64;
            case 0x6264 -> Arch.LOONGARCH64;
            default -> Arch.UNKNOWN;
        });
    }

    /**
     * A PE/EFI executable that is not one of the kernel layouts above: a kernel when it carries the banner
     * (LoongArch's {@code vmlinux.efi}), otherwise an EFI program of no known kind.
     */
    static void readPe(Inspection ctx, ForwardInput in, ArtifactReport.Builder b) throws IOException {
        b.format(ImageFormat.PE).arch(peMachine(in.head(), in.headLen()).orElse(Arch.UNKNOWN));
        if (ctx.findBanner(in.from(0), b)) {
            b.kind(ArtifactKind.KERNEL_IMAGE);
        } else {
            b.reason("PE/EFI executable without a Linux version banner");
        }
    }
}
