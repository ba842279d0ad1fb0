package io.cikit.core.build;

import io.cikit.core.artifact.BspPackage;
import io.cikit.core.artifact.KernelImage;
import io.cikit.core.event.BuildEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows builds reported by CI systems and tells when one is ready to test (the seeds' {@code BuildIntegration}).
 * Feed it every {@link BuildEvent} with {@link #handle}; handlers registered with {@link #onBuildComplete} run when a
 * build reaches its final report.
 *
 * <ul>
 *   <li>Duplicates: an event for a build, phase, status and completeness already handled is ignored
 *       ({@link Outcome#DUPLICATE}); handlers run at most once per build and final status.</li>
 *   <li>Handlers run on the caller's thread, in registration order; one that throws is logged and counted
 *       ({@code cikit.build.handler.failures}) and the others still run.</li>
 *   <li>{@link #buildInfo} answers from a bounded cache of the latest report per build (default 1000 builds, least
 *       recently used dropped first); a late, non-final report never replaces a final one.</li>
 * </ul>
 *
 * <p>Thread-safe. Metrics: {@code cikit.build.events} (tag {@code outcome}) and
 * {@code cikit.build.handler.failures}.
 */
public final class BuildIntegration {
    private static final Logger LOG = LoggerFactory.getLogger(BuildIntegration.class);

    /** What {@link #handle} did with an event. */
    public enum Outcome {
        /** Remembered; the build is not complete yet (or its completion was already announced). */
        RECORDED,
        /** The build is complete: handlers ran. */
        COMPLETED,
        /** The same report was handled before; nothing done. */
        DUPLICATE
    }

    private final List<Consumer<? super BuildEvent>> handlers = new CopyOnWriteArrayList<>();
    private final Map<String, BuildInfo> builds;
    private final Map<String, Boolean> seen;
    private final Map<String, Boolean> announced;
    private final MeterRegistry registry;
    private final Counter handlerFailures;

    /** With the defaults: 1000 cached builds, 10000 remembered events, {@link Metrics#globalRegistry}. */
    public BuildIntegration() {
        this(builder());
    }

    private BuildIntegration(Builder b) {
        this.builds = lru(b.cacheSize);
        this.seen = lru(b.dedupSize);
        this.announced = lru(b.dedupSize);
        this.registry = b.registry;
        this.handlerFailures = Counter.builder("cikit.build.handler.failures")
                .description("build-completion handlers that threw").register(registry);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Registers a handler for completed builds. Handlers may be added at any time. */
    public void onBuildComplete(Consumer<? super BuildEvent> handler) {
        handlers.add(Objects.requireNonNull(handler, "handler"));
    }

    /**
     * Records a build report and, when it completes the build for the first time, runs the handlers.
     *
     * @return what was done with it
     */
    public Outcome handle(BuildEvent event) {
        Objects.requireNonNull(event, "event");
        BuildInfo b = event.build();
        String build = key(b.system(), b.buildId());
        String report = build + '\u0000' + b.phase().orElse("") + '\u0000' + b.status() + '\u0000' + b.rawStatus()
                + '\u0000' + b.complete();
        boolean complete = isComplete(b);
        boolean announce;
        synchronized (this) {
            if (seen.put(report, Boolean.TRUE) != null) {
                count(Outcome.DUPLICATE);
                return Outcome.DUPLICATE;
            }
            BuildInfo previous = builds.get(build);
            if (previous == null || complete || !isComplete(previous)) {
                builds.put(build, b);
            }
            announce = complete && announced.put(build + '\u0000' + b.status(), Boolean.TRUE) == null;
        }
        if (!announce) {
            count(Outcome.RECORDED);
            return Outcome.RECORDED;
        }
        for (Consumer<? super BuildEvent> h : handlers) {
            try {
                h.accept(event);
            } catch (RuntimeException e) {
                handlerFailures.increment();
                LOG.warn("build-completion handler {} failed for {} {}", h, b.system(), b.buildId(), e);
            }
        }
        count(Outcome.COMPLETED);
        return Outcome.COMPLETED;
    }

    /**
     * Whether this report is the build's last word: the CI system marked it complete (Jenkins {@code FINALIZED},
     * a completed workflow run), or it carries a final status without any lifecycle phase (a report built by hand).
     */
    public boolean isComplete(BuildInfo build) {
        Objects.requireNonNull(build, "build");
        return build.complete() || build.status().isFinal() && build.phase().isEmpty();
    }

    /**
     * Whether the build should go to the lab: complete, {@link BuildStatus#SUCCESS} (not unstable, failed,
     * cancelled, skipped or running), and of a testable type: kernel, BSP or full system, or a module build that
     * published artifacts. A build of type {@link BuildType#OTHER} counts as the type its {@code build_type}
     * metadata or its artifacts show.
     */
    public boolean shouldTriggerTests(BuildInfo build) {
        Objects.requireNonNull(build, "build");
        if (build.status() != BuildStatus.SUCCESS || !isComplete(build)) {
            return false;
        }
        return switch (BuildOutputs.type(build)) {
            case KERNEL, BSP, FULL_SYSTEM -> true;
            case MODULE -> !build.artifacts().isEmpty();
            case OTHER -> false;
        };
    }

    /**
     * The kernel a build produced, from metadata ({@code kernel_version}, {@code architecture}) and the artifact list
     * (a kernel image by kind or name, its config, System.map, modules and DTBs); empty when neither names one.
     * Nothing is downloaded: to read the bytes, fetch the artifact and use {@code ArtifactInspector}.
     */
    public Optional<KernelImage> extractKernelImage(BuildInfo build) {
        return BuildOutputs.kernel(Objects.requireNonNull(build, "build"));
    }

    /**
     * The BSP a build produced, from metadata ({@code target_board}, {@code bsp_version}, {@code distro}) and the
     * artifact list (root file systems, DTBs, bootloaders, manifest, test data); empty unless the build is a BSP or
     * full-system build or names a board, BSP version or root file system.
     */
    public Optional<BspPackage> extractBspPackage(BuildInfo build) {
        return BuildOutputs.bsp(Objects.requireNonNull(build, "build"));
    }

    /** The latest report of a build by id, whichever system it came from (the first found when ids clash). */
    public synchronized Optional<BuildInfo> buildInfo(String buildId) {
        Objects.requireNonNull(buildId, "buildId");
        return builds.values().stream().filter(b -> b.buildId().equals(buildId)).findFirst();
    }

    /** The latest report of a build of one CI system. */
    public synchronized Optional<BuildInfo> buildInfo(String system, String buildId) {
        return Optional.ofNullable(builds.get(key(Objects.requireNonNull(system, "system"),
                Objects.requireNonNull(buildId, "buildId"))));
    }

    private static String key(String system, String buildId) {
        return system + '\u0000' + buildId;
    }

    private void count(Outcome o) {
        registry.counter("cikit.build.events", "outcome", o.name().toLowerCase(java.util.Locale.ROOT)).increment();
    }

    private static <V> Map<String, V> lru(int max) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > max;
            }
        };
    }

    /** Configures a {@link BuildIntegration}. Not thread-safe. */
    public static final class Builder {
        private int cacheSize = 1000;
        private int dedupSize = 10_000;
        private MeterRegistry registry = Metrics.globalRegistry;

        private Builder() {
        }

        /** Builds kept for {@link #buildInfo}; default 1000. */
        public Builder cacheSize(int builds) {
            if (builds < 1) {
                throw new IllegalArgumentException("cacheSize must be positive: " + builds);
            }
            this.cacheSize = builds;
            return this;
        }

        /** Reports remembered to spot duplicates; default 10000. */
        public Builder dedupSize(int reports) {
            if (reports < 1) {
                throw new IllegalArgumentException("dedupSize must be positive: " + reports);
            }
            this.dedupSize = reports;
            return this;
        }

        public Builder meterRegistry(MeterRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        public BuildIntegration build() {
            return new BuildIntegration(this);
        }
    }
}
