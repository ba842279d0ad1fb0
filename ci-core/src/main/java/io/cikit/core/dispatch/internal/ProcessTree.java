package io.cikit.core.dispatch.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A process and every descendant it has been seen with, so the whole tree can be killed: on timeout or cancel while
 * the process lives, and afterwards the children it left behind (which the kernel re-parents away, out of
 * {@link ProcessHandle#descendants()}'s reach; hence the snapshots). Kills ask first (SIGTERM), wait a grace period,
 * then force (SIGKILL).
 *
 * <p>A child forked and orphaned between two snapshots is still found on Linux when it keeps the console open: the
 * pipe behind the process's stdout is noted at the start ({@code /proc/<pid>/fd/1}), and after the process ends every
 * other process holding that pipe is killed. A child that closed the console and escaped before a snapshot is not
 * found.
 *
 * <p>Not thread-safe: one pump thread owns it. Remembers at most {@value #MAX_KNOWN} descendants.
 */
public final class ProcessTree {
    static final int MAX_KNOWN = 4096;
    private static final long POLL_MILLIS = 20;

    private final ProcessHandle root;
    private final Map<Long, ProcessHandle> known = new LinkedHashMap<>();
    private final Optional<String> consolePipe;

    public ProcessTree(ProcessHandle root) {
        this.root = root;
        this.consolePipe = link(Path.of("/proc", Long.toString(root.pid()), "fd", "1")).filter(l -> l.startsWith("pipe:"));
    }

    /** Remembers the current descendants; cheap enough for a few times a second. */
    public void snapshot() {
        known.values().removeIf(h -> !h.isAlive());
        root.descendants().limit(MAX_KNOWN).forEach(h -> {
            if (known.size() < MAX_KNOWN) {
                known.putIfAbsent(h.pid(), h);
            }
        });
    }

    /**
     * Kills the process and its descendants: SIGTERM to all, up to {@code grace} for them to go (new children are
     * signalled too), then SIGKILL to the survivors, waiting up to two seconds more.
     *
     * @return how many processes were signalled
     */
    public int kill(Duration grace) {
        snapshot();
        List<ProcessHandle> all = everything();
        all.forEach(ProcessHandle::destroy);
        long until = System.nanoTime() + grace.toNanos();
        while (System.nanoTime() < until && anyAlive()) {
            sleep();
            snapshot();
            everything().stream().filter(h -> !all.contains(h)).forEach(h -> {
                all.add(h);
                h.destroy();
            });
        }
        forceAll();
        return all.size();
    }

    /**
     * After the process ended: SIGKILLs every remembered descendant still alive, and theirs.
     *
     * @return how many were still alive
     */
    public int killLeftovers() {
        List<ProcessHandle> alive = new ArrayList<>();
        for (ProcessHandle h : known.values()) {
            if (h.isAlive()) {
                alive.add(h);
                h.descendants().limit(MAX_KNOWN).forEach(alive::add);
            }
        }
        alive.addAll(root.descendants().limit(MAX_KNOWN).toList());
        for (ProcessHandle h : holdersOfConsole()) {
            alive.add(h);
            h.descendants().limit(MAX_KNOWN).forEach(alive::add);
        }
        if (alive.isEmpty()) {
            return 0;
        }
        alive.forEach(ProcessHandle::destroyForcibly);
        waitGone(alive, 2000);
        return (int) alive.stream().map(ProcessHandle::pid).distinct().count();
    }

    /** Processes other than this JVM with the console pipe open (Linux; empty elsewhere). */
    private List<ProcessHandle> holdersOfConsole() {
        if (consolePipe.isEmpty()) {
            return List.of();
        }
        long self = ProcessHandle.current().pid();
        List<ProcessHandle> out = new ArrayList<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path proc : procs) {
                long pid = Long.parseLong(proc.getFileName().toString());
                if (pid == self || pid == root.pid() || out.size() >= MAX_KNOWN) {
                    continue;
                }
                if (holds(proc.resolve("fd"), consolePipe.get())) {
                    ProcessHandle.of(pid).ifPresent(out::add);
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /proc, or it changed under us: the snapshots are all we have
        }
        return out;
    }

    private static boolean holds(Path fdDir, String pipe) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(fdDir)) {
            for (Path fd : fds) {
                if (link(fd).filter(pipe::equals).isPresent()) {
                    return true;
                }
            }
        } catch (IOException | RuntimeException e) {
            // another user's process, or it just exited
        }
        return false;
    }

    private static Optional<String> link(Path p) {
        try {
            return Optional.of(Files.readSymbolicLink(p).toString());
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty();
        }
    }

    private void forceAll() {
        for (int round = 0; round < 3 && anyAlive(); round++) {
            snapshot();
            List<ProcessHandle> all = everything();
            all.forEach(ProcessHandle::destroyForcibly);
            waitGone(all, 700);
        }
    }

    private List<ProcessHandle> everything() {
        List<ProcessHandle> all = new ArrayList<>(known.values());
        all.add(root);
        return all;
    }

    private boolean anyAlive() {
        return root.isAlive() || known.values().stream().anyMatch(ProcessHandle::isAlive);
    }

    private static void waitGone(List<ProcessHandle> handles, long millis) {
        long until = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < until && handles.stream().anyMatch(ProcessHandle::isAlive)) {
            sleep();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
