package io.cikit.bench.artifact;

import io.airlift.compress.zstd.ZstdOutputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes a Yocto-style deploy directory ({@code deploy/images/<machine>/}) as a tar piped through the {@code xz}
 * command, generated on the fly (entries of unknown size are staged in a temporary file). The mix follows a real BSP: mostly
 * already-compressed root file system images ({@code .wic.zst}, {@code .rootfs.tar.zst}), an ext4 image that is
 * half empty, a raw arm64 kernel, a modules tarball, DTBs, bootloaders, manifest and test data, with the stable
 * symlinks Yocto makes. Sizes scale with the requested total. Uncompressed code (kernel, ext4 contents, rootfs
 * files, modules) is real machine code from the host ({@link CodeCorpus}), already-compressed parts are random.
 */
public final class BspArchiveGenerator {
    static final String MACHINE = "imx8mp-lpddr4-evk";
    static final String RELEASE = "6.6.52-lts-next-gabcdef";
    private static final String STAMP = "20240101120000";
    private static final int MIB = 1024 * 1024;

    private final SplittableRandom random = new SplittableRandom(42);
    private final int[] words = new int[64];
    private final CodeCorpus corpus = CodeCorpus.ofHost();

    private BspArchiveGenerator() {
        for (int i = 0; i < words.length; i++) {
            words[i] = random.nextInt();
        }
    }

