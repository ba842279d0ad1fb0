package io.cikit.core.artifact.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A view of a stream that sees every chunk read through it, for counting, checking or hashing: single-byte reads
 * go through the array read and skips read the bytes, so nothing passes unseen. Not thread-safe.
 */
abstract class ChunkStream extends FilterInputStream {

    ChunkStream(InputStream source) {
        super(source);
    }

    @Override
    public final int read() throws IOException {
        byte[] one = new byte[1];
        int r = read(one, 0, 1);
        return r < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public final int read(byte[] b, int off, int len) throws IOException {
        int r = fill(b, off, len);
        if (r > 0) {
            seen(b, off, r);
        }
        return r;
    }

    /** Reads from the source; overridden to translate its failures or to end early. */
    int fill(byte[] b, int off, int len) throws IOException {
        return in.read(b, off, len);
    }

    /** Called with each chunk of {@code n > 0} bytes just read into {@code b} at {@code off}. */
    abstract void seen(byte[] b, int off, int n);

    @Override
    public final long skip(long n) throws IOException {
        return Streams.skipFully(this, n);
    }
}
