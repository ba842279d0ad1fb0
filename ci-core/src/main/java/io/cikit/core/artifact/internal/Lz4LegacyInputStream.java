package io.cikit.core.artifact.internal;

import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.compressors.lz4.BlockLZ4CompressorInputStream;

/**
 * The legacy LZ4 format ({@code lz4 -l}, magic {@code 0x184C2102}) that the kernel uses for its own images:
 * a sequence of LZ4 blocks, each prefixed by its compressed size, of at most 8 MiB each decompressed. Commons
 * Compress reads only the frame format, so this reads the framing and hands each block to its block decoder.
 */
final class Lz4LegacyInputStream extends InputStream {
    private static final long MAGIC = 0x184C2102L;
    private static final long MAX_BLOCK = 8L * 1024 * 1024 + 64 * 1024;

    private final InputStream in;
    private InputStream block;
    private boolean eof;
    private boolean blockProduced;

    Lz4LegacyInputStream(InputStream in) throws IOException {
        this.in = in;
        long magic = readU32();
        if (magic != MAGIC) {
            throw new IOException("not a legacy LZ4 stream");
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        while (!eof) {
            if (block != null) {
                int n;
                try {
                    n = block.read(b, off, len);
                } catch (IOException e) {
                    // the kernel appends the uncompressed size after the last block: a "block" that ends at once
                    // with the input is that trailer, not damage
                    if (!blockProduced && in.read() < 0) {
                        eof = true;
                        break;
                    }
                    throw e;
                }
                if (n >= 0) {
                    blockProduced |= n > 0;
                    return n;
                }
                block = null;
            }
            long size = readU32();
            // the end of the data, another stream's magic (concatenation), or kernel's appended size trailer
            if (size < 0 || size == MAGIC || size == 0 || size > MAX_BLOCK) {
                eof = true;
                break;
            }
            block = new BlockLZ4CompressorInputStream(Streams.limit(in, size));
            blockProduced = false;
        }
        return -1;
    }

    private long readU32() throws IOException {
        byte[] b = new byte[4];
        int n = Streams.readUpTo(in, b, 0, 4);
        if (n < 4) {
            return -1;
        }
        return Bytes.u32le(b, 0);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
