package io.cikit.core.notify.internal;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One generation of an append-only journal: {@code journal-<generation>.log} holding an 8-byte magic then frames
 * of {@code [payload length: int][CRC32C of payload: int][payload]}. A frame is written in one piece; on reopening,
 * a last frame that is incomplete or fails its checksum (a write torn by a crash) is cut off.
 *
 * <p>Compaction writes a new generation beside the old one ({@code .tmp}, fsync, atomic rename, fsync of the
 * directory) and only then deletes the old one, so a crash at any point leaves one complete journal.
 *
 * <p>Not thread-safe: the owning outbox serialises writers.
 */
public final class JournalFile implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JournalFile.class);
    private static final byte[] MAGIC = "CIKOBX01".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern NAME = Pattern.compile("journal-(\\d{6,})\\.log");
    /** Largest frame accepted, written or read. */
    public static final int MAX_FRAME = 256 * 1024 * 1024;

    private final Path dir;
    private final boolean fsync;
    private final Recovery recovery;
    private long generation;
    private FileChannel channel;
    private long size;

    private JournalFile(Path dir, boolean fsync, long generation, FileChannel channel, long size, Recovery recovery) {
        this.dir = dir;
        this.fsync = fsync;
        this.generation = generation;
        this.channel = channel;
        this.size = size;
        this.recovery = recovery;
    }

    /**
     * What opening found.
     *
     * @param frames intact frames read
     * @param tornBytes bytes cut off the end (kept beside the journal as {@code journal-<generation>.log.torn})
     */
    public record Recovery(long frames, long tornBytes) {
    }

    /** Whether {@code dir} is a directory holding at least one journal generation. */
    public static boolean existsIn(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(p -> NAME.matcher(p.getFileName().toString()).matches());
        }
    }

    /**
     * Opens the newest journal in {@code dir} (creating the first one if there is none), hands every intact frame's
     * payload to {@code frames} in order, cuts off a torn tail and removes leftovers of an interrupted compaction.
     */
    public static JournalFile open(Path dir, boolean fsync, Consumer<byte[]> frames) throws IOException {
        Files.createDirectories(dir);
        List<Long> generations = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                Matcher m = NAME.matcher(name);
                if (m.matches()) {
                    generations.add(Long.parseLong(m.group(1)));
                } else if (name.startsWith("journal-") && name.endsWith(".tmp")) {
                    Files.deleteIfExists(p);
                }
            }
        }
        generations.sort(null);
        if (generations.isEmpty()) {
            Path first = fileOf(dir, 1);
            FileChannel ch = FileChannel.open(first, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.READ);
            writeFully(ch, ByteBuffer.wrap(MAGIC));
            ch.force(true);
            syncDirectory(dir);
            return new JournalFile(dir, fsync, 1, ch, MAGIC.length, new Recovery(0, 0));
        }
        long gen = generations.get(generations.size() - 1);
        for (long older : generations.subList(0, generations.size() - 1)) {
            // a compaction renamed its new generation into place but died before deleting the old one
            Files.deleteIfExists(fileOf(dir, older));
        }
        Path path = fileOf(dir, gen);
        long fileSize = Files.size(path);
        long goodEnd;
        long count = 0;
        if (fileSize < MAGIC.length) {
            goodEnd = 0;
        } else {
            try (InputStream raw = Files.newInputStream(path);
                 DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
                byte[] magic = new byte[MAGIC.length];
                in.readFully(magic);
                if (!Arrays.equals(magic, MAGIC)) {
                    throw new IOException(path + " is not a cikit outbox journal");
                }
                goodEnd = MAGIC.length;
                CRC32C crc = new CRC32C();
                while (true) {
                    long remaining = fileSize - goodEnd;
                    if (remaining < 8) {
                        break;
                    }
                    int length = in.readInt();
                    int sum = in.readInt();
                    if (length < 0 || length > MAX_FRAME || length > remaining - 8) {
                        break;
                    }
                    byte[] payload = new byte[length];
                    try {
                        in.readFully(payload);
                    } catch (EOFException e) {
                        break;
                    }
                    crc.reset();
                    crc.update(payload);
                    if ((int) crc.getValue() != sum) {
                        break;
                    }
                    frames.accept(payload);
                    count++;
                    goodEnd += 8 + length;
                }
            }
        }
        FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.READ);
        long torn = fileSize - goodEnd;
        if (goodEnd == 0) {
            ch.truncate(0);
            ch.position(0);
            writeFully(ch, ByteBuffer.wrap(MAGIC));
            ch.force(true);
            goodEnd = MAGIC.length;
        } else if (torn > 0) {
            Path aside = dir.resolve(path.getFileName() + ".torn");
            try (FileChannel out = FileChannel.open(aside, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.transferTo(goodEnd, torn, out);
            }
            LOG.warn("Outbox journal {}: ignored {} bytes after the last intact record (a write cut off by a crash); "
                    + "kept in {}", path, torn, aside);
            ch.truncate(goodEnd);
            ch.force(true);
        }
        ch.position(goodEnd);
        return new JournalFile(dir, fsync, gen, ch, goodEnd, new Recovery(count, Math.max(0, torn)));
    }

    /**
     * Appends frames in one write. With {@code force} (and fsync on) they are on disk when this returns; without,
     * they are in the operating system's cache, which survives the process but not a power loss.
     */
    public void append(List<byte[]> payloads, boolean force) throws IOException {
        if (payloads.isEmpty()) {
            return;
        }
        ByteBuffer buf = frames(payloads);
        writeFully(channel, buf);
        size += buf.capacity();
        if (fsync && force) {
            channel.force(false);
        }
    }

    /**
     * Replaces the journal with a new generation holding exactly {@code payloads}. On failure the current journal
     * stays in use, unchanged.
     */
    public void rewrite(List<byte[]> payloads) throws IOException {
        long next = generation + 1;
        Path tmp = dir.resolve("journal-" + String.format("%06d", next) + ".log.tmp");
        Path target = fileOf(dir, next);
        FileChannel fresh = null;
        try {
            fresh = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE, StandardOpenOption.READ);
            writeFully(fresh, ByteBuffer.wrap(MAGIC));
            long written = MAGIC.length;
            List<byte[]> chunk = new ArrayList<>();
            long chunkBytes = 0;
            for (byte[] p : payloads) {
                chunk.add(p);
                chunkBytes += p.length + 8L;
                if (chunkBytes >= (4 << 20)) {
                    ByteBuffer b = frames(chunk);
                    writeFully(fresh, b);
                    written += b.capacity();
                    chunk.clear();
                    chunkBytes = 0;
                }
            }
            if (!chunk.isEmpty()) {
                ByteBuffer b = frames(chunk);
                writeFully(fresh, b);
                written += b.capacity();
            }
            if (fsync) {
                fresh.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            if (fsync) {
                syncDirectory(dir);
            }
            FileChannel old = channel;
            Path oldPath = fileOf(dir, generation);
            channel = fresh;
            fresh = null;
            channel.position(written);
            size = written;
            generation = next;
            old.close();
            Files.deleteIfExists(oldPath);
        } finally {
            if (fresh != null) {
                fresh.close();
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** Bytes in the current generation. */
    public long size() {
        return size;
    }

    public Recovery recovery() {
        return recovery;
    }

    public long generation() {
        return generation;
    }

    public Path path() {
        return fileOf(dir, generation);
    }

    public void force() throws IOException {
        channel.force(false);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private static ByteBuffer frames(List<byte[]> payloads) {
        long total = 0;
        for (byte[] p : payloads) {
            total += 8L + p.length;
        }
        if (total > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("journal write too large: " + total + " bytes");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) total);
        CRC32C crc = new CRC32C();
        for (byte[] p : payloads) {
            if (p.length > MAX_FRAME) {
                throw new IllegalArgumentException("journal record too large: " + p.length + " bytes, limit " + MAX_FRAME);
            }
            crc.reset();
            crc.update(p);
            buf.putInt(p.length).putInt((int) crc.getValue()).put(p);
        }
        buf.flip();
        return buf;
    }

    private static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    private static Path fileOf(Path dir, long generation) {
        return dir.resolve("journal-" + String.format("%06d", generation) + ".log");
    }

    private static void syncDirectory(Path dir) {
        // makes creations and renames durable; some platforms cannot open a directory, where this is a no-op
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot fsync directory {}: {}", dir, e.toString());
        }
    }

}
