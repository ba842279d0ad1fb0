package io.cikit.core.artifact.internal;

/**
 * The artifact's own source (file, archive entry, caller's stream) failed to deliver bytes. Unchecked so that it
 * passes through decompressors untouched and is never mistaken for corrupt content. The cause is the source's
 * {@link java.io.IOException}, or the unchecked exception it threw (an archive refusing an entry, say), which
 * callers rethrow as is.
 */
public final class SourceReadFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SourceReadFailure(Exception cause) {
        super(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage(), cause);
    }
}
