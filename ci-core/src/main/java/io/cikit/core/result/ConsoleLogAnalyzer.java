package io.cikit.core.result;

import io.cikit.core.result.internal.ConsoleScanner;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Streams a kernel console log and finds what went wrong ({@link LogIncident}s: panics, oopses, BUGs, warnings,
 * sanitizer reports, lockups, stalls, OOM kills, boot-loader failures) and how far the boot got ({@link BootStage}).
 *
 * <p>Two ways in. One call over a whole log: {@code ConsoleLogAnalyzer.analyze(path).toJson()}. Or push style for a
 * live console: {@link #create}, then {@link #feed(byte[], int, int)} chunks (or {@link #feedLine}) as they arrive,
 * with a {@link Listener} told about each incident and stage as it happens, {@link #quiet()} when the console falls
 * silent (so a prompt waiting without a newline is seen), and {@link #finish()} at the end.
 *
 * <p>Lines may carry a {@code [  123.456789]} timestamp and a {@code [ T123]}/{@code [ C3]} caller prefix and end
 * in {@code \r\n}. Memory is constant over any log size (see {@link LogLimits}); ordinary lines are discarded by a
 * byte-level literal filter before anything is decoded. Bytes are read as UTF-8; invalid sequences are replaced.
 *
 * <p>An instance reads one log and is not thread-safe. I/O failures of the one-call forms surface as
 * {@link UncheckedIOException}.
 */
public final class ConsoleLogAnalyzer {

    /** Told about findings as the log streams past. Called on the feeding thread; must not block for long. */
    public interface Listener {
        /** A report began; for a panic this is the moment to stop waiting for the boot. */
        default void incidentStarted(IncidentKind kind, long line, String summary) {
        }

        /** A report is complete (its end marker, the next report, or the end of the log). */
        default void incidentCompleted(LogIncident incident) {
        }

        /** The boot reached a new stage (or started over). */
        default void stageReached(BootStageReached stage) {
        }
    }

    private static final Listener NONE = new Listener() {
    };

    private final ConsoleScanner scanner;
    private final CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final ByteBuffer encoded = ByteBuffer.allocate(16 * 1024);
    private char pendingHighSurrogate;

    private ConsoleLogAnalyzer(LogLimits limits, Listener listener) {
        this.scanner = new ConsoleScanner(limits, listener);
    }

    /** An analyzer with default limits and no listener. */
    public static ConsoleLogAnalyzer create() {
        return new ConsoleLogAnalyzer(LogLimits.DEFAULT, NONE);
    }

    /** An analyzer with the given limits that tells {@code listener} about findings as they happen. */
    public static ConsoleLogAnalyzer create(LogLimits limits, Listener listener) {
        return new ConsoleLogAnalyzer(Objects.requireNonNull(limits, "limits"), Objects.requireNonNull(listener, "listener"));
    }

    /** Analyzes a whole log file with default limits. */
    public static LogAnalysis analyze(Path log) {
        try (InputStream in = Files.newInputStream(Objects.requireNonNull(log, "log"))) {
            return analyze(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read console log " + log + ": " + e.getMessage(), e);
        }
    }

    /** Analyzes a stream to its end with default limits; the stream is not closed. */
    public static LogAnalysis analyze(InputStream in) {
        ConsoleLogAnalyzer a = create();
        a.readAll(in);
        return a.finish();
    }

    /** Analyzes characters to their end with default limits; the reader is not closed. */
    public static LogAnalysis analyze(Reader in) {
        ConsoleLogAnalyzer a = create();
        char[] buf = new char[16 * 1024];
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                a.feed(CharBuffer.wrap(buf, 0, n));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read console log: " + e.getMessage(), e);
        }
        return a.finish();
    }

    /** Feeds everything the stream holds. */
    public void readAll(InputStream in) {
        byte[] buf = new byte[256 * 1024];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (n > 0) {
                    scanner.feed(buf, 0, n);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read console log: " + e.getMessage(), e);
        }
    }

    /** Feeds the next bytes of the log; they may end in the middle of a line. */
    public void feed(byte[] chunk, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, chunk.length);
        scanner.feed(chunk, offset, length);
    }

    public void feed(byte[] chunk) {
        scanner.feed(chunk, 0, chunk.length);
    }

    /** Feeds the next characters of the log; they may end in the middle of a line. */
    public void feed(CharSequence text) {
        CharSequence in = text;
        if (pendingHighSurrogate != 0) {
            in = pendingHighSurrogate + text.toString();
            pendingHighSurrogate = 0;
        }
        CharBuffer chars = CharBuffer.wrap(in);
        while (true) {
            CoderResult r = encoder.encode(chars, encoded, false);
            drain();
            if (r.isUnderflow()) {
                break;
            }
        }
        if (chars.hasRemaining()) {
            // a surrogate pair split across two calls: keep its first half for the next one
            pendingHighSurrogate = chars.get();
        }
    }

    /** Feeds one complete line (without its terminator). */
    public void feedLine(CharSequence line) {
        feed(line);
        feed("\n");
    }

    /**
     * Tells the analyzer the console has been silent for a moment (a runner's read timed out). A prompt is the one
     * line that does not end in a newline, so only now is the unfinished last line checked for a login or shell
     * prompt; feeding more text afterwards is fine.
     */
    public void quiet() {
        scanner.quiet();
    }

    /** How far the boot has got so far. */
    public Optional<BootStage> currentStage() {
        return Optional.ofNullable(scanner.stage());
    }

    /** Lines completed so far. */
    public long lines() {
        return scanner.lines();
    }

    /** Ends the log and returns what it showed. Calling it again returns the same; feeding after it fails. */
    public LogAnalysis finish() {
        if (pendingHighSurrogate != 0) {
            // a lone half of a surrogate pair: replaced the way String.getBytes(UTF_8) replaces it
            pendingHighSurrogate = 0;
            feed("?");
        }
        return scanner.finish();
    }

    private void drain() {
        encoded.flip();
        if (encoded.hasRemaining()) {
            scanner.feed(encoded.array(), encoded.position(), encoded.remaining());
        }
        encoded.clear();
    }
}