    /**
     * Writes {@code target} (about {@code totalMiB} MiB of tar before compression) unless it already exists.
     *
     * @param xzPreset the {@code xz} preset, e.g. {@code -6} (xz's default)
     */
    public static Path ensure(Path target, int totalMiB, String xzPreset) throws IOException, InterruptedException {
        if (Files.exists(target)) {
            return target;
        }
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        Process xz = new ProcessBuilder("xz", "-T2", xzPreset, "-c").redirectOutput(partial.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (OutputStream out = new BufferedOutputStream(xz.getOutputStream(), MIB)) {
            new BspArchiveGenerator().write(out, (long) totalMiB * MIB);
        }
        if (!xz.waitFor(2, TimeUnit.HOURS) || xz.exitValue() != 0) {
            throw new IOException("xz failed with exit " + xz.exitValue());
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    private void write(OutputStream out, long total) throws IOException {
        String dir = "deploy/images/" + MACHINE + "/";
        String image = "core-image-weston-" + MACHINE + ".rootfs";
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(out)) {
            t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            t.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            directory(t, "deploy/");
            directory(t, "deploy/images/");
            directory(t, dir);
            String kernel = "Image--" + RELEASE + "-r0-" + MACHINE + "-" + STAMP + ".bin";
            file(t, dir + kernel, kernel(total / 25));
            symlink(t, dir + "Image", kernel);
            symlink(t, dir + "Image-" + MACHINE + ".bin", kernel);
            String wic = image + "-" + STAMP + ".wic.zst";
            file(t, dir + wic, zstdRaw(diskImage(total / 2)));
            symlink(t, dir + image + ".wic.zst", wic);
            file(t, dir + image + "-" + STAMP + ".wic.bmap", ascii("<?xml version=\"1.0\" ?>\n<bmap version=\"2.0\"/>\n"));
            String tarZst = image + "-" + STAMP + ".tar.zst";
            file(t, dir + tarZst, zstd(rootfsTar(total * 3 / 10)));
            symlink(t, dir + image + ".tar.zst", tarZst);
            String ext4 = image + "-" + STAMP + ".ext4";
            file(t, dir + ext4, ext4(total / 5));
            symlink(t, dir + image + ".ext4", ext4);
            String modules = "modules--" + RELEASE + "-r0-" + MACHINE + "-" + STAMP + ".tgz";
            file(t, dir + modules, modules(total / 20));
            symlink(t, dir + "modules-" + MACHINE + ".tgz", modules);
            for (int i = 0; i < 40; i++) {
                file(t, dir + "imx8mp-board" + i + ".dtb", dtb(i));
            }
            file(t, dir + "u-boot-" + MACHINE + ".bin-sd", Content.of(random(MIB)));
            symlink(t, dir + "u-boot.bin", "u-boot-" + MACHINE + ".bin-sd");
            file(t, dir + "imx-boot-" + MACHINE + "-sd.bin-flash_evk", Content.of(random(2 * MIB)));
            file(t, dir + image + "-" + STAMP + ".manifest", manifest());
            symlink(t, dir + image + ".manifest", image + "-" + STAMP + ".manifest");
            file(t, dir + image + "-" + STAMP + ".testdata.json", testdata());
            symlink(t, dir + image + ".testdata.json", image + "-" + STAMP + ".testdata.json");
        }
    }

    // ---- content ----

    /**
     * Machine code: the host's own binaries ({@link CodeCorpus}); synthetic 4-byte "instructions" from a small set
     * only when the host has none.
     */
    private byte[] code(int size) throws IOException {
        if (!corpus.isEmpty()) {
            byte[] b = new byte[size];
            corpus.fill(b, 0, size);
            return b;
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        while (b.remaining() >= 4) {
            b.putInt(words[random.nextInt(words.length)]);
        }
        return b.array();
    }

    private byte[] random(int size) {
        byte[] b = new byte[size];
        random.nextBytes(b);
        return b;
    }

    private Content kernel(long size) throws IOException {
        int n = (int) Math.min(size, 256L * MIB);
        byte[] img = code(n);
        ByteBuffer h = ByteBuffer.wrap(img).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0, 0x5A4D_A2FA).putLong(8, 0).putLong(16, n).putLong(24, 0xA).put(56, (byte) 'A').put(57, (byte) 'R')
                .put(58, (byte) 'M').put(59, (byte) 0x64);
        byte[] banner = ("Linux version " + RELEASE + " (oe-user@oe-host) (aarch64-poky-linux-gcc (GCC) 13.3.0, "
                + "GNU ld (GNU Binutils) 2.42.0) #1 SMP PREEMPT Mon Jan  1 12:00:00 UTC 2024\n\0").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(banner, 0, img, n * 7 / 10, banner.length);
        return Content.of(img);
    }

    /** A GPT disk image: protective MBR, GPT header, then random (already compressed) partition contents. */
    private Content diskImage(long size) {
        return new Content(size, (out, len) -> {
            byte[] first = new byte[1024];
            first[0x1FE] = 0x55;
            first[0x1FF] = (byte) 0xAA;
            first[0x1BE + 4] = (byte) 0xEE;
            first[0x1BE + 8] = 1;
            first[0x1BE + 12] = (byte) 0xFF;
            System.arraycopy("EFI PART".getBytes(StandardCharsets.US_ASCII), 0, first, 512, 8);
            out.write(first);
            streamRandom(out, len - first.length);
        });
    }

    /** ext4 superblock, then half code-like data, half zeros (free space). */
    private Content ext4(long size) {
        return new Content(size, (out, len) -> {
            byte[] sb = new byte[4096];
            ByteBuffer b = ByteBuffer.wrap(sb).order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(0x404, (int) (len / 4096)).putInt(0x418, 2).putShort(0x438, (short) 0xEF53).putInt(0x460, 0x2C2);
            System.arraycopy("rootfs".getBytes(StandardCharsets.US_ASCII), 0, sb, 0x478, 6);
            out.write(sb);
            long used = (len - sb.length) / 2;
            for (long done = 0; done < used; done += MIB) {
                out.write(code((int) Math.min(MIB, used - done)));
            }
            byte[] zeros = new byte[MIB];
            for (long done = 0; done < len - sb.length - used; done += MIB) {
                out.write(zeros, 0, (int) Math.min(MIB, len - sb.length - used - done));
            }
        });
    }

    private void streamRandom(OutputStream out, long len) throws IOException {
        byte[] chunk = new byte[MIB];
        for (long done = 0; done < len; done += chunk.length) {
            random.nextBytes(chunk);
            out.write(chunk, 0, (int) Math.min(chunk.length, len - done));
        }
    }

    /** A rootfs tarball: thousands of files in the usual top-level directories, half code, half random. */
    private Content rootfsTar(long size) {
        return new Content(-1, (out, len) -> {
            try (TarArchiveOutputStream t = new TarArchiveOutputStream(uncloseable(out))) {
                t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                for (String d : new String[] {"./", "./bin/", "./boot/", "./dev/", "./etc/", "./lib/", "./sbin/", "./usr/",
                        "./usr/bin/", "./usr/lib/", "./var/"}) {
                    directory(t, d);
                }
                file(t, "./etc/os-release", ascii("ID=poky\nNAME=\"Poky\"\nVERSION_ID=\"5.0.4\"\nPRETTY_NAME=\"Poky 5.0.4\"\n"));
                long written = 0;
                for (int i = 0; written < size; i++) {
                    int n = 4096 + random.nextInt(256 * 1024);
                    String dir = i % 3 == 0 ? "./usr/lib/" : i % 3 == 1 ? "./usr/bin/" : "./bin/";
                    file(t, dir + "file" + i, Content.of(i % 2 == 0 ? code(n) : random(n)));
                    written += n;
                }
            }
        });
    }

    private Content modules(long size) {
        return new Content(-1, (out, len) -> {
            GZIPOutputStream gz = new GZIPOutputStream(uncloseable(out), MIB) {
                {
                    def.setLevel(Deflater.BEST_SPEED);
                }
            };
            try (TarArchiveOutputStream t = new TarArchiveOutputStream(gz)) {
                directory(t, "./lib/modules/" + RELEASE + "/");
                long written = 0;
                for (int i = 0; written < size; i++) {
                    int n = 8192 + random.nextInt(512 * 1024);
                    byte[] ko = code(n);
                    ByteBuffer h = ByteBuffer.wrap(ko).order(ByteOrder.LITTLE_ENDIAN);
                    h.put(0, (byte) 0x7F).put(1, (byte) 'E').put(2, (byte) 'L').put(3, (byte) 'F').put(4, (byte) 2)
                            .put(5, (byte) 1).put(6, (byte) 1).putShort(16, (short) 1).putShort(18, (short) 183);
                    file(t, "./lib/modules/" + RELEASE + "/kernel/drivers/m" + i + ".ko", Content.of(ko));
                    written += n;
                }
            }
        });
    }

    /** A valid flattened device tree: root {@code compatible} and {@code model}, and a blob of property data. */
    private Content dtb(int i) throws IOException {
        byte[] blob = code(48 * 1024 + i * 64);
        byte[] compatible = ("fsl,imx8mp-board" + i + "\0fsl,imx8mp\0").getBytes(StandardCharsets.US_ASCII);
        byte[] model = ("NXP i.MX8MPlus board " + i + "\0").getBytes(StandardCharsets.US_ASCII);
        byte[] strings = "compatible\0model\0blob\0".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer st = ByteBuffer.allocate(64 + pad(compatible.length) + pad(model.length) + pad(blob.length));
        st.putInt(1).putInt(0);
        st.putInt(3).putInt(compatible.length).putInt(0).put(compatible).position(pad(st.position()));
        st.putInt(3).putInt(model.length).putInt(11).put(model).position(pad(st.position()));
        st.putInt(3).putInt(blob.length).putInt(17).put(blob).position(pad(st.position()));
        st.putInt(2).putInt(9);
        int structLen = st.position();
        int offStruct = 40 + 16;
        int offStrings = offStruct + structLen;
        int total = offStrings + strings.length;
        ByteBuffer d = ByteBuffer.allocate(total);
        d.putInt(0xD00DFEED).putInt(total).putInt(offStruct).putInt(offStrings).putInt(40).putInt(17).putInt(16).putInt(0)
                .putInt(strings.length).putInt(structLen).put(new byte[16]).put(st.array(), 0, structLen).put(strings);
        return Content.of(d.array());
    }

    private static int pad(int n) {
        return (n + 3) & ~3;
    }

    private Content manifest() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            sb.append("package").append(i).append(i % 5 == 0 ? " armv8a " : " cortexa53 ").append("1.").append(i).append("-r0\n");
        }
        return ascii(sb.toString());
    }

