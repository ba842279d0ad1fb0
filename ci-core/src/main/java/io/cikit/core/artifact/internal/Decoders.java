package io.cikit.core.artifact.internal;

import io.airlift.compress.zstd.ZstdInputStream;
import io.cikit.core.artifact.Compression;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorInputStream;
import org.tukaani.xz.LZMAInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * Recognises compression formats by their magic bytes and opens pure-Java decoders for them: gzip (JDK), xz and
 * LZMA (XZ for Java), bzip2 and LZ4 frames (Commons Compress), legacy LZ4 (as the kernel writes it) and zstd
 * (aircompressor, since Commons Compress decodes zstd only through the native zstd-jni). LZO has no decoder.
 *
 * <p>Every decoder is wrapped so that whatever it throws on bad input arrives as an {@link IOException}.
 */
public final class Decoders {
    private static final byte[] GZIP = {0x1F, (byte) 0x8B, 0x08};
    private static final byte[] XZ = {(byte) 0xFD, '7', 'z', 'X', 'Z', 0};
    private static final byte[] ZSTD = {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD};
    private static final byte[] LZ4_FRAME = {0x04, 0x22, 0x4D, 0x18};
    private static final byte[] LZ4_LEGACY = {0x02, 0x21, 0x4C, 0x18};
    private static final byte[] LZOP = {(byte) 0x89, 'L', 'Z', 'O', 0, 0x0D, 0x0A, 0x1A, 0x0A};
    private static final byte[] LZO_KERNEL = {(byte) 0x89, 'L', 'Z', 'O'};
    private static final byte[] BZIP2_BLOCK = {0x31, 0x41, 0x59, 0x26, 0x53, 0x59};
    private static final byte[] BZIP2_EMPTY = {0x17, 0x72, 0x45, 0x38, 0x50, (byte) 0x90};

    private Decoders() {
    }

    /** The compression whose magic starts at {@code off}, or {@link Compression#NONE}. */
    public static Compression sniff(byte[] b, int len, int off) {
        if (Bytes.at(b, len, off, GZIP)) {
            return Compression.GZIP;
        }
        if (Bytes.at(b, len, off, XZ)) {
            return Compression.XZ;
        }
        if (Bytes.at(b, len, off, ZSTD)) {
            return Compression.ZSTD;
        }
        if (Bytes.at(b, len, off, LZ4_FRAME) || Bytes.at(b, len, off, LZ4_LEGACY)) {
            return Compression.LZ4;
        }
        if (Bytes.at(b, len, off, LZOP)) {
            return Compression.LZO;
        }
        if (isBzip2(b, len, off)) {
            return Compression.BZIP2;
        }
        if (isLzmaAlone(b, len, off)) {
            return Compression.LZMA;
        }
        return Compression.NONE;
    }

    /**
     * Like {@link #sniff} but also accepts the shorter LZO magic the kernel's own lzo wrapper writes; for payloads
     * inside kernel images, where a false match only costs a failed trial.
     */
    static Compression sniffPayload(byte[] b, int len, int off) {
        Compression c = sniff(b, len, off);
        if (c == Compression.NONE && Bytes.at(b, len, off, LZO_KERNEL)) {
            return Compression.LZO;
        }
        return c;
    }

    private static boolean isBzip2(byte[] b, int len, int off) {
        if (!Bytes.has(len, off, 10) || b[off] != 'B' || b[off + 1] != 'Z' || b[off + 2] != 'h'
                || b[off + 3] < '1' || b[off + 3] > '9') {
            return false;
        }
        return Bytes.at(b, len, off + 4, BZIP2_BLOCK) || Bytes.at(b, len, off + 4, BZIP2_EMPTY);
    }

    /** The legacy {@code .lzma} header: properties byte, dictionary size, uncompressed size (or -1). */
    private static boolean isLzmaAlone(byte[] b, int len, int off) {
        if (!Bytes.has(len, off, 13) || (b[off] & 0xFF) != 0x5D) {
            return false;
        }
        long dict = Bytes.u32le(b, off + 1);
        if (dict < 4096 || dict > (1L << 30)) {
            return false;
        }
        boolean powerOfTwoish = Long.bitCount(dict) == 1
                || (Long.bitCount(dict) == 2 && (dict & (Long.highestOneBit(dict) >> 1)) != 0);
        long size = Bytes.u64le(b, off + 5);
        return powerOfTwoish && (size == -1L || (size >= 0 && size < (1L << 40)));
    }

