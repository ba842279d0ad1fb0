package io.cikit.core.artifact.internal;

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
        return new ChunkStream(decompressed) {
            @Override
            int fill(byte[] b, int off, int len) throws IOException {
                if (remaining <= 0) {
                    exhausted = true;
                    return -1;
                }
                return in.read(b, off, (int) Math.min(len, remaining));
            }

            @Override
            void seen(byte[] b, int off, int n) {
                remaining -= n;
            }

            @Override
            public boolean markSupported() {
                return false;
            }
        };
    }
}
