package io.cikit.core.dispatch.internal;

import io.cikit.core.result.ConsoleLogAnalyzer;
import io.cikit.core.result.LogAnalysis;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Captures a console stream: every byte goes to a {@link ConsoleLogAnalyzer} as it arrives, and to a log file that
 * keeps the first {@code headBytes} and the last {@code tailBytes} (held in a ring until {@link #finish()}), with a
 * {@code [cikit: N bytes omitted]} line between them. The log keeps the board's bytes unchanged, so the result and
 * log tools read it as is; when each line arrived goes to a sibling {@code <log>.times} file: {@code line<TAB>ms}
 * rows, one whenever output resumes after at least 100 ms (so stalls show), at most 100,000 rows.
 *
 * <p>Thread-safe (one feeder, with {@link #finish()} and {@link #tailText} from others). I/O errors surface as
 * {@link UncheckedIOException}.
 */
public final class ConsoleCapture {
    private static final long STAMP_NANOS = 100_000_000L;
    private static final int MAX_STAMPS = 100_000;
    private static final int RECENT = 1024;

    private final Path log;
    private final Path times;
    private final long headBytes;
    private final byte[] tail;
    private final byte[] recent = new byte[RECENT];
    private final ConsoleLogAnalyzer analyzer;
    private final LongSupplier nanoTime;
    private final long startNanos;
    private final OutputStream out;
    private final Writer timesOut;
    private int tailPos;
    private long tailFill;
    private long bytes;
    private long newlines;
    private long lastStampNanos;
    private int stamps;
    private boolean finished;
    private @Nullable Result result;

    public ConsoleCapture(Path log, long headBytes, int tailBytes, ConsoleLogAnalyzer analyzer) {
        this(log, headBytes, tailBytes, analyzer, System::nanoTime);
    }

    ConsoleCapture(Path log, long headBytes, int tailBytes, ConsoleLogAnalyzer analyzer, LongSupplier nanoTime) {
        this.log = Objects.requireNonNull(log, "log");
        this.times = log.resolveSibling(log.getFileName() + ".times");
        this.headBytes = headBytes;
        this.tail = new byte[tailBytes];
        this.analyzer = Objects.requireNonNull(analyzer, "analyzer");
        this.nanoTime = nanoTime;
        this.startNanos = nanoTime.getAsLong();
        this.lastStampNanos = startNanos - STAMP_NANOS;
        try {
            this.out = new BufferedOutputStream(Files.newOutputStream(log), 64 * 1024);
            this.timesOut = new BufferedWriter(Files.newBufferedWriter(times, StandardCharsets.UTF_8));
            timesOut.write("# line\tms since the capture started\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create console log " + log + ": " + e.getMessage(), e);
        }
    }

    /** Takes the next bytes of the console. */
    public synchronized void feed(byte[] b, int off, int len) {
        if (finished || len <= 0) {
            return;
        }
        long now = nanoTime.getAsLong();
        try {
            if (now - lastStampNanos >= STAMP_NANOS && stamps < MAX_STAMPS) {
                timesOut.write((newlines + 1) + "\t" + (now - startNanos) / 1_000_000 + "\n");
                stamps++;
                lastStampNanos = now;
            }
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    newlines++;
                }
            }
            int toHead = (int) Math.max(0, Math.min(len, headBytes - bytes));
            if (toHead > 0) {
                out.write(b, off, toHead);
            }
            if (len > toHead) {
                toTail(b, off + toHead, len - toHead);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write console log " + log + ": " + e.getMessage(), e);
        }
        for (int i = Math.max(off, off + len - RECENT); i < off + len; i++) {
            recent[(int) ((bytes + i - off) % RECENT)] = b[i];
        }
        bytes += len;
        analyzer.feed(b, off, len);
    }

    /** The console fell silent: lets the analyzer look for a prompt on the unfinished line. */
    public synchronized void quiet() {
        if (!finished) {
            analyzer.quiet();
        }
    }

    public synchronized long bytes() {
        return bytes;
    }

    /** The last bytes of the console as text (up to {@code max}, at most {@value #RECENT}), for error messages. */
    public synchronized String tailText(int max) {
        int n = (int) Math.min(Math.min(max, RECENT), bytes);
        byte[] last = new byte[n];
        for (int i = 0; i < n; i++) {
            last[i] = recent[(int) ((bytes - n + i) % RECENT)];
        }
        return new String(last, StandardCharsets.UTF_8);
    }

    /** Closes the files and finishes the analysis. Calling it again returns the same result. */
    public synchronized Result finish() {
        if (result != null) {
            return result;
        }
        finished = true;
        long omitted = Math.max(0, bytes - headBytes - tail.length);
        try (OutputStream o = out; Writer t = timesOut) {
            if (omitted > 0) {
                o.write(("\n[cikit: " + omitted + " bytes omitted]\n").getBytes(StandardCharsets.US_ASCII));
            }
            o.write(tailBytes());
            if (stamps >= MAX_STAMPS) {
                t.write("# more rows omitted\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write console log " + log + ": " + e.getMessage(), e);
        }
        LogAnalysis analysis = analyzer.finish();
        Result r = new Result(log, times, analysis, bytes, omitted);
        result = r;
        return r;
    }

    private void toTail(byte[] b, int off, int len) {
        int cap = tail.length;
        if (cap == 0) {
            return;
        }
        if (len >= cap) {
            System.arraycopy(b, off + len - cap, tail, 0, cap);
            tailPos = 0;
            tailFill = cap;
            return;
        }
        int first = Math.min(len, cap - tailPos);
        System.arraycopy(b, off, tail, tailPos, first);
        System.arraycopy(b, off + first, tail, 0, len - first);
        tailPos = (tailPos + len) % cap;
        tailFill = Math.min(cap, tailFill + len);
    }

    private byte[] tailBytes() {
        int n = (int) tailFill;
        byte[] outBytes = new byte[n];
        if (n < tail.length) {
            System.arraycopy(tail, 0, outBytes, 0, n);
        } else {
            System.arraycopy(tail, tailPos, outBytes, 0, tail.length - tailPos);
            System.arraycopy(tail, 0, outBytes, tail.length - tailPos, tailPos);
        }
        return outBytes;
    }

    /**
     * A finished capture.
     *
     * @param log the log file
     * @param times the arrival-times file
     * @param analysis the analysis of every byte, including those left out of the file
     * @param bytes bytes seen
     * @param omittedBytes bytes left out of the file
     */
    public record Result(Path log, Path times, LogAnalysis analysis, long bytes, long omittedBytes) {
    }
}
