package io.cikit.core.dispatch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One test job: which boards it may run on, what to boot (kernel image, and optionally a BSP package, device tree,
 * modules and root file system), what to run (test suites or shell commands), and how (timeout, priority, attempts).
 *
 * <p>Immutable. Artifacts are URIs: {@code file:} for local files (runners need local files; fetching remote
 * artifacts is the host's or the runner's business). {@link #artifact(String)} turns a path or URI text into one.
 * Bounds: priority 0–100 (higher runs first, as in LAVA), 1–{@value #MAX_ATTEMPTS} attempts, a timeout between one
 * second and {@link #MAX_TIMEOUT}, at most {@value #MAX_ITEMS} suites, commands and parameters each. Invalid values
 * throw {@link IllegalArgumentException}.
 *
 * @param id unique among the dispatcher's active jobs; names directories, so {@code [A-Za-z0-9][A-Za-z0-9._-]{0,127}}
 * @param name a human name ({@code kunit on rpi4}); the id when not given
 * @param selector which boards may run it
 * @param kernelImage the kernel to boot
 * @param bspPackage a board-support package (firmware, boot files), if any
 * @param dtb a device tree blob, if any
 * @param modules a modules archive, if any
 * @param rootfs a root file system: an initramfs (cpio) or a disk image, if any
 * @param suites test suites to run ({@code kunit}, {@code kselftest-timers}); runners pass them on
 * @param commands shell commands to run once the board is up
 * @param timeout the longest one attempt may run; the run is killed after it and the job ends as TIMEOUT
 * @param priority 0–100, higher first (default 50)
 * @param maxAttempts how many boards to try on infrastructure failures (default 3)
 * @param parameters free-form settings for runners and scripts ({@code kernel.cmdline})
 * @param origin where the kernel came from, if known
 */
public record TestJob(String id, String name, BoardSelector selector, URI kernelImage, Optional<URI> bspPackage,
        Optional<URI> dtb, Optional<URI> modules, Optional<URI> rootfs, List<String> suites, List<String> commands,
        Duration timeout, int priority, int maxAttempts, Map<String, String> parameters, Optional<JobOrigin> origin) {

    public static final int MAX_PRIORITY = 100;
    public static final int DEFAULT_PRIORITY = 50;
    public static final int MAX_ATTEMPTS = 10;
    public static final int DEFAULT_ATTEMPTS = 3;
    public static final int MAX_ITEMS = 1000;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);
    public static final Duration MAX_TIMEOUT = Duration.ofDays(7);
    /** The parameter holding extra kernel command-line arguments. */
    public static final String KERNEL_CMDLINE = "kernel.cmdline";

    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]+:.*", Pattern.DOTALL);

    public TestJob {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(kernelImage, "kernelImage");
        Objects.requireNonNull(bspPackage, "bspPackage");
        Objects.requireNonNull(dtb, "dtb");
        Objects.requireNonNull(modules, "modules");
        Objects.requireNonNull(rootfs, "rootfs");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(origin, "origin");
        Board.checkId(id, "job id");
        if (name.isBlank()) {
            throw new IllegalArgumentException("job " + id + ": name is blank");
        }
        if (priority < 0 || priority > MAX_PRIORITY) {
            throw new IllegalArgumentException("job " + id + ": priority " + priority + " is not within 0–" + MAX_PRIORITY);
        }
        if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS) {
            throw new IllegalArgumentException("job " + id + ": maxAttempts " + maxAttempts + " is not within 1–" + MAX_ATTEMPTS);
        }
        if (timeout.compareTo(Duration.ofSeconds(1)) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("job " + id + ": timeout " + timeout + " is not within 1 s – " + MAX_TIMEOUT);
        }
        if (suites.size() > MAX_ITEMS || commands.size() > MAX_ITEMS || parameters.size() > MAX_ITEMS) {
            throw new IllegalArgumentException("job " + id + ": more than " + MAX_ITEMS + " suites, commands or parameters");
        }
        suites = List.copyOf(suites);
        commands = List.copyOf(commands);
        parameters = Map.copyOf(parameters);
    }

    /** A builder for a job booting this kernel; the id defaults to {@code job-} and a random suffix. */
    public static Builder builder(URI kernelImage) {
        return new Builder(kernelImage);
    }

    public static Builder builder(Path kernelImage) {
        return new Builder(kernelImage.toAbsolutePath().normalize().toUri());
    }

    public Builder toBuilder() {
        Builder b = new Builder(kernelImage).id(id).name(name).selector(selector).timeout(timeout).priority(priority)
                .maxAttempts(maxAttempts);
        b.bspPackage = bspPackage;
        b.dtb = dtb;
        b.modules = modules;
        b.rootfs = rootfs;
        b.origin = origin;
        b.suites.addAll(suites);
        b.commands.addAll(commands);
        b.parameters.putAll(parameters);
        return b;
    }

    /**
     * A job from its JSON definition (shape in docs/dispatch.md); relative artifact paths are resolved against
     * {@code baseDirectory}.
     *
     * @throws InvalidDefinitionException naming the offending field
     */
    public static TestJob fromJson(JsonNode json, Path baseDirectory) {
        return DispatchJson.job(json, baseDirectory, "job");
    }

    /** Reads a job definition file; relative artifact paths are resolved against the file's directory. */
    public static TestJob read(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        return DispatchJson.job(DispatchJson.readFile(file), dir == null ? Path.of("") : dir, file.toString());
    }

    /** This job as the JSON {@link #fromJson} reads (artifacts as URIs, the timeout as ISO-8601). */
    public ObjectNode toJson() {
        return DispatchJson.toJson(this);
    }

    /**
     * An artifact location from text: a URI when it starts with a scheme ({@code file:}, {@code https:}), else a file
     * path, made absolute against {@code base}.
     */
    public static URI artifact(String text, Path base) {
        Objects.requireNonNull(text, "text");
        String t = text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty artifact location");
        }
        // a scheme has two letters or more, so a Windows drive (C:) stays a path
        if (SCHEME.matcher(t).matches()) {
            try {
                URI uri = new URI(t);
                if (uri.isAbsolute()) {
                    return uri;
                }
            } catch (java.net.URISyntaxException e) {
                // not a URI after all: a file name with a colon in it
            }
        }
        return base.resolve(t).toAbsolutePath().normalize().toUri();
    }

    /** The local file behind a {@code file:} URI; empty for any other scheme. */
    public static Optional<Path> localFile(URI artifact) {
        if (!"file".equalsIgnoreCase(artifact.getScheme())) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(artifact));
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return Optional.empty();
        }
    }

    /** Builds a {@link TestJob}. Not thread-safe. */
    public static final class Builder {
        private String id = "job-" + UUID.randomUUID().toString().substring(0, 13);
        private Optional<String> name = Optional.empty();
        private BoardSelector selector = BoardSelector.any();
        private URI kernelImage;
        private Optional<URI> bspPackage = Optional.empty();
        private Optional<URI> dtb = Optional.empty();
        private Optional<URI> modules = Optional.empty();
        private Optional<URI> rootfs = Optional.empty();
        private final List<String> suites = new ArrayList<>();
        private final List<String> commands = new ArrayList<>();
        private Duration timeout = DEFAULT_TIMEOUT;
        private int priority = DEFAULT_PRIORITY;
        private int maxAttempts = DEFAULT_ATTEMPTS;
        private final Map<String, String> parameters = new LinkedHashMap<>();
        private Optional<JobOrigin> origin = Optional.empty();

        private Builder(URI kernelImage) {
            this.kernelImage = Objects.requireNonNull(kernelImage, "kernelImage");
        }

        public Builder id(String v) {
            this.id = Objects.requireNonNull(v, "id");
            return this;
        }

        public Builder name(String v) {
            this.name = Optional.of(v);
            return this;
        }

        public Builder selector(BoardSelector v) {
            this.selector = Objects.requireNonNull(v, "selector");
            return this;
        }

        public Builder kernelImage(URI v) {
            this.kernelImage = Objects.requireNonNull(v, "kernelImage");
            return this;
        }

        public Builder bspPackage(URI v) {
            this.bspPackage = Optional.of(v);
            return this;
        }

        public Builder dtb(URI v) {
            this.dtb = Optional.of(v);
            return this;
        }

        public Builder modules(URI v) {
            this.modules = Optional.of(v);
            return this;
        }

        public Builder rootfs(URI v) {
            this.rootfs = Optional.of(v);
            return this;
        }

        public Builder rootfs(Path v) {
            return rootfs(v.toAbsolutePath().normalize().toUri());
        }

        public Builder suite(String v) {
            this.suites.add(Objects.requireNonNull(v, "suite"));
            return this;
        }

        public Builder command(String v) {
            this.commands.add(Objects.requireNonNull(v, "command"));
            return this;
        }

        public Builder timeout(Duration v) {
            this.timeout = Objects.requireNonNull(v, "timeout");
            return this;
        }

        public Builder priority(int v) {
            this.priority = v;
            return this;
        }

        public Builder maxAttempts(int v) {
            this.maxAttempts = v;
            return this;
        }

        public Builder parameter(String key, String value) {
            this.parameters.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder origin(JobOrigin v) {
            this.origin = Optional.of(v);
            return this;
        }

        public TestJob build() {
            return new TestJob(id, name.orElse(id), selector, kernelImage, bspPackage, dtb, modules, rootfs, suites,
                    commands, timeout, priority, maxAttempts, parameters, origin);
        }
    }
}
