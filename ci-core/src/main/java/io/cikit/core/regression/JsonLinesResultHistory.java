package io.cikit.core.regression;

import io.cikit.core.CiException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable {@link ResultHistory}: an append-only file with one {@link RunRecordJson} per line, indexed in memory.
 *
 * <p><b>Crash safety.</b> Each run is written as one line ending in a newline, with a single write; by default the
 * file is fsynced after every append ({@link Options#syncEvery()}). A crash can therefore only leave a torn
 * <em>last</em> line. On reopen, everything after the last line that parses — a partial line, or trailing garbage
 * — is ignored and truncated away (in read-only mode it is only ignored); unreadable lines in the middle are
 * skipped and counted. {@link #recovery()} tells what was found. A failed append is rolled back by truncating to
 * the previous length, so a later append never lands on a half-written line.
 *
 * <p><b>Bounds.</b> The index keeps the last {@link Options#retainPerContext()} runs per context. The file keeps
 * growing until {@link #compact()} rewrites it with exactly the indexed runs (to a temporary file, fsynced, then
 * atomically renamed over the old one); this happens by itself once {@link Options#compactAfterObsoleteLines()}
 * lines are no longer indexed. Lines longer than {@link Options#maxLineBytes()} are skipped.
 *
 * <p><b>Concurrency.</b> Thread-safe. A writable store takes an exclusive lock on {@code <file>.lock}; opening the
 * same file for writing twice (in this or another process) fails with a {@link CiException}. Read-only stores take
 * no lock and see the file as it was when opened.
 *
 * <p>Records counters {@code cikit.history.appends}, {@code cikit.history.lines.skipped},
 * {@code cikit.history.bytes.truncated} and {@code cikit.history.compactions}. I/O failures surface as
 * {@link CiException}.
 */
public final class JsonLinesResultHistory implements ResultHistory {
    private static final Logger LOG = LoggerFactory.getLogger(JsonLinesResultHistory.class);
    private static final byte NEWLINE = '\n';

    private final Path file;
    private final Options options;
    private final boolean readOnly;
    private final InMemoryResultHistory index;
    private final Recovery recovery;
    private final Counter appends;
    private final Counter compactions;
    private FileChannel channel;
    private FileChannel lockChannel;
    private FileLock lock;
    private long linesInFile;
    private int unsynced;
    private boolean closed;

    /**
     * What opening the file found.
     *
     * @param runsRead lines read as runs (including runs the index then dropped for retention)
     * @param linesSkipped unreadable or oversized lines in the middle of the file, left out
     * @param bytesTruncated bytes after the last readable line: a torn write, ignored (and cut off when writable)
     */
    public record Recovery(long runsRead, long linesSkipped, long bytesTruncated) {
    }

    private JsonLinesResultHistory(Path file, Options options, boolean readOnly) {
        this.file = file;
        this.options = options;
        this.readOnly = readOnly;
        this.index = new InMemoryResultHistory(options.retainPerContext());
        this.appends = Counter.builder("cikit.history.appends").description("Runs appended to a history file")
                .register(options.registry());
        this.compactions = Counter.builder("cikit.history.compactions").description("History files rewritten")
                .register(options.registry());
        if (!readOnly) {
            acquireLock();
        }
        try {
            if (!readOnly) {
                // a compaction that crashed before its rename; the file it was replacing is intact
                Files.deleteIfExists(compactionFile());
            }
            this.recovery = load();
            if (!readOnly) {
                boolean created = !Files.exists(file);
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                if (created) {
                    syncDirectory();
                }
            }
        } catch (IOException | RuntimeException e) {
            releaseLock();
            if (e instanceof CiException ce) {
                throw ce;
            }
            throw new CiException("cannot open history file " + file + ": " + e, e);
        }
        Counter.builder("cikit.history.lines.skipped").description("Unreadable history lines skipped on open")
                .register(options.registry()).increment(recovery.linesSkipped());
        Counter.builder("cikit.history.bytes.truncated").description("Torn bytes cut from the end of history files")
                .register(options.registry()).increment(recovery.bytesTruncated());
    }

    /** Opens (creating if needed) a history file for reading and appending, with default {@link Options}. */
    public static JsonLinesResultHistory open(Path file) {
        return open(file, Options.DEFAULTS);
    }

    /**
     * Opens (creating if needed) a history file for reading and appending.
     *
     * @throws CiException if the file cannot be read or created, or is open for writing elsewhere
     */
    public static JsonLinesResultHistory open(Path file, Options options) {
        return new JsonLinesResultHistory(Objects.requireNonNull(file, "file"), Objects.requireNonNull(options, "options"), false);
    }

    /**
     * Opens an existing history file for reading only: no lock, no repair, {@link #append} and {@link #compact}
     * throw {@link IllegalStateException}.
     *
     * @throws CiException if the file does not exist or cannot be read
     */
    public static JsonLinesResultHistory openReadOnly(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new CiException("history file " + file + " does not exist");
        }
        return new JsonLinesResultHistory(file, Options.DEFAULTS, true);
    }

    @Override
    public synchronized void append(RunRecord run) {
        Objects.requireNonNull(run, "run");
        checkWritable();
        byte[] json = RunRecordJson.toLine(run);
        byte[] line = Arrays.copyOf(json, json.length + 1);
        line[json.length] = NEWLINE;
        if (line.length > options.maxLineBytes()) {
            throw new IllegalArgumentException("run record is " + line.length + " bytes; history lines are limited to "
                    + options.maxLineBytes());
        }
        long before;
        try {
            before = channel.size();
        } catch (IOException e) {
            throw new CiException("cannot append to history file " + file + ": " + e, e);
        }
        try {
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            unsynced++;
            if (options.syncEvery() > 0 && unsynced >= options.syncEvery()) {
                channel.force(false);
                unsynced = 0;
            }
        } catch (IOException e) {
            rollBack(before);
            throw new CiException("cannot append to history file " + file + ": " + e, e);
        }
        index.append(run);
        linesInFile++;
        appends.increment();
        if (options.compactAfterObsoleteLines() > 0 && linesInFile - index.size() >= options.compactAfterObsoleteLines()) {
            compact();
        }
    }

    @Override
    public List<RunRecord> recentRuns(RunContext context, int limit) {
        return index.recentRuns(context, limit);
    }

    @Override
    public Set<RunContext> contexts() {
        return index.contexts();
    }

    /** Runs currently indexed, over all contexts. */
    public long size() {
        return index.size();
    }

    /** What opening the file found. */
    public Recovery recovery() {
        return recovery;
    }

    /** The file behind this store. */
    public Path file() {
        return file;
    }

    /** Forces appended runs to disk now (only needed with {@code syncEvery} other than 1). */
    public synchronized void flush() {
        checkWritable();
        try {
            channel.force(false);
            unsynced = 0;
        } catch (IOException e) {
            throw new CiException("cannot sync history file " + file + ": " + e, e);
        }
    }

    /**
     * Rewrites the file to hold exactly the indexed runs (per context in append order; contexts one after another),
     * dropping runs beyond the retention and any skipped lines. Atomic: a crash leaves either the old or the new file.
     *
     * @throws CiException on I/O failure (the old file is then still in place and in use)
     */
    public synchronized void compact() {
        checkWritable();
        Path tmp = compactionFile();
        long lines = 0;
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (RunContext context : index.contexts()) {
                for (RunRecord run : index.recentRuns(context, Integer.MAX_VALUE)) {
                    byte[] json = RunRecordJson.toLine(run);
                    ByteBuffer buffer = ByteBuffer.allocate(json.length + 1).put(json).put(NEWLINE).flip();
                    while (buffer.hasRemaining()) {
                        out.write(buffer);
                    }
                    lines++;
                }
            }
            out.force(true);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new CiException("cannot compact history file " + file + ": " + e, e);
        }
        try {
            channel.close();
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory();
        } catch (IOException e) {
            deleteQuietly(tmp);
            reopenChannel();
            throw new CiException("cannot replace history file " + file + " with its compacted copy: " + e, e);
        }
        reopenChannel();
        LOG.info("Compacted history file {}: {} lines before, {} after", file, linesInFile, lines);
        linesInFile = lines;
        unsynced = 0;
        compactions.increment();
    }

    /** Syncs and closes the file and releases the lock. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (channel != null) {
                if (unsynced > 0) {
                    channel.force(false);
                }
                channel.close();
            }
        } catch (IOException e) {
            throw new CiException("cannot close history file " + file + ": " + e, e);
        } finally {
            releaseLock();
        }
    }

    private Recovery load() throws IOException {
        if (!Files.exists(file)) {
            return new Recovery(0, 0, 0);
        }
        LineScanner scanner = new LineScanner();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                scanner.feed(buffer, n);
            }
        } catch (NoSuchFileException e) {
            return new Recovery(0, 0, 0);
        }
        if (scanner.finish() && !readOnly) {
            // the last record was written whole but its newline was not: restore it so the next append starts a line
            try (FileChannel repair = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                repair.write(ByteBuffer.wrap(new byte[] {NEWLINE}));
                repair.force(true);
            }
        }
        long tail = scanner.offset - scanner.validEnd;
        if (tail > 0) {
            LOG.warn("History file {}: {} bytes after the last readable line (a torn write){}", file, tail,
                    readOnly ? "; ignored" : "; truncating");
            if (!readOnly) {
                try (FileChannel repair = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    repair.truncate(scanner.validEnd);
                    repair.force(true);
                }
            }
        }
        linesInFile = scanner.goodLines + scanner.skippedLines;
        return new Recovery(scanner.goodLines, scanner.skippedLines, tail);
    }

    /** Splits the file into lines as bytes arrive, parsing each complete line; bounded by maxLineBytes. */
    private final class LineScanner {
        private byte[] line = new byte[1024];
        private int length;
        private boolean oversized;
        private long offset;
        private long validEnd;
        private long lineNumber;
        private long goodLines;
        private long skippedLines;
        private long pendingBadLines;

        void feed(byte[] buffer, int n) {
            int start = 0;
            for (int i = 0; i < n; i++) {
                if (buffer[i] == NEWLINE) {
                    append(buffer, start, i - start);
                    offset += i - start + 1;
                    endOfLine();
                    start = i + 1;
                }
            }
            append(buffer, start, n - start);
            offset += n - start;
        }

        private void append(byte[] buffer, int from, int count) {
            if (oversized || count == 0) {
                return;
            }
            if (length + count > options.maxLineBytes()) {
                oversized = true;
                length = 0;
                return;
            }
            if (length + count > line.length) {
                line = Arrays.copyOf(line, Math.max(length + count, line.length * 2));
            }
            System.arraycopy(buffer, from, line, length, count);
            length += count;
        }

        /** Handles a last line without a newline; true when it was a whole, readable record. */
        boolean finish() {
            if (length == 0 || oversized) {
                return false;
            }
            try {
                RunRecord run = RunRecordJson.parse(line, 0, length);
                index.append(run);
                goodLines++;
                skippedLines += pendingBadLines;
                pendingBadLines = 0;
                validEnd = offset;
                return true;
            } catch (MalformedRecordException e) {
                return false;
            }
        }

        private void endOfLine() {
            lineNumber++;
            boolean blank = !oversized && isBlank();
            if (blank) {
                if (pendingBadLines == 0) {
                    validEnd = offset;
                }
            } else if (oversized) {
                LOG.warn("History file {} line {}: longer than {} bytes; skipped", file, lineNumber, options.maxLineBytes());
                pendingBadLines++;
            } else {
                try {
                    index.append(RunRecordJson.parse(line, 0, length));
                    goodLines++;
                    skippedLines += pendingBadLines;
                    pendingBadLines = 0;
                    validEnd = offset;
                } catch (MalformedRecordException e) {
                    LOG.warn("History file {} line {}: unreadable ({}); skipped", file, lineNumber, e.getMessage());
                    pendingBadLines++;
                }
            }
            length = 0;
            oversized = false;
        }

        private boolean isBlank() {
            for (int i = 0; i < length; i++) {
                if (!Character.isWhitespace(line[i])) {
                    return false;
                }
            }
            return true;
        }
    }

    private void rollBack(long size) {
        try {
            channel.truncate(size);
            channel.force(false);
        } catch (IOException e) {
            // the file may now end in a partial line; the next open truncates it, but appending on is unsafe
            LOG.error("History file {}: could not roll back a failed append; closing the store: {}", file, e.toString());
            closed = true;
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing
            }
            releaseLock();
        }
    }

    private void reopenChannel() {
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            closed = true;
            releaseLock();
            throw new CiException("cannot reopen history file " + file + ": " + e, e);
        }
    }

    private void acquireLock() {
        Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
        try {
            lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            closeLockChannel();
            throw new CiException("history file " + file + " is already open for writing in this process");
        } catch (IOException e) {
            closeLockChannel();
            throw new CiException("cannot lock history file " + file + ": " + e, e);
        }
        if (lock == null) {
            closeLockChannel();
            throw new CiException("history file " + file + " is open for writing in another process");
        }
    }

    private void releaseLock() {
        try {
            if (lock != null && lock.isValid()) {
                lock.release();
            }
        } catch (IOException e) {
            LOG.warn("Could not release the lock on {}: {}", file, e.toString());
        }
        closeLockChannel();
    }

    private void closeLockChannel() {
        if (lockChannel != null) {
            try {
                lockChannel.close();
            } catch (IOException e) {
                LOG.debug("Closing the lock file of {} failed: {}", file, e.toString());
            }
        }
    }

    private void syncDirectory() {
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null) {
            return;
        }
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // not every platform lets a directory be opened and synced; the rename itself is still atomic
            LOG.debug("Could not sync directory {}: {}", dir, e.toString());
        }
    }

    private Path compactionFile() {
        return file.resolveSibling(file.getFileName() + ".compact");
    }

    private void checkWritable() {
        if (readOnly) {
            throw new IllegalStateException("history file " + file + " was opened read-only");
        }
        if (closed) {
            throw new IllegalStateException("history file " + file + " is closed");
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.debug("Could not delete {}: {}", path, e.toString());
        }
    }

    /**
     * Settings of a {@link JsonLinesResultHistory}.
     *
     * @param syncEvery fsync after this many appends: 1 (default) after each, n to batch, 0 to leave it to the OS
     *         (then only {@link #flush}, {@link #compact} and {@link #close} sync)
     * @param retainPerContext runs kept per context in the index and through compaction (default 1000)
     * @param compactAfterObsoleteLines compact automatically once this many lines of the file are not indexed
     *         (default 10,000; 0 never)
     * @param maxLineBytes longest line read or written (default 16 MiB)
     * @param registry where counters go (default the global registry)
     */
    public record Options(int syncEvery, int retainPerContext, long compactAfterObsoleteLines, int maxLineBytes,
            MeterRegistry registry) {

        public static final Options DEFAULTS = new Options(1, InMemoryResultHistory.DEFAULT_MAX_RUNS_PER_CONTEXT, 10_000,
                16 * 1024 * 1024, Metrics.globalRegistry);

        public Options {
            Objects.requireNonNull(registry, "registry");
            if (syncEvery < 0 || retainPerContext < 1 || compactAfterObsoleteLines < 0 || maxLineBytes < 2) {
                throw new IllegalArgumentException("invalid history options: syncEvery=" + syncEvery + ", retainPerContext="
                        + retainPerContext + ", compactAfterObsoleteLines=" + compactAfterObsoleteLines + ", maxLineBytes="
                        + maxLineBytes);
            }
        }

        public static Builder builder() {
            return new Builder();
        }

        /** Builds {@link Options} from the defaults. Not thread-safe. */
        public static final class Builder {
            private int syncEvery = DEFAULTS.syncEvery;
            private int retainPerContext = DEFAULTS.retainPerContext;
            private long compactAfterObsoleteLines = DEFAULTS.compactAfterObsoleteLines;
            private int maxLineBytes = DEFAULTS.maxLineBytes;
            private MeterRegistry registry = DEFAULTS.registry;

            private Builder() {
            }

            public Builder syncEvery(int v) { this.syncEvery = v; return this; }
            public Builder retainPerContext(int v) { this.retainPerContext = v; return this; }
            public Builder compactAfterObsoleteLines(long v) { this.compactAfterObsoleteLines = v; return this; }
            public Builder maxLineBytes(int v) { this.maxLineBytes = v; return this; }
            public Builder meterRegistry(MeterRegistry v) { this.registry = Objects.requireNonNull(v, "registry"); return this; }

            public Options build() {
                return new Options(syncEvery, retainPerContext, compactAfterObsoleteLines, maxLineBytes, registry);
            }
        }
    }
}
