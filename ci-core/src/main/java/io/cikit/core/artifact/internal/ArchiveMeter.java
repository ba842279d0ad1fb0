package io.cikit.core.artifact.internal;

import io.cikit.core.artifact.ArchiveLimits;
import io.cikit.core.artifact.UnsafeArchiveException;
import io.cikit.core.artifact.UnsafeArchiveException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongSupplier;

/**
 * Counts bytes at three places (raw compressed input, decompressed output, each entry's content) and enforces the
 * size and expansion-ratio limits on them. Not thread-safe; one per pass over an archive.
 */
final class ArchiveMeter {
    private final ArchiveLimits limits;
    private LongSupplier rawSource = () -> -1;
    private long raw;
    long decompressed;
    private long content;

    ArchiveMeter(ArchiveLimits limits) {
        this.limits = limits;
    }

    /** Compressed bytes come from a decoder that reads the file itself (parallel xz). */
    void rawFrom(LongSupplier source) {
        this.rawSource = source;
    }

    private long raw() {
        long r = rawSource.getAsLong();
        return r >= 0 ? r : raw;
    }

    InputStream raw(InputStream source) {
        return new ChunkStream(source) {
            @Override
            int fill(byte[] b, int off, int len) {
                try {
                    return in.read(b, off, len);
                } catch (IOException | RuntimeException e) {
                    throw e instanceof SourceReadFailure f ? f : new SourceReadFailure(e);
                }
            }

            @Override
            void seen(byte[] b, int off, int n) {
                raw += n;
            }
        };
    }

    InputStream decompressed(InputStream decoder) {
        return new ChunkStream(decoder) {
            @Override
            void seen(byte[] b, int off, int n) {
                decompressed += n;
                check();
            }
        };
    }

    /** Decompressed bytes (or, for zip, entry bytes inflated inside the container) against the raw bytes. */
    private void check() {
        long expanded = Math.max(decompressed, content);
        if (expanded > limits.maxTotalBytes()) {
            throw new UnsafeArchiveException(Reason.TOO_LARGE, null,
                    "archive decompresses to more than " + limits.maxTotalBytes() + " bytes");
        }
        long compressed = raw();
        if (expanded > limits.ratioGraceBytes() && expanded > limits.maxExpansionRatio() * Math.max(compressed, 1)) {
            throw new UnsafeArchiveException(Reason.RATIO_EXCEEDED, null, String.format(
                    "archive expands more than %.0f:1 (%d bytes from %d)", limits.maxExpansionRatio(), expanded, compressed));
        }
    }

    /** An entry's content: counted against the per-entry limit; read failures become the archive's. */
    InputStream entry(InputStream archive, String name) {
        return new ChunkStream(archive) {
            private long read;

            @Override
            int fill(byte[] b, int off, int len) {
                try {
                    return in.read(b, off, len);
                } catch (IOException e) {
                    throw ArchiveFailures.classify(e, name);
                }
            }

            @Override
            void seen(byte[] b, int off, int n) {
                read += n;
                content += n;
                check();
                if (read > limits.maxEntryBytes()) {
                    throw new UnsafeArchiveException(Reason.TOO_LARGE, name,
                            "entry " + name + " holds more than " + limits.maxEntryBytes() + " bytes");
                }
            }

            @Override
            public void close() {
                // the archive stream moves on to the next entry by itself
            }
        };
    }
}
