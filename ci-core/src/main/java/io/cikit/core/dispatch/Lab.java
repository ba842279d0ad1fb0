package io.cikit.core.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import io.cikit.core.config.ConfigurationException;
import io.cikit.core.config.ProviderConfig;
import io.cikit.core.json.Json;
import io.cikit.core.spi.Providers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lab described in one JSON file: its boards, the runners that drive them (created through
 * {@link HardwareRunnerProvider}s) and dispatcher settings. The one call behind {@code cikit dispatch run --boards
 * boards.json --job job.json}:
 *
 * <pre>{@code
 * ObjectNode json = Lab.runOnce(boardsFile, jobFile).toJson();
 * }</pre>
 *
 * <p>The file: {@code {"boards": [board…], "runners": {"local": {"command": "scripts/boot.sh"}, "qemu": {…}},
 * "dispatcher": {"workDirectory", "maxQueued", "leaseDuration", "unhealthyAfter", "agingStep", "stopGrace"},
 * "healthCheck": job}}, or just the array of boards. Runner settings are the provider's configuration keys, with
 * {@code base-dir} set to the file's directory unless given; relative paths in the file (work directory, artifacts of
 * the health-check job) are resolved against that directory too. Shapes: docs/dispatch.md.
 *
 * <p>Owns its runners: {@link #close()} closes them. Thread-safe once built.
 */
public final class Lab implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Lab.class);

    private final BoardPool pool;
    private final Map<String, HardwareRunner> runners;
    private final JsonNode dispatcherSettings;
    private final Optional<TestJob> healthCheck;
    private final Path baseDirectory;

    private Lab(BoardPool pool, Map<String, HardwareRunner> runners, JsonNode dispatcherSettings,
            Optional<TestJob> healthCheck, Path baseDirectory) {
        this.pool = pool;
        this.runners = Map.copyOf(runners);
        this.dispatcherSettings = dispatcherSettings;
        this.healthCheck = healthCheck;
        this.baseDirectory = baseDirectory;
    }

    /** Reads a lab file, creating runners with the providers found on the class path. */
    public static Lab read(Path file) {
        return read(file, Providers.discover(HardwareRunnerProvider.class, HardwareRunnerProvider::name));
    }

    /**
     * Reads a lab file, creating the runners its boards name with the given providers.
     *
     * @throws InvalidDefinitionException for a malformed file or board
     * @throws ConfigurationException when a runner is unknown (naming the artifact to add) or misconfigured
     */
    public static Lab read(Path file, Providers<HardwareRunnerProvider> providers) {
        Path base = Optional.ofNullable(file.toAbsolutePath().getParent()).orElse(Path.of("").toAbsolutePath());
        JsonNode root = DispatchJson.readFile(file);
        JsonNode boardsNode = root.isArray() ? root : Json.at(root, "boards");
        if (!boardsNode.isArray()) {
            throw new InvalidDefinitionException(file + ": expected an array of boards or {\"boards\": [...]}");
        }
        BoardPool pool = new BoardPool();
        int i = 0;
        for (JsonNode b : boardsNode) {
            try {
                pool.add(DispatchJson.board(b, file + ": boards[" + i + "]"));
            } catch (IllegalArgumentException e) {
                throw new InvalidDefinitionException(file + ": boards[" + i + "]: " + e.getMessage(), e);
            }
            i++;
        }
        Set<String> names = new LinkedHashSet<>();
        pool.boards().forEach(b -> names.add(b.runner()));
        JsonNode runnerSettings = Json.at(root, "runners");
        Map<String, HardwareRunner> runners = new LinkedHashMap<>();
        try {
            for (String name : names) {
                Map<String, String> settings = new LinkedHashMap<>(DispatchJson.scalars(runnerSettings, name,
                        file + ": runners"));
                settings.putIfAbsent("base-dir", base.toString());
                HardwareRunnerProvider provider = providers.require(name, "hardware runner", "io.cikit:ci-runner-" + name);
                runners.put(name, provider.create(ProviderConfig.of(settings::get)));
            }
        } catch (RuntimeException e) {
            runners.values().forEach(Lab::closeQuietly);
            throw e;
        }
        JsonNode hc = Json.at(root, "healthCheck");
        Optional<TestJob> healthCheck = hc.isObject()
                ? Optional.of(DispatchJson.job(hc, base, file + ": healthCheck")) : Optional.empty();
        return new Lab(pool, runners, Json.at(root, "dispatcher"), healthCheck, base);
    }

    /**
     * Runs one job on a lab described by a file and returns its result: reads both files, runs the job on a fresh
     * dispatcher, waits for it, and closes everything.
     *
     * @throws InvalidDefinitionException for a malformed lab or job file
     * @throws ConfigurationException for an unknown or misconfigured runner
     */
    public static JobResult runOnce(Path labFile, Path jobFile) {
        TestJob job = TestJob.read(jobFile);
        try (Lab lab = read(labFile)) {
            return lab.run(job);
        }
    }

    public BoardPool pool() {
        return pool;
    }

    /** The runners, by the name boards use. */
    public Map<String, HardwareRunner> runners() {
        return runners;
    }

    /** A dispatcher builder set up from the file: pool, runners, settings and health check. */
    public Dispatcher.Builder dispatcher() {
        Dispatcher.Builder b = Dispatcher.builder(pool).runners(runners.values());
        JsonNode s = dispatcherSettings;
        String where = "dispatcher";
        try {
            Json.nonBlank(s, "workDirectory").ifPresent(d -> b.workDirectory(baseDirectory.resolve(d)));
            DispatchJson.integer(s, "maxQueued", where).ifPresent(b::maxQueued);
            DispatchJson.integer(s, "unhealthyAfter", where).ifPresent(b::unhealthyAfter);
            DispatchJson.duration(s, "leaseDuration", where).ifPresent(b::leaseDuration);
            DispatchJson.duration(s, "agingStep", where).ifPresent(b::agingStep);
            DispatchJson.duration(s, "stopGrace", where).ifPresent(b::stopGrace);
            DispatchJson.duration(s, "tickInterval", where).ifPresent(b::tickInterval);
        } catch (IllegalArgumentException e) {
            throw new InvalidDefinitionException(where + ": " + e.getMessage(), e);
        }
        healthCheck.ifPresent(job -> b.healthCheck(board -> job));
        return b;
    }

    /** Runs one job on a fresh dispatcher over this lab and waits for its result. */
    public JobResult run(TestJob job) {
        Objects.requireNonNull(job, "job");
        try (Dispatcher d = dispatcher().build()) {
            return d.submit(job).result().join();
        }
    }

    /** Every runner's name and the boards it drives, for messages. */
    public Map<String, List<String>> boardsByRunner() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Board b : pool.boards()) {
            out.computeIfAbsent(b.runner(), k -> new ArrayList<>()).add(b.id());
        }
        return out;
    }

    @Override
    public void close() {
        runners.values().forEach(Lab::closeQuietly);
    }

    private static void closeQuietly(HardwareRunner r) {
        try {
            r.close();
        } catch (RuntimeException e) {
            LOG.warn("Closing runner {} failed: {}", r.name(), e.toString(), e);
        }
    }
}
