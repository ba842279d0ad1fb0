package io.cikit.core.artifact.internal;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The raw bytes of one artifact: counts them and hashes them with SHA-256 as they pass, and turns the source's
 * I/O errors into {@link SourceReadFailure}. Does not close the source.
 */
public final class SourceStream extends InputStream {
    private final InputStream source;
    private final MessageDigest sha256;
    private long count;

    public SourceStream(InputStream source) {
        this.source = source;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        int n;
        try {
            n = source.read(b, off, len);
        } catch (IOException | RuntimeException e) {
            throw e instanceof SourceReadFailure f ? f : new SourceReadFailure(e);
        }
        if (n > 0) {
            sha256.update(b, off, n);
            count += n;
        }
        return n;
    }

    @Override
    public long skip(long n) {
        // skipping must still hash the bytes
        byte[] buf = new byte[(int) Math.min(n, 64 * 1024)];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buf, 0, (int) Math.min(buf.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    /** Reads to the end so that {@link #count} and {@link #sha256Hex} cover every byte. */
    public void drain() {
        byte[] buf = new byte[64 * 1024];
        while (read(buf, 0, buf.length) >= 0) {
            // hashing happens in read
        }
    }

    public long count() {
        return count;
    }

    /** The digest of everything read so far; call once, after {@link #drain}. */
    public String sha256Hex() {
        return Bytes.hex(sha256.digest());
    }
}
