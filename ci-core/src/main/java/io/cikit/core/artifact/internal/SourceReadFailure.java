package io.cikit.core.artifact.internal;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The artifact's own source (file, archive entry, caller's stream) failed to deliver bytes. Unchecked so that it
 * passes through decompressors untouched and is never mistaken for corrupt content.
 */
public final class SourceReadFailure extends UncheckedIOException {
    private static final long serialVersionUID = 1L;

    SourceReadFailure(IOException cause) {
        super(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage(), cause);
    }
}
