package io.cikit.core.artifact.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;

/**
 * One forward-only pass over an artifact (or a nested payload): the first bytes are held as the head for header
 * checks, the rest can be read once, from any offset not yet passed.
 */
final class ForwardInput {
    private final byte[] head;
    private final int headLen;
    private final boolean headIsAll;
    private final InputStream rest;
    private long restRead;

    ForwardInput(InputStream in, int headBytes) throws IOException {
        this.head = new byte[headBytes];
        this.headLen = Streams.readUpTo(in, head, 0, headBytes);
        this.headIsAll = headLen < headBytes;
        this.rest = in;
    }

    byte[] head() {
        return head;
    }

    int headLen() {
        return headLen;
    }

    /** True when the whole content fits in the head. */
    boolean headIsAll() {
        return headIsAll;
    }

    /** The absolute offset of the next byte not yet handed out. */
    long position() {
        return headLen + restRead;
    }

    /**
     * The content from {@code offset} on, read through once. Offsets inside the head are only available until
     * something beyond the head has been read.
     */
    InputStream from(long offset) throws IOException {
        if (offset < headLen) {
            if (restRead > 0) {
                throw new IllegalStateException("offset " + offset + " already passed");
            }
            return new SequenceInputStream(new ByteArrayInputStream(head, (int) offset, headLen - (int) offset), tail());
        }
        long gap = offset - position();
        if (gap < 0) {
            throw new IllegalStateException("offset " + offset + " already passed (at " + position() + ")");
        }
        InputStream t = tail();
        Streams.skipFully(t, gap);
        return t;
    }

    /** Reads everything left, for readers that only need the bytes to pass. */
    void drain() throws IOException {
        Streams.drain(tail());
    }

    private InputStream tail() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                int c = rest.read();
                if (c >= 0) {
                    restRead++;
                }
                return c;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = rest.read(b, off, len);
                if (n > 0) {
                    restRead += n;
                }
                return n;
            }
        };
    }
}
