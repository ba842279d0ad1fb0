package io.cikit.core.artifact.internal;

import io.cikit.core.artifact.UnsafeArchiveException;
import io.cikit.core.artifact.UnsafeArchiveException.Reason;
import java.io.EOFException;
import java.io.IOException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.tukaani.xz.MemoryLimitException;

/** Turns what a decoder or archive reader throws into the archive's reason for refusal. */
final class ArchiveFailures {
    private ArchiveFailures() {
    }

    static UnsafeArchiveException classify(IOException e, @Nullable String entry) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String lower = msg.toLowerCase(Locale.ROOT);
        Reason reason;
        if (e instanceof MemoryLimitException || lower.contains("memory limit")) {
            reason = Reason.TOO_LARGE;
        } else if (e instanceof EOFException || lower.contains("truncated") || lower.contains("unexpected end")
                || lower.contains("premature") || lower.contains("end of stream") || lower.contains("unexpected eof")) {
            reason = Reason.TRUNCATED;
        } else {
            reason = Reason.CORRUPT;
        }
        return new UnsafeArchiveException(reason, entry, (reason == Reason.TRUNCATED ? "archive is truncated: "
                : reason == Reason.TOO_LARGE ? "archive needs too much decoder memory: " : "archive is corrupt: ")
                + msg + (entry == null ? "" : " (at " + entry + ")"), e);
    }
}
