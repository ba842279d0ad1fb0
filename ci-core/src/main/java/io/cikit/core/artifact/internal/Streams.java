package io.cikit.core.artifact.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Small stream helpers shared by the readers. */
final class Streams {
    private Streams() {
    }

    /** Reads until {@code len} bytes or the end; returns how many were read. */
    static int readUpTo(InputStream in, byte[] b, int off, int len) throws IOException {
        int total = 0;
        while (total < len) {
            int n = in.read(b, off + total, len - total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    /** Skips exactly {@code n} bytes by reading them; returns how many could be skipped before the end. */
    static long skipFully(InputStream in, long n) throws IOException {
        byte[] buf = new byte[(int) Math.min(Math.max(n, 1), 64 * 1024)];
        long done = 0;
        while (done < n) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, n - done));
            if (r < 0) {
                break;
            }
            done += r;
        }
        return done;
    }

    /** Reads to the end, discarding; returns the byte count. */
    static long drain(InputStream in) throws IOException {
        return skipFully(in, Long.MAX_VALUE);
    }

    /** A view of at most {@code limit} bytes of {@code in}; closing it does not close {@code in}. */
    static InputStream limit(InputStream in, long limit) {
        return new FilterInputStream(in) {
            private long left = limit;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int c = super.read();
                if (c >= 0) {
                    left--;
                }
                return c;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = super.read(b, off, (int) Math.min(len, left));
                if (n > 0) {
                    left -= n;
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                return skipFully(this, n);
            }

            @Override
            public int available() throws IOException {
                return (int) Math.min(super.available(), left);
            }

            @Override
            public boolean markSupported() {
                return false;
            }

            @Override
            public void close() {
                // the underlying stream belongs to the caller
            }
        };
    }

    /** A view of {@code in} whose close does nothing. */
    static InputStream unclosable(InputStream in) {
        return limit(in, Long.MAX_VALUE);
    }
}