    private Content testdata() {
        StringBuilder sb = new StringBuilder("{\"MACHINE\": \"" + MACHINE + "\", \"DISTRO\": \"poky\", \"DISTRO_VERSION\": \"5.0.4\", "
                + "\"KERNEL_IMAGETYPE\": \"Image\", \"TARGET_ARCH\": \"aarch64\", \"IMAGE_BASENAME\": \"core-image-weston\"");
        for (int i = 0; i < 1500; i++) {
            sb.append(", \"VAR_").append(i).append("\": \"value ").append(i).append('"');
        }
        return ascii(sb.append('}').toString());
    }

    // ---- compression wrappers ----

    /** zstd frames of raw blocks: how zstd stores data it cannot compress (a disk image of compressed partitions). */
    private static Content zstdRaw(Content inner) {
        long blocks = Math.max(1, (inner.size() + 128 * 1024 - 1) / (128 * 1024));
        long size = inner.size() < 0 ? -1 : 6 + inner.size() + 3 * blocks;
        return new Content(size, (out, len) -> {
            out.write(new byte[] {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD, 0x00, 0x50});
            OutputStream framed = new OutputStream() {
                private final byte[] block = new byte[128 * 1024];
                private int filled;

                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int n) throws IOException {
                    while (n > 0) {
                        if (filled == block.length) {
                            flushBlock(false);
                        }
                        int take = Math.min(n, block.length - filled);
                        System.arraycopy(b, off, block, filled, take);
                        filled += take;
                        off += take;
                        n -= take;
                    }
                }

                private void flushBlock(boolean last) throws IOException {
                    int header = (filled << 3) | (last ? 1 : 0);
                    out.write(new byte[] {(byte) header, (byte) (header >> 8), (byte) (header >> 16)});
                    out.write(block, 0, filled);
                    filled = 0;
                }

                @Override
                public void close() throws IOException {
                    flushBlock(true);
                }
            };
            inner.writeTo(framed);
            framed.close();
        });
    }

    private static Content zstd(Content inner) {
        return new Content(-1, (out, len) -> {
            ZstdOutputStream z = new ZstdOutputStream(uncloseable(out));
            inner.writeTo(z);
            z.close();
        });
    }

    // ---- tar helpers ----

    private static void directory(TarArchiveOutputStream t, String name) throws IOException {
        t.putArchiveEntry(new TarArchiveEntry(name));
        t.closeArchiveEntry();
    }

    private static void symlink(TarArchiveOutputStream t, String name, String target) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
        e.setLinkName(target);
        t.putArchiveEntry(e);
        t.closeArchiveEntry();
    }

    /** Adds a file; content of unknown size is staged in a temporary file first, as tar needs the size up front. */
    private static void file(TarArchiveOutputStream t, String name, Content c) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        if (c.size() >= 0) {
            e.setSize(c.size());
            t.putArchiveEntry(e);
            c.writeTo(t);
        } else {
            Path tmp = Files.createTempFile("cikit-bench", ".part");
            try {
                try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(tmp), MIB)) {
                    c.writeTo(o);
                }
                e.setSize(Files.size(tmp));
                t.putArchiveEntry(e);
                Files.copy(tmp, t);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        t.closeArchiveEntry();
    }

    private static Content ascii(String s) {
        return Content.of(s.getBytes(StandardCharsets.UTF_8));
    }

    private static OutputStream uncloseable(OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    /** Bytes written on demand; size -1 when not known before writing. */
    record Content(long size, Writer writer) {
        interface Writer {
            void write(OutputStream out, long size) throws IOException;
        }

        static Content of(byte[] bytes) {
            return new Content(bytes.length, (out, len) -> out.write(bytes));
        }

        void writeTo(OutputStream out) throws IOException {
            writer.write(out, size);
        }
    }

}
