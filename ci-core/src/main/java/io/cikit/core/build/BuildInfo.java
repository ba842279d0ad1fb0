package io.cikit.core.build;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One build as a CI system reports it: identity, outcome, the commit it built, and what it published.
 *
 * @param buildId unique within the system ({@code job#42}, a run id, a pipeline id)
 * @param system the CI system ({@code jenkins}, {@code actions}, {@code gitlab-ci})
 * @param job the job, workflow or pipeline name
 * @param number the build/run number users see, when there is one
 * @param status normalised outcome
 * @param rawStatus the system's own word for it, as sent (empty string when it sent none)
 * @param phase the lifecycle phase when the system reports one (Jenkins {@code QUEUED}…{@code FINALIZED})
 * @param complete true when this is the build's final report: nothing about it will change
 * @param metadata further facts the payload carried (kernel version, target board, BSP version, …)
 */
public record BuildInfo(String buildId, String system, String job, OptionalLong number, BuildStatus status,
        String rawStatus, Optional<String> phase, boolean complete, BuildType type, Optional<String> commitSha,
        Optional<String> branch, Optional<String> url, Optional<Instant> startedAt, Optional<Instant> finishedAt,
        Optional<Duration> duration, List<BuildArtifact> artifacts, Map<String, String> parameters,
        Map<String, String> metadata) {

    public BuildInfo {
        Objects.requireNonNull(buildId, "buildId");
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(rawStatus, "rawStatus");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(commitSha, "commitSha");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(duration, "duration");
        artifacts = List.copyOf(artifacts);
        parameters = Map.copyOf(parameters);
        metadata = Map.copyOf(metadata);
    }

    public static Builder builder(String buildId, String system) {
        return new Builder(buildId, system);
    }

    public Builder toBuilder() {
        Builder b = new Builder(buildId, system);
        b.job = job;
        b.number = number;
        b.status = status;
        b.rawStatus = rawStatus;
        b.phase = phase;
        b.complete = complete;
        b.type = type;
        b.commitSha = commitSha;
        b.branch = branch;
        b.url = url;
        b.startedAt = startedAt;
        b.finishedAt = finishedAt;
        b.duration = duration;
        b.artifacts = artifacts;
        b.parameters = new LinkedHashMap<>(parameters);
        b.metadata = new LinkedHashMap<>(metadata);
        return b;
    }

    /** Builds a {@link BuildInfo}; only id and system are required. Not thread-safe. */
    public static final class Builder {
        private final String buildId;
        private final String system;
        private String job = "";
        private OptionalLong number = OptionalLong.empty();
        private BuildStatus status = BuildStatus.UNKNOWN;
        private String rawStatus = "";
        private Optional<String> phase = Optional.empty();
        private boolean complete;
        private BuildType type = BuildType.OTHER;
        private Optional<String> commitSha = Optional.empty();
        private Optional<String> branch = Optional.empty();
        private Optional<String> url = Optional.empty();
        private Optional<Instant> startedAt = Optional.empty();
        private Optional<Instant> finishedAt = Optional.empty();
        private Optional<Duration> duration = Optional.empty();
        private List<BuildArtifact> artifacts = List.of();
        private Map<String, String> parameters = new LinkedHashMap<>();
        private Map<String, String> metadata = new LinkedHashMap<>();

        private Builder(String buildId, String system) {
            this.buildId = Objects.requireNonNull(buildId, "buildId");
            this.system = Objects.requireNonNull(system, "system");
        }

        public Builder job(String v) { this.job = Objects.requireNonNull(v); return this; }
        public Builder number(long v) { this.number = OptionalLong.of(v); return this; }
        public Builder status(BuildStatus v, String raw) { this.status = Objects.requireNonNull(v); this.rawStatus = Objects.requireNonNull(raw); return this; }
        public Builder phase(String v) { this.phase = Optional.ofNullable(v); return this; }
        public Builder complete(boolean v) { this.complete = v; return this; }
        public Builder type(BuildType v) { this.type = Objects.requireNonNull(v); return this; }
        public Builder commitSha(String v) { this.commitSha = Optional.ofNullable(v); return this; }
        public Builder branch(String v) { this.branch = Optional.ofNullable(v); return this; }
        public Builder url(String v) { this.url = Optional.ofNullable(v); return this; }
        public Builder startedAt(Instant v) { this.startedAt = Optional.ofNullable(v); return this; }
        public Builder finishedAt(Instant v) { this.finishedAt = Optional.ofNullable(v); return this; }
        public Builder duration(Duration v) { this.duration = Optional.ofNullable(v); return this; }
        public Builder artifacts(List<BuildArtifact> v) { this.artifacts = List.copyOf(v); return this; }
        public Builder parameter(String k, String v) { this.parameters.put(k, v); return this; }
        public Builder metadata(String k, String v) { this.metadata.put(k, v); return this; }

        public BuildInfo build() {
            return new BuildInfo(buildId, system, job, number, status, rawStatus, phase, complete, type, commitSha, branch,
                    url, startedAt, finishedAt, duration, artifacts, parameters, metadata);
        }
    }
}
