package io.cikit.core.artifact;

import io.airlift.compress.zstd.ZstdOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import io.airlift.compress.lz4.Lz4Compressor;
import java.util.Arrays;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.LZMAOutputStream;
import org.tukaani.xz.XZOutputStream;

/**
 * Kernel and BSP artifacts built byte by byte from the layouts in REFERENCE §5, so tests need no real kernels.
 * Bodies are filler that compresses like code, with the version banner placed past the inspector's head.
 */
final class SyntheticImages {
    static final String RELEASE = "6.1.0-56-amd64";

    private SyntheticImages() {
    }

    static String banner(String release) {
        return "Linux version " + release + " (debian-kernel@lists.debian.org) (gcc-12 (Debian 12.2.0-14) 12.2.0, "
                + "GNU ld (GNU Binutils for Debian) 2.40) #1 SMP PREEMPT_DYNAMIC Debian 6.1.192-2 (2025-01-02)\n";
    }

    /** A kernel body of {@code size} bytes with the banner at {@code bannerAt} (NUL-terminated as in .rodata). */
    static byte[] body(int size, int bannerAt, String release) {
        byte[] b = filler(size, 7);
        byte[] text = (banner(release) + "\0").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, b, bannerAt, text.length);
        return b;
    }

    /** Filler bytes that look like code: binary, compressible 4-byte "instructions" drawn from a small set. */
    static byte[] filler(int size, long seed) {
        Random r = new Random(seed);
        int[] words = new int[64];
        for (int i = 0; i < words.length; i++) {
            words[i] = r.nextInt();
        }
        ByteBuffer b = ByteBuffer.allocate((size + 3) / 4 * 4);
        while (b.hasRemaining()) {
            b.putInt(words[r.nextInt(words.length)]);
        }
        byte[] out = new byte[size];
        System.arraycopy(b.array(), 0, out, 0, size);
        return out;
    }

    // ---- compression ----

    static byte[] gzip(byte[] data) {
        return write(data, GZIPOutputStream::new);
    }

    static byte[] xz(byte[] data) {
        return write(data, o -> new XZOutputStream(o, new LZMA2Options(1)));
    }

    static byte[] lzma(byte[] data) {
        return write(data, o -> new LZMAOutputStream(o, new LZMA2Options(1), -1));
    }

    static byte[] zstd(byte[] data) {
        return write(data, ZstdOutputStream::new);
    }

    static byte[] bzip2(byte[] data) {
        return write(data, BZip2CompressorOutputStream::new);
    }

    /** An LZ4 frame (independent blocks of at most 4 MiB, no checksums). */
    static byte[] lz4Frame(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(le32(0x184D2204));
        byte[] descriptor = {0x60, 0x70};
        out.writeBytes(descriptor);
        out.write((xxh32(descriptor) >>> 8) & 0xFF);
        for (int off = 0; off < data.length; off += 4 << 20) {
            byte[] block = lz4Block(data, off, Math.min(4 << 20, data.length - off));
            out.writeBytes(le32(block.length));
            out.writeBytes(block);
        }
        out.writeBytes(le32(0));
        return out.toByteArray();
    }

    /** XXH32 with seed 0 of fewer than 4 bytes: all the LZ4 frame descriptor checksum needs. */
    private static int xxh32(byte[] in) {
        final int p1 = 0x9E3779B1;
        final int p2 = 0x85EBCA77;
        final int p3 = 0xC2B2AE3D;
        final int p5 = 0x165667B1;
        int h = p5 + in.length;
        for (byte b : in) {
            h += (b & 0xFF) * p5;
            h = Integer.rotateLeft(h, 11) * p1;
        }
        h ^= h >>> 15;
        h *= p2;
        h ^= h >>> 13;
        h *= p3;
        h ^= h >>> 16;
        return h;
    }

    private static byte[] lz4Block(byte[] data, int off, int len) {
        // aircompressor's block compressor: Commons Compress's own is far too slow on repetitive input for tests
        Lz4Compressor c = new Lz4Compressor();
        byte[] out = new byte[c.maxCompressedLength(len)];
        int n = c.compress(data, off, len, out, 0, out.length);
        return Arrays.copyOf(out, n);
    }

    /** The legacy LZ4 format the kernel uses: magic, then blocks of at most 8 MiB each prefixed by their size. */
    static byte[] lz4Legacy(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(le32(0x184C2102));
        for (int off = 0; off < data.length; off += 8 << 20) {
            byte[] block = lz4Block(data, off, Math.min(8 << 20, data.length - off));
            out.writeBytes(le32(block.length));
            out.writeBytes(block);
        }
        out.writeBytes(le32(data.length));
        return out.toByteArray();
    }

    static byte[] compress(Compression c, byte[] data) {
        return switch (c) {
            case GZIP -> gzip(data);
            case XZ -> xz(data);
            case LZMA -> lzma(data);
            case ZSTD -> zstd(data);
            case BZIP2 -> bzip2(data);
            case LZ4 -> lz4Legacy(data);
            case NONE -> data;
            default -> throw new IllegalArgumentException(c.name());
        };
    }

    interface Wrapper {
        OutputStream wrap(OutputStream o) throws IOException;
    }

    static byte[] write(byte[] data, Wrapper w) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream o = w.wrap(bytes)) {
            o.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    // ---- kernel images ----

    /** arm64 Image: 64-byte header (all fields little-endian), then the body. */
    static byte[] arm64Image(boolean bigEndian, int pageCode, boolean efiStub, byte[] body) {
        ByteBuffer h = ByteBuffer.allocate(64 + body.length).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(efiStub ? 0x5A4D_A2FA : 0x1400_0010).putInt(0x1400_0000);
        h.putLong(0x80000).putLong(64L + body.length + 0x10000).putLong((bigEndian ? 1 : 0) | (long) pageCode << 1 | 1L << 3);
        h.putLong(0).putLong(0).putLong(0);
        h.put(new byte[] {'A', 'R', 'M', 0x64}).putInt(efiStub ? 0x40 : 0);
        h.put(body);
        byte[] out = h.array();
        if (efiStub) {
            out[0] = 'M';
            out[1] = 'Z';
            // e_lfanew at 0x3C is the reserved word after the magic: point it at a PE header in the body
            ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putInt(0x3C, 0x40);
            ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putInt(0x40, 0x4550).putShort(0x44, (short) 0xAA64);
        }
        return out;
    }

    /** RISC-V Image: same shape, header version 0.2, "RISCV" magic and RSC\x05 at 0x38. */
    static byte[] riscvImage(long textOffset, boolean bigEndian, byte[] body) {
        ByteBuffer h = ByteBuffer.allocate(64 + body.length).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0x0000_0013).putInt(0x0000_0013);
        h.putLong(textOffset).putLong(64L + body.length).putLong(bigEndian ? 1 : 0);
        h.putInt(2).putInt(0).putLong(0);
        h.put("RISCV\0\0\0".getBytes(StandardCharsets.US_ASCII));
        h.put(new byte[] {'R', 'S', 'C', 0x05}).putInt(0);
        h.put(body);
        return h.array();
    }

    /**
     * x86 bzImage: setup sectors with the boot header, then the protected-mode code whose payload is the
     * compressed {@code vmlinux.bin} (an ELF with the banner).
     */
    static byte[] bzImage(String release, boolean x8664, Compression payloadCompression, boolean versionString) {
        int setupSects = 15;
        int setupSize = (setupSects + 1) * 512;
        byte[] vmlinux = elf(62, true, false, 2, body(400_000, 300_000, release));
        byte[] payload = compress(payloadCompression, vmlinux);
        int payloadOffset = 0x400;
        int pm = payloadOffset + payload.length + 4;
        pm = (pm + 15) / 16 * 16;
        ByteBuffer b = ByteBuffer.allocate(setupSize + pm).order(ByteOrder.LITTLE_ENDIAN);
        b.put(0, (byte) 'M').put(1, (byte) 'Z');
        b.put(0x1F1, (byte) setupSects);
        b.putInt(0x1F4, pm / 16);
        b.putShort(0x1FE, (short) 0xAA55);
        b.put(0x202, (byte) 'H').put(0x203, (byte) 'd').put(0x204, (byte) 'r').put(0x205, (byte) 'S');
        b.putShort(0x206, (short) 0x020F);
        if (versionString) {
            String v = release + " (debian-kernel@lists.debian.org) #1 SMP PREEMPT_DYNAMIC Debian 6.1.192-2 (2025-01-02)";
            int at = 0x1C00;
            byte[] vb = v.getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < vb.length; i++) {
                b.put(at + i, vb[i]);
            }
            b.putShort(0x20E, (short) (at - 0x200));
        }
        b.putShort(0x236, (short) (x8664 ? 0x7F : 0x7C));
        b.putInt(0x248, payloadOffset);
        b.putInt(0x24C, payload.length);
        for (int i = 0; i < payloadOffset; i++) {
            b.put(setupSize + i, (byte) 0x90);
        }
        for (int i = 0; i < payload.length; i++) {
            b.put(setupSize + payloadOffset + i, payload[i]);
        }
        return b.array();
    }

    /** 32-bit ARM zImage: magic words at 0x24 in the kernel's byte order, then decompressor code and the payload. */
    static byte[] zImage(boolean bigEndian, Compression c, String release) {
        byte[] image = body(300_000, 200_000, release);
        byte[] payload = compress(c, image);
        int payloadAt = 0x4000;
        int total = payloadAt + payload.length + 4;
        ByteBuffer b = ByteBuffer.allocate(total).order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 0x24; i += 4) {
            b.putInt(i, 0xE1A00000);
        }
        b.putInt(0x24, 0x016F2818).putInt(0x28, 0).putInt(0x2C, total).putInt(0x30, 0x04030201);
        for (int i = 0x34; i < payloadAt; i += 4) {
            b.putInt(i, 0xE1A00000 | (i & 0xFFF));
        }
        for (int i = 0; i < payload.length; i++) {
            b.put(payloadAt + i, payload[i]);
        }
        return b.array();
    }

    /** U-Boot legacy image with both CRCs computed. */
    static byte[] uImage(int os, int arch, int type, int comp, String name, byte[] data) {
        ByteBuffer h = ByteBuffer.allocate(64 + data.length);
        CRC32 dcrc = new CRC32();
        dcrc.update(data);
        h.putInt(0x27051956).putInt(0).putInt(1_700_000_000).putInt(data.length).putInt(0x80008000).putInt(0x80008000)
                .putInt((int) dcrc.getValue()).put((byte) os).put((byte) arch).put((byte) type).put((byte) comp);
        byte[] nb = name.getBytes(StandardCharsets.US_ASCII);
        h.put(nb, 0, Math.min(32, nb.length));
        h.position(64);
        h.put(data);
        byte[] out = h.array();
        CRC32 hcrc = new CRC32();
        hcrc.update(out, 0, 64);
        ByteBuffer.wrap(out).putInt(4, (int) hcrc.getValue());
        return out;
    }

    static byte[] dtb(String model, String... compatible) {
        return new FdtWriter().begin("").cell("#address-cells", 2).cell("#size-cells", 2).string("model", model)
                .string("compatible", compatible).begin("memory@40000000").string("device_type", "memory").end()
                .begin("chosen").string("bootargs", "console=ttyS0").end().end().finish();
    }

    /** A FIT with one kernel (compressed as given), one DTB and a default configuration. */
    static byte[] fit(byte[] kernelData, String compression, String arch, byte[] dtb) {
        return new FdtWriter().begin("").string("description", "test FIT").cell("#address-cells", 1)
                .begin("images")
                .begin("kernel-1").string("description", "Linux kernel").prop("data", kernelData).string("type", "kernel")
                .string("arch", arch).string("os", "linux").string("compression", compression).cell("load", 0x40480000)
                .cell("entry", 0x40480000).begin("hash-1").string("algo", "sha256").end().end()
                .begin("fdt-1").string("description", "board").prop("data", dtb).string("type", "flat_dt")
                .string("arch", arch).string("compression", "none").end()
                .end()
                .begin("configurations").string("default", "conf-1")
                .begin("conf-1").string("description", "boot").string("kernel", "kernel-1").string("fdt", "fdt-1").end()
                .end()
                .end().finish();
    }

    /** EFI zboot: MZ, "zimg", payload offset and size, compression name, PE header naming the machine. */
    static byte[] efiZboot(int peMachine, String compName, byte[] compressedPayload) {
        int payloadAt = 0x1000;
        ByteBuffer b = ByteBuffer.allocate(payloadAt + compressedPayload.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'M').put((byte) 'Z').putShort((short) 0).put("zimg".getBytes(StandardCharsets.US_ASCII));
        b.putInt(payloadAt).putInt(compressedPayload.length).putInt(0).putInt(0);
        b.put(compName.getBytes(StandardCharsets.US_ASCII));
        b.putInt(0x3C, 0x80);
        b.putInt(0x80, 0x4550).putShort(0x84, (short) peMachine);
        b.position(payloadAt);
        b.put(compressedPayload);
        return b.array();
    }

    /** A minimal ELF header ({@code e_type}, {@code e_machine}) followed by a body. */
    static byte[] elf(int machine, boolean is64, boolean bigEndian, int type, byte[] body) {
        int header = is64 ? 64 : 52;
        ByteBuffer b = ByteBuffer.allocate(header + body.length).order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7F, 'E', 'L', 'F', (byte) (is64 ? 2 : 1), (byte) (bigEndian ? 2 : 1), 1, 0});
        b.position(16);
        b.putShort((short) type).putShort((short) machine).putInt(1);
        b.position(header);
        b.put(body);
        return b.array();
    }

    // ---- archives ----

    /** A tar with the given (name, content) pairs; directories end with "/". */
    static byte[] tar(Object... nameAndContent) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(bytes)) {
            t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (int i = 0; i < nameAndContent.length; i += 2) {
                String name = (String) nameAndContent[i];
                byte[] content = (byte[]) nameAndContent[i + 1];
                TarArchiveEntry e = new TarArchiveEntry(name, true);
                e.setSize(name.endsWith("/") ? 0 : content.length);
                t.putArchiveEntry(e);
                if (!name.endsWith("/")) {
                    t.write(content);
                }
                t.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] le32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
