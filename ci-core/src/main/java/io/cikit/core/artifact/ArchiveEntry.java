package io.cikit.core.artifact;

import java.util.Objects;
import java.util.Optional;

/**
 * One entry of an archive as {@link SafeArchive} reports it, after its name passed the safety checks.
 *
 * @param name the normalised relative path: {@code /}-separated, no leading {@code ./}, no {@code .} or
 *     {@code ..} segments
 * @param type what the entry is
 * @param size the declared content size in bytes (0 for anything but files)
 * @param linkTarget the target of a symlink (as written) or hardlink (normalised entry name)
 * @param mode the Unix permission bits, when the archive records them (0 otherwise)
 */
public record ArchiveEntry(String name, Type type, long size, Optional<String> linkTarget, int mode) {

    /** Entry types; devices and FIFOs are listed but never extracted. */
    public enum Type {
        FILE,
        DIRECTORY,
        SYMLINK,
        HARDLINK,
        DEVICE,
        FIFO,
        OTHER
    }

    public ArchiveEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(linkTarget, "linkTarget");
    }
}
