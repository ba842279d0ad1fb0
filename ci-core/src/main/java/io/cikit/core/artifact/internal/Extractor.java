package io.cikit.core.artifact.internal;

import io.cikit.core.artifact.ArchiveEntry;
import io.cikit.core.artifact.UnsafeArchiveException;
import io.cikit.core.artifact.UnsafeArchiveException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Writes admitted entries under a root directory. Files and directories are written as they stream past;
 * hardlinks and symlinks are made only after every file is written, so no write can pass through a link the
 * archive made. Every parent directory's real path is checked to lie inside the root before writing. Modes keep
 * only the owner/group/other read-write-execute bits. Not thread-safe; one per extraction.
 */
public final class Extractor implements ArchiveStreams.Visitor {
    private final Path root;
    private final List<ArchiveEntry> done = new ArrayList<>();
    private final List<ArchiveEntry> links = new ArrayList<>();

    public Extractor(Path directory) throws IOException {
        Files.createDirectories(directory);
        this.root = directory.toRealPath();
    }

    @Override
    public void visit(ArchiveEntry entry, InputStream content) throws IOException {
        Path target = inside(entry);
        switch (entry.type()) {
            case DIRECTORY -> {
                Files.createDirectories(target);
                checkReal(entry, target);
                done.add(entry);
            }
            case FILE -> {
                Files.createDirectories(target.getParent());
                checkReal(entry, target.getParent());
                if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                    throw new UnsafeArchiveException(Reason.CORRUPT, entry.name(), "file entry " + entry.name()
                            + " where the archive already made a directory");
                }
                try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                    content.transferTo(out);
                }
                permissions(target, entry.mode());
                done.add(entry);
            }
            case SYMLINK, HARDLINK -> links.add(entry);
            default -> {
                // devices and FIFOs were refused by the guard; anything else is skipped
            }
        }
    }

    /** Makes the links collected while streaming; returns every entry extracted, in archive order per kind. */
    public List<ArchiveEntry> finish() throws IOException {
        for (ArchiveEntry e : links) {
            Path target = inside(e);
            Files.createDirectories(target.getParent());
            checkReal(e, target.getParent());
            Files.deleteIfExists(target);
            String link = e.linkTarget().orElseThrow();
            if (e.type() == ArchiveEntry.Type.HARDLINK) {
                Path existing = inside(new ArchiveEntry(link, ArchiveEntry.Type.FILE, 0, java.util.Optional.empty(), 0));
                try {
                    Files.createLink(target, existing);
                } catch (UnsupportedOperationException | FileSystemException x) {
                    Files.copy(existing, target, StandardCopyOption.REPLACE_EXISTING, LinkOption.NOFOLLOW_LINKS);
                }
            } else {
                Files.createSymbolicLink(target, target.getFileSystem().getPath(link));
            }
            done.add(e);
        }
        return List.copyOf(done);
    }

    private Path inside(ArchiveEntry entry) {
        Path p = root.resolve(entry.name()).normalize();
        if (!p.startsWith(root) || p.equals(root)) {
            throw new UnsafeArchiveException(Reason.PATH_TRAVERSAL, entry.name(), "entry " + entry.name() + " leaves the root");
        }
        return p;
    }

    /** The real path (links resolved) of a directory about to be written into must still be inside the root. */
    private void checkReal(ArchiveEntry entry, Path dir) throws IOException {
        if (!dir.toRealPath().startsWith(root)) {
            throw new UnsafeArchiveException(Reason.SYMLINK_ESCAPE, entry.name(),
                    "entry " + entry.name() + " would be written through a link leading out of " + root);
        }
    }

    private static void permissions(Path file, int mode) throws IOException {
        if (mode == 0 || !file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Set<PosixFilePermission> p = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_READ};
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                p.add(order[bit]);
            }
        }
        // the owner can always read and write what it extracted
        p.add(PosixFilePermission.OWNER_READ);
        p.add(PosixFilePermission.OWNER_WRITE);
        Files.setPosixFilePermissions(file, p);
    }
}
