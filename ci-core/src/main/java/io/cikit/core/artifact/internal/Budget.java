package io.cikit.core.artifact.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Decompressed bytes one inspection may still produce, shared by every nesting level. Not thread-safe. */
final class Budget {
    private long remaining;
    private boolean exhausted;

    Budget(long bytes) {
        this.remaining = bytes;
    }

    boolean exhausted() {
        return exhausted;
    }

    long remaining() {
        return remaining;
    }

    /** A view of a decompressed stream that ends (as if at EOF) when the budget runs out. */
    InputStream meter(InputStream decompressed) {
        return new FilterInputStream(decompressed) {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (remaining <= 0) {
                    exhausted = true;
                    return -1;
                }
                int n = super.read(b, off, (int) Math.min(len, remaining));
                if (n > 0) {
                    remaining -= n;
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                return Streams.skipFully(this, n);
            }

            @Override
            public boolean markSupported() {
                return false;
            }
        };
    }
}