    /**
     * A decoder for {@code c} reading compressed bytes from {@code in}.
     *
     * @param memoryLimitBytes the most memory a dictionary or window may need
     * @throws IOException when the header is bad, needs more memory than allowed, or {@code c} has no decoder
     */
    public static InputStream open(Compression c, InputStream in, long memoryLimitBytes) throws IOException {
        int memoryLimitKiB = (int) Math.min(Integer.MAX_VALUE, memoryLimitBytes / 1024);
        try {
            InputStream decoder = switch (c) {
                case GZIP -> new GZIPInputStream(in, 64 * 1024);
                case XZ -> new XZInputStream(in, memoryLimitKiB);
                case LZMA -> new LZMAInputStream(in, memoryLimitKiB);
                case BZIP2 -> new BZip2CompressorInputStream(in, true);
                case ZSTD -> zstd(in, memoryLimitBytes);
                case LZ4 -> lz4(in);
                case LZO -> throw new IOException("lzo-compressed data has no pure-Java decoder here");
                case NONE -> in;
                case UNKNOWN -> throw new IOException("unknown compression");
            };
            return guard(decoder, c);
        } catch (IOException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IOException("bad " + c.wireName() + " header: " + e, e);
        }
    }

    private static InputStream lz4(InputStream in) throws IOException {
        BufferedInputStream b = new BufferedInputStream(in, 8192);
        b.mark(4);
        byte[] magic = new byte[4];
        int n = Streams.readUpTo(b, magic, 0, 4);
        b.reset();
        if (Bytes.at(magic, n, 0, LZ4_LEGACY)) {
            return new Lz4LegacyInputStream(b);
        }
        return new FramedLZ4CompressorInputStream(b, true);
    }

    /** Checks the first frame's window before handing the stream to aircompressor, which would allocate it. */
    private static InputStream zstd(InputStream in, long memoryLimitBytes) throws IOException {
        BufferedInputStream b = new BufferedInputStream(in, 8192);
        b.mark(18);
        byte[] h = new byte[18];
        int n = Streams.readUpTo(b, h, 0, h.length);
        b.reset();
        long window = zstdWindow(h, n);
        if (window < 0) {
            throw new IOException("truncated zstd frame header");
        }
        if (window > memoryLimitBytes) {
            throw new IOException("zstd window of " + window + " bytes exceeds the decoder memory limit of "
                    + memoryLimitBytes);
        }
        return new ZstdInputStream(b);
    }

    /** The window size a zstd frame header asks for, or -1 when the header is incomplete. */
    static long zstdWindow(byte[] h, int n) {
        if (n < 6 || !Bytes.at(h, n, 0, ZSTD)) {
            return n < 6 ? -1 : 0;
        }
        int fhd = h[4] & 0xFF;
        boolean singleSegment = (fhd & 0x20) != 0;
        if (!singleSegment) {
            int wd = h[5] & 0xFF;
            int exponent = (wd >>> 3) + 10;
            long base = 1L << exponent;
            return base + (base / 8) * (wd & 7);
        }
        int didSize = new int[] {0, 1, 2, 4}[fhd & 3];
        int fcsFlag = fhd >>> 6;
        int fcsSize = new int[] {1, 2, 4, 8}[fcsFlag];
        int at = 5 + didSize;
        if (n < at + fcsSize) {
            return -1;
        }
        long size = switch (fcsSize) {
            case 1 -> h[at] & 0xFF;
            case 2 -> Bytes.u16le(h, at) + 256L;
            case 4 -> Bytes.u32le(h, at);
            default -> Bytes.u64le(h, at);
        };
        return size < 0 ? Long.MAX_VALUE : size;
    }

    /** Makes a decoder's unchecked failures on bad input look like the I/O errors they are. */
    private static InputStream guard(InputStream decoder, Compression c) {
        return new FilterInputStream(decoder) {
            @Override
            public int read() throws IOException {
                try {
                    return super.read();
                } catch (SourceReadFailure e) {
                    throw e;
                } catch (RuntimeException | StackOverflowError e) {
                    throw new IOException("corrupt " + c.wireName() + " data: " + e, e);
                }
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    return super.read(b, off, len);
                } catch (SourceReadFailure e) {
                    throw e;
                } catch (RuntimeException | StackOverflowError e) {
                    throw new IOException("corrupt " + c.wireName() + " data: " + e, e);
                }
            }

            @Override
            public long skip(long n) throws IOException {
                return Streams.skipFully(this, n);
            }
        };
    }
}
