package io.cikit.core.notify;

import io.cikit.core.notify.internal.GroupCommit;
import io.cikit.core.notify.internal.JournalCodec;
import io.cikit.core.notify.internal.JournalFile;
import io.cikit.core.notify.internal.OutboxState;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link Outbox}: an append-only journal in a directory, replayed into memory on {@link #open}.
 *
 * <p>Durability: {@link #record} returns once its frame is written and forced to disk. Concurrent callers share one
 * fsync (group commit): a caller that finds no write under way becomes the writer and writes and forces every
 * frame queued so far; callers arriving meanwhile queue and sleep until their frame is durable, and the first of them
 * writes the next batch, after waiting a moment (a fraction of the last fsync, at most 250 µs) for the callers just
 * released to queue again. Each caller is woken once. A crash can tear only
 * the last frame, which reopening cuts off (keeping the bytes beside the journal). Updates that only acknowledge are
 * written without waiting for an fsync of their own (the next forced write covers them): a killed process loses
 * none of them, a power loss may lose the newest, which only causes a redelivery.
 *
 * <p>Compaction: when the journal has grown past {@link Builder#compactAfterBytes} and most of what it records is
 * settled, the live state is written to a new generation file which atomically replaces the old one.
 *
 * <p>Thread-safe within a process. One process at a time: the directory is locked ({@code outbox.lock}) while open,
 * and opening a locked directory fails with {@link OutboxException}. Bounded: at most {@link Builder#maxEntries}
 * pending deliveries plus dead letters (default {@value #DEFAULT_MAX_ENTRIES}).
 */
public final class FileOutbox implements Outbox {
    private static final Logger LOG = LoggerFactory.getLogger(FileOutbox.class);

    /** Default bound on pending deliveries plus dead letters. */
    public static final int DEFAULT_MAX_ENTRIES = 200_000;
    /** Default journal size below which compaction is not considered. */
    public static final long DEFAULT_COMPACT_AFTER_BYTES = 16L * 1024 * 1024;

    private final Path dir;
    private final boolean fsync;
    private final long compactAfterBytes;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final OutboxState state;
    private final JournalFile journal;
    private final JournalFile.Recovery recovery;
    private final GroupCommit commit = new GroupCommit();

    // the state, closed and entriesWritten are guarded by commit's monitor: applying an update and queueing its
    // frame then take one lock, and the journal's order is the order updates were applied in
    private boolean closed;
    private long entriesWritten;
    /** Only the writer of the moment touches it. */
    private long nextCompactionCheck;

    private FileOutbox(Builder b) {
        this.dir = b.dir;
        this.fsync = b.fsync;
        this.compactAfterBytes = b.compactAfterBytes;
        this.state = new OutboxState(b.maxEntries);
        FileChannel lc = null;
        FileLock fl = null;
        JournalFile j = null;
        try {
            if (!b.create && !JournalFile.existsIn(dir)) {
                throw new OutboxException("no outbox in " + dir + ": "
                        + (Files.isDirectory(dir) ? "it holds no journal-*.log" : "no such directory"));
            }
            Files.createDirectories(dir);
            lc = FileChannel.open(dir.resolve("outbox.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                fl = lc.tryLock();
            } catch (OverlappingFileLockException e) {
                fl = null;
            }
            if (fl == null) {
                throw new OutboxException("outbox directory " + dir + " is in use by another FileOutbox");
            }
            long[] entries = {0};
            j = JournalFile.open(dir, fsync, payload -> {
                OutboxUpdate u = JournalCodec.decode(payload);
                entries[0] += u.added().size() + u.deadLettered().size() + u.acknowledged().size();
                state.apply(u);
            });
            this.entriesWritten = entries[0];
        } catch (IOException | IllegalArgumentException | OutboxException e) {
            closeQuietly(j, lc);
            if (e instanceof OutboxException oe) {
                throw oe;
            }
            throw new OutboxException("cannot open outbox in " + dir + ": " + e.getMessage(), e);
        }
        this.lockChannel = lc;
        this.lock = fl;
        this.journal = j;
        this.recovery = j.recovery();
        this.nextCompactionCheck = compactAfterBytes;
        LOG.debug("Opened outbox {}: {} pending, {} dead letters, {} records replayed", dir, state.depth(),
                state.size() - state.depth(), recovery.frames());
        // not yet shared with any thread: this constructor is the writer
        compactIfWorthIt();
    }

    /** Opens (or creates) the outbox in a directory with the defaults. */
    public static FileOutbox open(Path dir) {
        return builder(dir).open();
    }

    public static Builder builder(Path dir) {
        return new Builder(dir);
    }

    /**
     * Applies the update in memory at once, queues its frame, and returns once the frame is forced to disk: by this
     * thread, when no write is under way, else by the thread writing when this one queued or by the next.
     */
    @Override
    public void record(OutboxUpdate update) {
        Objects.requireNonNull(update, "update");
        if (update.isEmpty()) {
            return;
        }
        byte[] payload = JournalCodec.encode(update);
        if (payload.length > JournalFile.MAX_FRAME) {
            throw new OutboxException("outbox update too large: " + payload.length + " bytes, limit " + JournalFile.MAX_FRAME);
        }
        boolean lazy = update.onlyAcknowledges();
        GroupCommit.Ticket ticket;
        synchronized (commit) {
            checkUsable();
            state.checkCapacity(update);
            state.apply(update);
            entriesWritten += update.added().size() + update.deadLettered().size() + update.acknowledged().size();
            ticket = commit.enqueue(payload, lazy);
        }
        if (ticket.mustLead()) {
            lead();
            return;
        }
        if (!ticket.mustWait()) {
            return;
        }
        switch (commit.await(ticket)) {
            case DONE -> {
            }
            case LEAD -> lead();
            case FAILED -> {
                Throwable f = commit.failure().orElseThrow();
                throw new OutboxException("outbox " + dir + " cannot write its journal: " + f.getMessage(), f);
            }
        }
    }

    @Override
    public List<PendingDelivery> pending() {
        synchronized (commit) {
            return state.pending();
        }
    }

    @Override
    public List<DeadLetter> deadLetters() {
        synchronized (commit) {
            return state.deadLetters();
        }
    }

    @Override
    public int depth() {
        synchronized (commit) {
            return state.depth();
        }
    }

    /** The directory this outbox lives in. */
    public Path directory() {
        return dir;
    }

    /** Bytes in the current journal file. */
    public long journalBytes() {
        synchronized (commit) {
            return journal.size();
        }
    }

    /**
     * Forced journal writes (fsyncs, or would-be fsyncs with {@code fsync(false)}) since the outbox was opened, not
     * counting compactions: with {@link #record} called from many threads, far fewer than the records, since
     * concurrent callers share them.
     */
    public long forcedWrites() {
        return commit.forcedWrites();
    }

    /**
     * Bytes cut off the end of the journal when it was opened: a last record torn by a crash (kept beside the
     * journal as {@code journal-<generation>.log.torn}). Zero after a clean shutdown.
     */
    public long tornBytesOnOpen() {
        return recovery.tornBytes();
    }

    /** Rewrites the journal to hold only the live state now, whatever its size. */
    public void compact() {
        synchronized (commit) {
            checkUsable();
        }
        becomeWriter();
        try {
            flushQueued(true);
            rewrite();
        } catch (IOException e) {
            throw new OutboxException("compaction of " + dir + " failed: " + e.getMessage(), e);
        } finally {
            releaseWriter();
        }
    }

    @Override
    public void close() {
        synchronized (commit) {
            if (closed) {
                return;
            }
            closed = true;
        }
        becomeWriter();
        try {
            flushQueued(true);
            journal.force();
        } catch (IOException e) {
            LOG.warn("Outbox {}: last records may not be durable: {}", dir, e.toString());
        } finally {
            releaseWriter();
            closeQuietly(journal, null);
            try {
                lock.release();
            } catch (IOException e) {
                LOG.debug("releasing outbox lock: {}", e.toString());
            }
            closeQuietly(null, lockChannel);
        }
    }

    /**
     * This thread is the writer: writes and forces whatever is queued (its own frame among it), tells every caller
     * whose frame is now durable, then hands the writer's role to the first caller still waiting.
     */
    private void lead() {
        try {
            for (int round = 0; ; round++) {
                GroupCommit.Batch batch = commit.take();
                long start = System.nanoTime();
                journal.append(batch.payloads(), batch.force());
                if (!commit.published(batch, System.nanoTime() - start) || round >= 8) {
                    // nothing more, or callers wait and a fresh writer takes their frames; lone acknowledgements
                    // queued meanwhile are taken along only a few rounds, so a stream of them cannot hold this caller
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            commit.fail(e);
            LOG.error("Outbox {}: journal write failed; refusing further updates: {}", dir, e.toString());
            throw new OutboxException("outbox " + dir + " cannot write its journal: " + e.getMessage(), e);
        }
        try {
            compactIfWorthIt();
        } finally {
            releaseWriter();
        }
    }

    private void compactIfWorthIt() {
        long size;
        long live;
        long written;
        synchronized (commit) {
            size = journal.size();
            live = state.size();
            written = entriesWritten;
        }
        if (size < nextCompactionCheck) {
            return;
        }
        if (written <= 2 * live) {
            // at least half of what the journal records is still live: rewriting would not shrink it much; look
            // again when it has grown by half
            nextCompactionCheck = size + size / 2;
            return;
        }
        try {
            rewrite();
        } catch (IOException | RuntimeException e) {
            nextCompactionCheck = size * 2;
            LOG.warn("Outbox {}: compaction failed, the current journal stays in use: {}", dir, e.toString());
        }
    }

    /** Caller is the writer. Queued frames, already applied to the state, are written after the snapshot. */
    private void rewrite() throws IOException {
        List<OutboxUpdate> snapshot;
        synchronized (commit) {
            snapshot = state.snapshot(256);
        }
        List<byte[]> payloads = new ArrayList<>(snapshot.size());
        long entries = 0;
        for (OutboxUpdate u : snapshot) {
            payloads.add(JournalCodec.encode(u));
            entries += u.added().size() + u.deadLettered().size();
        }
        long before = journal.size();
        journal.rewrite(payloads);
        synchronized (commit) {
            entriesWritten = entries;
        }
        nextCompactionCheck = Math.max(compactAfterBytes, journal.size() * 2);
        LOG.debug("Outbox {}: compacted journal from {} to {} bytes", dir, before, journal.size());
    }

    /** Caller is the writer. Forces when asked to or when a queued frame's caller waits for the disk. */
    private void flushQueued(boolean forceAnyway) throws IOException {
        GroupCommit.Batch batch = commit.take();
        long start = System.nanoTime();
        journal.append(batch.payloads(), forceAnyway || batch.force());
        commit.published(batch, System.nanoTime() - start);
    }

    /** Waits until no caller is writing, then writes alone (compaction, close); callers queue meanwhile. */
    private void becomeWriter() {
        commit.becomeExclusiveWriter();
    }

    private void releaseWriter() {
        commit.handOff();
    }

    private void checkUsable() {
        if (closed) {
            throw new OutboxException("outbox " + dir + " is closed");
        }
        commit.failure().ifPresent(f -> {
            throw new OutboxException("outbox " + dir + " failed earlier: " + f.getMessage(), f);
        });
    }

    private static void closeQuietly(@Nullable JournalFile j, @Nullable FileChannel c) {
        try {
            if (j != null) {
                j.close();
            }
            if (c != null) {
                c.close();
            }
        } catch (IOException e) {
            LOG.debug("closing outbox files: {}", e.toString());
        }
    }

    /** Options for a {@link FileOutbox}. Not thread-safe. */
    public static final class Builder {
        private final Path dir;
        private boolean fsync = true;
        private int maxEntries = DEFAULT_MAX_ENTRIES;
        private long compactAfterBytes = DEFAULT_COMPACT_AFTER_BYTES;
        private boolean create = true;

        private Builder(Path dir) {
            this.dir = Objects.requireNonNull(dir, "dir");
        }

        /**
         * Whether each write is forced to disk before {@link #record} returns (default true). Off, a power loss may
         * lose recently accepted notifications; a process crash still does not.
         */
        public Builder fsync(boolean on) {
            this.fsync = on;
            return this;
        }

        /** Bound on pending deliveries plus dead letters (default {@value FileOutbox#DEFAULT_MAX_ENTRIES}). */
        public Builder maxEntries(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxEntries must be positive");
            }
            this.maxEntries = max;
            return this;
        }

        /** Journal size below which compaction is not considered (default 16 MiB). */
        public Builder compactAfterBytes(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("compactAfterBytes must be positive");
            }
            this.compactAfterBytes = bytes;
            return this;
        }

        /**
         * Whether {@link #open} creates the directory and an empty journal when there is none (default true). Tools
         * that inspect an existing outbox pass false, so a mistyped directory fails instead of becoming a new,
         * empty outbox.
         */
        public Builder createIfMissing(boolean create) {
            this.create = create;
            return this;
        }

        /**
         * Opens the outbox, replaying its journal.
         *
         * @throws OutboxException when the directory is locked by another outbox, unreadable, holds a journal this
         *     version cannot read, or (with {@code createIfMissing(false)}) holds no outbox
         */
        public FileOutbox open() {
            return new FileOutbox(this);
        }
    }
}
