package io.cikit.core.git;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Makes a workspace's directory and removes it again, whatever is inside. */
final class Directories {
    private Directories() {
    }

    /** A new, empty directory {@code cikit-git-*} inside {@code base} (made if missing), readable by the owner only. */
    static Path create(Path base) {
        try {
            Files.createDirectories(base);
            return Files.createTempDirectory(base, "cikit-git-");
        } catch (IOException | UnsupportedOperationException e) {
            throw new GitException(GitException.Kind.LOCAL, "cannot create a workspace directory in " + base + ": " + e, e);
        }
    }

    /**
     * Removes {@code directory} and everything in it. Symbolic links are removed, never followed, so a link in a
     * checked-out tree cannot lead the removal outside the workspace. Read-only files (JGit's packs) are made
     * writable where the platform needs it.
     */
    static void delete(Path directory) throws IOException {
        if (!Files.exists(directory, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(directory, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                remove(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                remove(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                remove(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void remove(Path path) throws IOException {
        try {
            Files.deleteIfExists(path);
        } catch (AccessDeniedException e) {
            if (!path.toFile().setWritable(true)) {
                throw e;
            }
            Files.deleteIfExists(path);
        } catch (NoSuchFileException e) {
            // already gone: what we wanted
        }
    }
}
