package io.cikit.core.artifact.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.tukaani.xz.BasicArrayCache;
import org.tukaani.xz.SeekableFileInputStream;
import org.tukaani.xz.SeekableXZInputStream;

/**
 * Decodes the blocks of a multi-block {@code .xz} file (what {@code xz -T}, and so Yocto, writes) on several
 * threads, and reads them back in order. Each block is decoded by its own {@link SeekableXZInputStream} into a
 * temporary spool file that the reader follows as it grows, so memory stays at one dictionary and one buffer per
 * thread whatever the block size; at most {@code threads + 1} spools exist at once, and each is deleted once read.
 * Integrity checks are verified as in sequential decoding. One reader thread; {@link #close} stops the workers.
 */
final class ParallelXzInputStream extends InputStream {
    private static final int CHUNK = 1 << 20;
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final Path file;
    private final int memoryLimitKiB;
    private final int threads;
    private final long[] size;
    private final long[] compSize;
    private final Spool[] spools;
    private final ExecutorService pool;
    private volatile boolean closed;
    private int current;
    private int scheduled;
    private long consumedComp;
    private long readPos;
    private @Nullable FileChannel reading;

    private ParallelXzInputStream(Path file, int memoryLimitKiB, int threads, long[] size, long[] compSize) {
        this.file = file;
        this.memoryLimitKiB = memoryLimitKiB;
        this.threads = threads;
        this.size = size;
        this.compSize = compSize;
        this.spools = new Spool[size.length];
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "cikit-xz-decoder-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        schedule();
    }

    /**
     * A parallel reader for {@code file}, or empty when it would not help or not be safe: fewer than two threads or
     * blocks, a block larger than {@code maxBlockBytes} (the spool bound), or an index that cannot be read (the
     * sequential reader then reports what is wrong).
     */
    static Optional<ParallelXzInputStream> open(Path file, long memoryLimitBytes, int threads, long maxBlockBytes) {
        if (threads < 2) {
            return Optional.empty();
        }
        int kib = (int) Math.min(Integer.MAX_VALUE, memoryLimitBytes / 1024);
        try (SeekableXZInputStream index = new SeekableXZInputStream(new SeekableFileInputStream(file.toFile()), kib)) {
            int blocks = index.getBlockCount();
            if (blocks < 2 || index.getLargestBlockSize() > maxBlockBytes) {
                return Optional.empty();
            }
            long[] size = new long[blocks];
            long[] comp = new long[blocks];
            for (int i = 0; i < blocks; i++) {
                size[i] = index.getBlockSize(i);
                comp[i] = index.getBlockCompSize(i);
            }
            return Optional.of(new ParallelXzInputStream(file, kib, threads, size, comp));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Compressed bytes behind what has been read so far (for the expansion-ratio check). */
    long compressedBytesConsumed() {
        if (current >= size.length) {
            return consumedComp;
        }
        return consumedComp + (size[current] == 0 ? 0 : (long) (compSize[current] * ((double) readPos / size[current])));
    }

    /** Total uncompressed size, from the index. */
    long uncompressedSize() {
        long total = 0;
        for (long s : size) {
            total += s;
        }
        return total;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (current < size.length) {
            if (readPos == size[current]) {
                nextBlock();
                continue;
            }
            Spool s = spools[current];
            long available = s.awaitBeyond(readPos);
            if (reading == null) {
                reading = FileChannel.open(s.path, StandardOpenOption.READ);
            }
            int want = (int) Math.min(len, available - readPos);
            int n = reading.read(ByteBuffer.wrap(b, off, want), readPos);
            if (n < 0) {
                throw new EOFException("spool of xz block " + current + " ended early");
            }
            readPos += n;
            return n;
        }
        return -1;
    }

    private void nextBlock() throws IOException {
        if (reading != null) {
            reading.close();
            reading = null;
        }
        Files.deleteIfExists(spools[current].path);
        consumedComp += compSize[current];
        spools[current] = null;
        current++;
        readPos = 0;
        schedule();
    }

    /** Keeps the workers at most {@code threads + 1} blocks ahead of the reader, bounding spool disk use. */
    private void schedule() {
        while (scheduled < size.length && scheduled <= current + threads) {
            int block = scheduled++;
            Spool s;
            try {
                s = new Spool(Files.createTempFile("cikit-xz-block-", ".spool"));
            } catch (IOException e) {
                s = Spool.failed(e);
            }
            spools[block] = s;
            Spool spool = s;
            if (spool.path != null) {
                pool.execute(() -> decode(block, spool));
            }
        }
    }

    private void decode(int block, Spool spool) {
        byte[] buf = new byte[CHUNK];
        // the shared cache hands each block's decoder the dictionary the previous block gave back
        try (SeekableXZInputStream xz = new SeekableXZInputStream(new SeekableFileInputStream(file.toFile()), memoryLimitKiB,
                BasicArrayCache.getInstance());
                FileChannel out = FileChannel.open(spool.path, StandardOpenOption.WRITE)) {
            xz.seekToBlock(block);
            long left = size[block];
            while (left > 0 && !closed) {
                int r = xz.read(buf, 0, (int) Math.min(buf.length, left));
                if (r < 0) {
                    throw new EOFException("xz block " + block + " ended early");
                }
                ByteBuffer bb = ByteBuffer.wrap(buf, 0, r);
                while (bb.hasRemaining()) {
                    out.write(bb);
                }
                left -= r;
                spool.advance(r);
            }
            spool.finish();
        } catch (IOException | RuntimeException e) {
            spool.fail(e instanceof IOException io ? io : new IOException("corrupt xz data: " + e, e));
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        pool.shutdownNow();
        if (reading != null) {
            reading.close();
            reading = null;
        }
        for (Spool s : spools) {
            if (s != null && s.path != null) {
                Files.deleteIfExists(s.path);
            }
        }
    }

    /** One block's decoded bytes on disk, growing while a worker writes them. */
    private static final class Spool {
        final @Nullable Path path;
        private long written;
        private boolean done;
        private @Nullable IOException failure;

        Spool(@Nullable Path path) {
            this.path = path;
        }

        static Spool failed(IOException e) {
            Spool s = new Spool(null);
            s.fail(e);
            return s;
        }

        synchronized void advance(long n) {
            written += n;
            notifyAll();
        }

        synchronized void finish() {
            done = true;
            notifyAll();
        }

        synchronized void fail(IOException e) {
            failure = e;
            notifyAll();
        }

        /** Waits until more than {@code pos} bytes are written; returns how many are. */
        synchronized long awaitBeyond(long pos) throws IOException {
            while (written <= pos) {
                if (failure != null) {
                    throw failure;
                }
                if (done) {
                    throw new EOFException("xz block shorter than its index says");
                }
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for an xz block");
                }
            }
            return written;
        }
    }
}
