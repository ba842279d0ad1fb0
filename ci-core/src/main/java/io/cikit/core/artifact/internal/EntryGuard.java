package io.cikit.core.artifact.internal;

import io.cikit.core.artifact.ArchiveEntry;
import io.cikit.core.artifact.ArchiveLimits;
import io.cikit.core.artifact.UnsafeArchiveException;
import io.cikit.core.artifact.UnsafeArchiveException.Reason;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Checks each entry of one archive, in order: its name (no absolute paths, no {@code ..}, no NUL), its links
 * (symlinks and hardlinks must resolve inside the root, through every symlink seen so far), devices (refused when
 * extracting), and the entry-count and declared-size limits. Not thread-safe; one per pass over an archive.
 */
final class EntryGuard {
    private static final int MAX_LINK_HOPS = 40;

    private final ArchiveLimits limits;
    private final boolean extracting;
    private final Map<String, String> symlinks = new HashMap<>();
    private final Set<String> files = new HashSet<>();
    private int entries;
    private long declaredTotal;

    EntryGuard(ArchiveLimits limits, boolean extracting) {
        this.limits = limits;
        this.extracting = extracting;
    }

    /**
     * Admits one entry or throws why not. Empty for the archive's root directory entry ({@code ./}), which is
     * reported to nobody.
     */
    Optional<ArchiveEntry> admit(String rawName, ArchiveEntry.Type type, long size, @Nullable String rawLink, int mode) {
        if (++entries > limits.maxEntries()) {
            throw new UnsafeArchiveException(Reason.TOO_MANY_ENTRIES, rawName,
                    "archive has more than " + limits.maxEntries() + " entries");
        }
        String name = normalise(rawName, rawName, Reason.PATH_TRAVERSAL, Reason.ABSOLUTE_PATH);
        if (name.isEmpty()) {
            if (type == ArchiveEntry.Type.DIRECTORY) {
                return Optional.empty();
            }
            throw new UnsafeArchiveException(Reason.INVALID_NAME, rawName, "entry with an empty name");
        }
        throughSymlinks(rawName, name);
        long declared = type == ArchiveEntry.Type.FILE ? Math.max(0, size) : 0;
        if (declared > limits.maxEntryBytes()) {
            throw new UnsafeArchiveException(Reason.TOO_LARGE, rawName,
                    "entry " + rawName + " declares " + declared + " bytes, more than " + limits.maxEntryBytes());
        }
        declaredTotal += declared;
        if (declaredTotal > limits.maxTotalBytes()) {
            throw new UnsafeArchiveException(Reason.TOO_LARGE, rawName,
                    "entries declare more than " + limits.maxTotalBytes() + " bytes in total");
        }
        String link = null;
        switch (type) {
            case SYMLINK -> link = symlink(rawName, name, rawLink);
            case HARDLINK -> link = hardlink(rawName, rawLink);
            case DEVICE, FIFO -> {
                if (extracting) {
                    throw new UnsafeArchiveException(Reason.DEVICE_FILE, rawName,
                            "entry " + rawName + " is a device or FIFO; those are never extracted");
                }
            }
            case FILE -> files.add(name);
            default -> {
                // directories and others need no more checks
            }
        }
        return Optional.of(new ArchiveEntry(name, type, declared, Optional.ofNullable(link), mode & 07777));
    }

