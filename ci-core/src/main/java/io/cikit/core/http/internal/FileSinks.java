package io.cikit.core.http.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The temporary files of one download attempt, created beside the target so the final move stays on one file
 * system. {@link #discardAll()} deletes every file and refuses new ones, so a reply arriving after the attempt
 * was abandoned cannot leave a file behind. Thread-safe.
 */
public final class FileSinks {
    private final Path directory;
    private final String baseName;
    private final List<FileSink> sinks = new ArrayList<>();
    private boolean closed;

    public FileSinks(Path target) {
        Path parent = target.toAbsolutePath().getParent();
        this.directory = parent == null ? target.toAbsolutePath() : parent;
        this.baseName = "." + target.getFileName() + ".";
    }

    /** A sink writing to a new temporary file. */
    public synchronized FileSink open(long maxBytes, long declaredLength, Progress progress) throws IOException {
        if (closed) {
            throw new IOException("download attempt already abandoned");
        }
        Path temp = Files.createTempFile(directory, baseName, ".part");
        FileSink sink;
        try {
            sink = new FileSink(temp, maxBytes, declaredLength, progress);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        sinks.add(sink);
        return sink;
    }

    /** Deletes every temporary file of this attempt (a completed one too, unless already moved away). */
    public synchronized void discardAll() {
        closed = true;
        for (FileSink s : sinks) {
            s.discard();
        }
        sinks.clear();
    }
}
