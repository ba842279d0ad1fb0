package io.cikit.core.artifact;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cikit.core.CiException;
import io.cikit.core.json.Json;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An archive {@link SafeArchive} refused to read on: a hostile entry, a limit crossed, or a damaged stream. The
 * {@link #reason()} is stable and machine-readable ({@code path-traversal}, {@code symlink-escape}, …).
 */
public final class UnsafeArchiveException extends CiException {
    private static final long serialVersionUID = 1L;

    /** Why an archive was refused; {@link #code()} is what the CLI prints. */
    public enum Reason {
        /** An entry name with a {@code ..} segment. */
        PATH_TRAVERSAL,
        /** An entry name starting at the file-system root or a drive letter. */
        ABSOLUTE_PATH,
        /** A symlink whose target resolves outside the archive root (absolute targets included). */
        SYMLINK_ESCAPE,
        /** A hardlink to anything but an earlier file entry of the archive. */
        HARDLINK_ESCAPE,
        /** A character or block device or a FIFO, when extracting. */
        DEVICE_FILE,
        /** More entries than {@link ArchiveLimits#maxEntries()}. */
        TOO_MANY_ENTRIES,
        /** An entry or the whole archive larger than allowed, or a decoder needing too much memory. */
        TOO_LARGE,
        /** Decompressed bytes per compressed byte above {@link ArchiveLimits#maxExpansionRatio()}. */
        RATIO_EXCEEDED,
        /** The stream ends early: cut-off compression, entry data or end-of-archive marker missing. */
        TRUNCATED,
        /** The stream is not well-formed (bad headers, checksums, compressed data). */
        CORRUPT,
        /** An entry name or link target that is empty, too long, or holds a NUL. */
        INVALID_NAME;

        /** {@code path-traversal}, {@code too-many-entries}, … */
        public String code() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final Reason reason;
    private final @Nullable String entry;

    /** @param entry the entry to blame, or null when the archive as a whole is */
    public UnsafeArchiveException(Reason reason, @Nullable String entry, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.entry = entry;
    }

    public UnsafeArchiveException(Reason reason, @Nullable String entry, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.entry = entry;
    }

    public Reason reason() {
        return reason;
    }

    /** The offending entry's name as written in the archive, when one entry is to blame. */
    public Optional<String> entry() {
        return Optional.ofNullable(entry);
    }

    /** The CLI's error shape: {@code {"error": message, "reason": code, "entry": name|null}}. */
    public ObjectNode toJson() {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("error", getMessage());
        o.put("reason", reason.code());
        o.put("entry", entry);
        return o;
    }
}
