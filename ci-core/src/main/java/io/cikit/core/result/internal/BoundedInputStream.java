package io.cikit.core.result.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes at most {@code max} bytes through and then reports end of stream; {@link #exceeded()} tells whether the
 * underlying stream had more. Not thread-safe.
 */
public final class BoundedInputStream extends FilterInputStream {
    private final long max;
    private long count;
    private boolean exceeded;

    public BoundedInputStream(InputStream in, long max) {
        super(in);
        this.max = max;
    }

    @Override
    public int read() throws IOException {
        if (count >= max) {
            probe();
            return -1;
        }
        int b = super.read();
        if (b >= 0) {
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (count >= max) {
            probe();
            return -1;
        }
        int n = super.read(b, off, (int) Math.min(len, max - count));
        if (n > 0) {
            count += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long s = super.skip(Math.min(n, max - count));
        count += Math.max(0, s);
        return s;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** True once a read past the bound found more input waiting. */
    public boolean exceeded() {
        return exceeded;
    }

    /** Bytes passed through so far. */
    public long count() {
        return count;
    }

    private void probe() throws IOException {
        if (!exceeded && super.read() >= 0) {
            exceeded = true;
        }
    }
}