    private String normalise(String raw, String entry, Reason dotDot, Reason absolute) {
        if (raw.length() > limits.maxNameLength()) {
            throw new UnsafeArchiveException(Reason.INVALID_NAME, entry, "name longer than " + limits.maxNameLength());
        }
        if (raw.indexOf('\0') >= 0) {
            throw new UnsafeArchiveException(Reason.INVALID_NAME, entry, "name with a NUL byte: " + entry);
        }
        // Windows separators count as separators, so "..\\x" cannot sneak past
        String n = raw.replace('\\', '/');
        if (n.startsWith("/") || n.matches("^[A-Za-z]:.*")) {
            throw new UnsafeArchiveException(absolute, entry, "absolute path " + raw + " in entry " + entry);
        }
        List<String> parts = new ArrayList<>();
        for (String p : n.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                throw new UnsafeArchiveException(dotDot, entry, "'..' in " + raw + " (entry " + entry + ")");
            }
            parts.add(p);
        }
        return String.join("/", parts);
    }

    /** Entry names that pass through an archive symlink: refused when extracting, resolved otherwise. */
    private void throughSymlinks(String rawName, String name) {
        int slash = name.lastIndexOf('/');
        if (slash < 0) {
            return;
        }
        String parent = name.substring(0, slash);
        String prefix = "";
        for (String part : parent.split("/")) {
            prefix = prefix.isEmpty() ? part : prefix + "/" + part;
            if (symlinks.containsKey(prefix)) {
                if (extracting) {
                    throw new UnsafeArchiveException(Reason.PATH_TRAVERSAL, rawName,
                            "entry " + rawName + " goes through the archive's symlink " + prefix);
                }
                if (resolve(parent) == null) {
                    throw new UnsafeArchiveException(Reason.SYMLINK_ESCAPE, rawName,
                            "entry " + rawName + " goes through symlinks that leave the archive");
                }
                return;
            }
        }
    }

    private String symlink(String rawName, String name, @Nullable String target) {
        if (target == null || target.isEmpty() || target.indexOf('\0') >= 0 || target.length() > limits.maxNameLength()) {
            throw new UnsafeArchiveException(Reason.INVALID_NAME, rawName, "symlink " + rawName + " with an invalid target");
        }
        String t = target.replace('\\', '/');
        if (t.startsWith("/") || t.matches("^[A-Za-z]:.*")) {
            throw new UnsafeArchiveException(Reason.SYMLINK_ESCAPE, rawName,
                    "symlink " + rawName + " points to the absolute path " + target);
        }
        symlinks.put(name, t);
        // a new link can change where earlier links with ".." lead, so those are checked again
        for (Map.Entry<String, String> e : symlinks.entrySet()) {
            if ((e.getKey().equals(name) || e.getValue().contains("..")) && resolveLink(e.getKey(), e.getValue()) == null) {
                symlinks.remove(name);
                throw new UnsafeArchiveException(Reason.SYMLINK_ESCAPE, rawName, e.getKey().equals(name)
                        ? "symlink " + rawName + " -> " + target + " leads outside the archive"
                        : "symlink " + rawName + " makes symlink " + e.getKey() + " lead outside the archive");
            }
        }
        return target;
    }

    private String hardlink(String rawName, @Nullable String target) {
        if (target == null || target.isEmpty()) {
            throw new UnsafeArchiveException(Reason.INVALID_NAME, rawName, "hardlink " + rawName + " without a target");
        }
        String t = normalise(target, rawName, Reason.HARDLINK_ESCAPE, Reason.HARDLINK_ESCAPE);
        if (!files.contains(t)) {
            throw new UnsafeArchiveException(Reason.HARDLINK_ESCAPE, rawName,
                    "hardlink " + rawName + " -> " + target + " names no earlier file of the archive");
        }
        files.add(normalise(rawName, rawName, Reason.PATH_TRAVERSAL, Reason.ABSOLUTE_PATH));
        return t;
    }

    private @Nullable String resolveLink(String linkName, String target) {
        int slash = linkName.lastIndexOf('/');
        String base = slash < 0 ? "" : linkName.substring(0, slash);
        return resolve(base.isEmpty() ? target : base + "/" + target);
    }

    /** Resolves a relative path through the archive's symlinks; null when it leaves the root. */
    private @Nullable String resolve(String path) {
        Deque<String> todo = new ArrayDeque<>(List.of(path.split("/")));
        Deque<String> done = new ArrayDeque<>();
        int hops = 0;
        while (!todo.isEmpty()) {
            String part = todo.pollFirst();
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (done.isEmpty()) {
                    return null;
                }
                done.pollLast();
                continue;
            }
            done.addLast(part);
            String target = symlinks.get(String.join("/", done));
            if (target != null) {
                if (++hops > MAX_LINK_HOPS || target.startsWith("/")) {
                    return null;
                }
                done.pollLast();
                List<String> parts = List.of(target.split("/"));
                for (int i = parts.size() - 1; i >= 0; i--) {
                    todo.addFirst(parts.get(i));
                }
            }
        }
        return String.join("/", done);
    }
}
