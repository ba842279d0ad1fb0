package io.cikit.core.dispatch.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Pumps a process's merged output into a {@link ConsoleCapture} until the process ends or {@link #stop} is called,
 * then makes sure no process of its tree survives.
 *
 * <p>The pump never blocks on a read: it reads what {@code available()} reports and otherwise sleeps a little (1 ms,
 * doubling to 50 ms while silent). So it notices silence (telling the capture, for prompts, after {@code quietAfter}),
 * a stop request, and a process that exited while a child it forked still holds the pipe open; that child is killed
 * after {@value #DRAIN_MILLIS} ms. A {@link Hooks} is called on the pump thread as output arrives and every 250 ms.
 *
 * <p>{@link #run()} is called once, by the pump thread; {@link #stop} and {@link #send} from any thread.
 */
public final class ConsoleProcess {
    private static final long DRAIN_MILLIS = 300;
    private static final long BEAT_NANOS = 250_000_000L;
    private static final int BUFFER = 64 * 1024;

    /** Called on the pump thread. */
    public interface Hooks {
        /** Output arrived (already in the capture). */
        default void output(byte[] b, int off, int len) {
        }

        /** Every 250 ms or so, while the process lives: renew leases, check deadlines. */
        default void beat() {
        }
    }

    private final Process process;
    private final ConsoleCapture capture;
    private final Duration killGrace;
    private final long quietNanos;
    private final Hooks hooks;
    private final ProcessTree tree;
    private final AtomicReference<String> stopReason = new AtomicReference<>();

    public ConsoleProcess(Process process, ConsoleCapture capture, Duration killGrace, Duration quietAfter, Hooks hooks) {
        this.process = Objects.requireNonNull(process, "process");
        this.capture = Objects.requireNonNull(capture, "capture");
        this.killGrace = Objects.requireNonNull(killGrace, "killGrace");
        this.quietNanos = quietAfter.toNanos();
        this.hooks = Objects.requireNonNull(hooks, "hooks");
        this.tree = new ProcessTree(process.toHandle());
    }

    /** Asks the pump to kill the process tree and return; the first reason given is kept. */
    public void stop(String reason) {
        stopReason.compareAndSet(null, Objects.requireNonNull(reason, "reason"));
    }

    /** The reason of the first {@link #stop}, if any. */
    public Optional<String> stopReason() {
        return Optional.ofNullable(stopReason.get());
    }

    /** Writes text to the process's input (a console's keyboard); false when it cannot (the process is gone). */
    public boolean send(String text) {
        try {
            OutputStream in = process.getOutputStream();
            in.write(text.getBytes(StandardCharsets.UTF_8));
            in.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Pumps until the process ended or was stopped, and its tree is gone. */
    public Ending run() {
        InputStream in = process.getInputStream();
        byte[] buf = new byte[BUFFER];
        long lastData = System.nanoTime();
        long lastBeat = 0;
        boolean quietTold = false;
        long sleep = 1;
        int signalled = 0;
        while (true) {
            if (stopReason.get() != null) {
                pumpAvailable(in, buf);
                signalled = tree.kill(killGrace);
                break;
            }
            int n = pumpOnce(in, buf);
            long now = System.nanoTime();
            if (n > 0) {
                lastData = now;
                quietTold = false;
                sleep = 1;
            } else if (n < 0 || !process.isAlive()) {
                drainAfterExit(in, buf);
                break;
            } else if (!quietTold && now - lastData >= quietNanos) {
                capture.quiet();
                quietTold = true;
            }
            if (now - lastBeat >= BEAT_NANOS) {
                lastBeat = now;
                tree.snapshot();
                hooks.beat();
            }
            if (n == 0) {
                sleepMillis(sleep);
                sleep = Math.min(50, sleep * 2);
            }
        }
        OptionalInt exit = OptionalInt.empty();
        try {
            if (process.waitFor(5, TimeUnit.SECONDS)) {
                exit = OptionalInt.of(process.exitValue());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int leftovers = tree.killLeftovers();
        pumpAvailable(in, buf);
        closeQuietly(process);
        return new Ending(exit, stopReason(), leftovers, signalled);
    }

    /** One read of what is there: bytes read, 0 when nothing is waiting, -1 at the end of the stream. */
    private int pumpOnce(InputStream in, byte[] buf) {
        try {
            int avail = in.available();
            if (avail <= 0) {
                return 0;
            }
            int n = in.read(buf, 0, Math.min(avail, buf.length));
            if (n > 0) {
                capture.feed(buf, 0, n);
                hooks.output(buf, 0, n);
            }
            return n;
        } catch (IOException e) {
            return -1;
        }
    }

    private void pumpAvailable(InputStream in, byte[] buf) {
        for (int i = 0; i < 10_000 && pumpOnce(in, buf) > 0; i++) {
            // bounded: a child still writing cannot keep us here
        }
    }

    /** The process ended: take what is still in the pipe, giving children a moment, then kill what it left behind. */
    private void drainAfterExit(InputStream in, byte[] buf) {
        long until = System.nanoTime() + DRAIN_MILLIS * 1_000_000;
        while (System.nanoTime() < until) {
            int n = pumpOnce(in, buf);
            if (n < 0) {
                return;
            }
            if (n == 0) {
                sleepMillis(10);
            }
        }
    }

    private static void closeQuietly(Process p) {
        for (java.io.Closeable c : new java.io.Closeable[] {p.getOutputStream(), p.getInputStream()}) {
            try {
                c.close();
            } catch (IOException e) {
                // nothing left to do with it
            }
        }
    }

    private static void sleepMillis(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * How a pumped process ended.
     *
     * @param exitCode the exit code (128 + n for a signal n), when the process was reaped
     * @param stoppedBecause the reason given to {@link #stop}, when it was stopped
     * @param leftoversKilled descendants still alive after it ended, killed
     * @param signalled processes signalled when it was stopped
     */
    public record Ending(OptionalInt exitCode, Optional<String> stoppedBecause, int leftoversKilled, int signalled) {
    }
}
