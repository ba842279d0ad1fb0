package io.cikit.vcs.gitlab.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.cikit.core.build.BuildArtifact;
import io.cikit.core.build.BuildInfo;
import io.cikit.core.build.BuildStatus;
import io.cikit.core.event.BuildEvent;
import io.cikit.core.event.EventContext;
import io.cikit.core.event.Repository;
import io.cikit.core.json.Json;
import io.cikit.core.json.MalformedJsonException;
import io.cikit.core.artifact.ArtifactKind;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * GitLab CI Pipeline Hook ({@code object_kind: pipeline}) and Job Hook ({@code object_kind: build}) payloads as
 * {@link BuildEvent}s. Build ids are {@code pipeline:<id>} and {@code job:<id>}: the two id sequences overlap.
 */
public final class GitLabBuilds {
    /** The CI system id on every {@link BuildInfo} this class makes. */
    public static final String SYSTEM = "gitlab-ci";

    /** Longest duration taken from a payload; larger numbers are nonsense and dropped. */
    private static final double MAX_DURATION_SECONDS = 366.0 * 24 * 3600;

    private GitLabBuilds() {
    }

    /** The build a payload reports, by its {@code object_kind}; empty for any other kind. */
    public static Optional<BuildEvent> parse(EventContext context) {
        JsonNode json = context.raw().json();
        return switch (Json.text(json, "object_kind").orElse("")) {
            case "pipeline" -> Optional.of(pipeline(context, json));
            case "build" -> Optional.of(job(context, json));
            default -> Optional.empty();
        };
    }

    static BuildEvent pipeline(EventContext context, JsonNode json) {
        JsonNode attrs = Json.at(json, "object_attributes");
        long id = Json.number(attrs, "id").orElseThrow(
                () -> new MalformedJsonException("pipeline hook without object_attributes.id"));
        Optional<Repository> repo = GitLabModel.repositoryOf(json);
        String rawStatus = Json.text(attrs, "status").orElse("");
        List<JsonNode> jobs = array(Json.at(json, "builds"));
        BuildStatus status = GitLabCiStatuses.map(rawStatus);
        if (status == BuildStatus.SUCCESS && jobs.stream().anyMatch(GitLabBuilds::failedButAllowed)) {
            status = BuildStatus.UNSTABLE;
        }
        boolean tag = Json.bool(attrs, false, "tag");
        Optional<String> ref = Json.nonBlank(attrs, "ref");
        JsonNode mr = Json.at(json, "merge_request");

        BuildInfo.Builder b = BuildInfo.builder("pipeline:" + id, SYSTEM)
                .job(Json.nonBlank(attrs, "name").or(() -> repo.map(Repository::fullName)).orElse("pipeline"))
                .number(Json.number(attrs, "iid").orElse(id))
                .status(status, rawStatus)
                .complete(status.isFinal())
                .commitSha(Json.nonBlank(attrs, "sha").orElse(null))
                .branch(tag ? null : branch(ref, mr).orElse(null))
                .url(Json.nonBlank(attrs, "url")
                        .or(() -> repo.flatMap(Repository::htmlUrl).map(u -> u + "/-/pipelines/" + id)).orElse(null))
                .startedAt(instant(attrs, "started_at").orElse(null))
                .finishedAt(instant(attrs, "finished_at").orElse(null))
                .duration(seconds(Json.at(attrs, "duration")).orElse(null))
                .artifacts(artifacts(jobs, repo));
        for (JsonNode variable : array(Json.at(attrs, "variables"))) {
            Optional<String> key = Json.nonBlank(variable, "key");
            if (key.isPresent()) {
                b.parameter(key.get(), Json.text(variable, "value").orElse(""));
            }
        }
        b.metadata("pipelineId", Long.toString(id));
        Json.nonBlank(attrs, "iid").ifPresent(v -> b.metadata("pipelineIid", v));
        Json.nonBlank(attrs, "source").ifPresent(v -> b.metadata("source", v));
        Json.nonBlank(attrs, "detailed_status").ifPresent(v -> b.metadata("detailedStatus", v));
        Json.nonBlank(attrs, "before_sha").ifPresent(v -> b.metadata("beforeSha", v));
        Json.nonBlank(attrs, "created_at").ifPresent(v -> b.metadata("createdAt", v));
        List<String> stages = Json.strings(attrs, "stages");
        if (!stages.isEmpty()) {
            b.metadata("stages", String.join(",", stages));
        }
        if (tag) {
            ref.ifPresent(r -> b.metadata("tag", r));
        }
        Json.nonBlank(mr, "iid").ifPresent(v -> b.metadata("mergeRequestIid", v));
        List<String> failed = new ArrayList<>();
        for (JsonNode job : jobs) {
            if (GitLabCiStatuses.map(Json.text(job, "status").orElse("")) == BuildStatus.FAILURE) {
                failed.add(Json.text(job, "name").orElse("?")
                        + Json.nonBlank(job, "failure_reason").map(r -> " (" + r + ")").orElse(""));
            }
        }
        if (!failed.isEmpty()) {
            b.metadata("failedJobs", String.join(", ", failed));
        }
        repo.ifPresent(r -> b.metadata("project", r.fullName()));
        return new BuildEvent(context, b.build(), repo);
    }

    static BuildEvent job(EventContext context, JsonNode json) {
        long id = Json.number(json, "build_id").orElseThrow(() -> new MalformedJsonException("job hook without build_id"));
        Optional<Repository> repo = GitLabModel.repositoryOf(json)
                .or(() -> Json.nonBlank(json, "project_name").map(Repository::named));
        String rawStatus = Json.text(json, "build_status").orElse("");
        BuildStatus status = GitLabCiStatuses.map(rawStatus);
        boolean allowFailure = Json.bool(json, false, "build_allow_failure");
        if (status == BuildStatus.FAILURE && allowFailure) {
            status = BuildStatus.UNSTABLE;
        }
        boolean tag = Json.bool(json, false, "tag");
        Optional<String> ref = Json.nonBlank(json, "ref");

        BuildInfo.Builder b = BuildInfo.builder("job:" + id, SYSTEM)
                .job(Json.nonBlank(json, "build_name").orElse("job"))
                .number(id)
                .status(status, rawStatus)
                .complete(status.isFinal())
                // commit.id in a Job Hook is the pipeline id; the commit is in sha
                .commitSha(Json.nonBlank(json, "sha").orElse(null))
                .branch(tag ? null : ref.orElse(null))
                .url(repo.flatMap(Repository::htmlUrl).map(u -> u + "/-/jobs/" + id).orElse(null))
                .startedAt(instant(json, "build_started_at_iso").or(() -> instant(json, "build_started_at")).orElse(null))
                .finishedAt(instant(json, "build_finished_at_iso").or(() -> instant(json, "build_finished_at")).orElse(null))
                .duration(seconds(Json.at(json, "build_duration")).orElse(null));
        Json.nonBlank(json, "build_stage").ifPresent(v -> b.metadata("stage", v));
        Json.nonBlank(json, "pipeline_id").or(() -> Json.nonBlank(json, "commit", "id")).ifPresent(v -> b.metadata("pipelineId", v));
        Json.nonBlank(json, "commit", "name").ifPresent(v -> b.metadata("pipelineName", v));
        Json.nonBlank(json, "build_failure_reason").ifPresent(v -> b.metadata("failureReason", v));
        Json.nonBlank(json, "retries_count").ifPresent(v -> b.metadata("retries", v));
        Json.nonBlank(json, "runner", "description").ifPresent(v -> b.metadata("runner", v));
        Json.nonBlank(json, "build_created_at").ifPresent(v -> b.metadata("createdAt", v));
        Json.nonBlank(json, "before_sha").ifPresent(v -> b.metadata("beforeSha", v));
        seconds(Json.at(json, "build_queued_duration"))
                .ifPresent(d -> b.metadata("queuedDurationMillis", Long.toString(d.toMillis())));
        if (allowFailure) {
            b.metadata("allowFailure", "true");
        }
        if (tag) {
            ref.ifPresent(r -> b.metadata("tag", r));
        }
        repo.ifPresent(r -> b.metadata("project", r.fullName()));
        return new BuildEvent(context, b.build(), repo);
    }

    private static boolean failedButAllowed(JsonNode job) {
        return Json.bool(job, false, "allow_failure")
                && GitLabCiStatuses.map(Json.text(job, "status").orElse("")) == BuildStatus.FAILURE;
    }

    /** Merge request pipelines run on {@code refs/merge-requests/<iid>/head}: the branch is the MR's source branch. */
    private static Optional<String> branch(Optional<String> ref, JsonNode mr) {
        if (ref.isPresent() && ref.get().startsWith("refs/merge-requests/")) {
            return Json.nonBlank(mr, "source_branch").or(() -> ref);
        }
        return ref;
    }

    private static List<BuildArtifact> artifacts(List<JsonNode> jobs, Optional<Repository> repo) {
        List<BuildArtifact> out = new ArrayList<>();
        for (JsonNode job : jobs) {
            Optional<String> file = Json.nonBlank(job, "artifacts_file", "filename");
            OptionalLong jobId = Json.number(job, "id");
            if (file.isEmpty()) {
                continue;
            }
            String jobName = Json.nonBlank(job, "name").orElse(jobId.isPresent() ? Long.toString(jobId.getAsLong()) : "job");
            Optional<URI> url = jobId.isPresent()
                    ? repo.flatMap(Repository::htmlUrl).flatMap(u -> uri(u + "/-/jobs/" + jobId.getAsLong() + "/artifacts/download"))
                    : Optional.empty();
            OptionalLong size = Json.number(job, "artifacts_file", "size");
            out.add(new BuildArtifact(file.get(), jobName + "/" + file.get(), url,
                    size.isPresent() && size.getAsLong() >= 0 ? size : OptionalLong.empty(), ArtifactKind.UNKNOWN));
        }
        return out;
    }

    private static Optional<URI> uri(String text) {
        try {
            return Optional.of(URI.create(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> instant(JsonNode node, String field) {
        return Json.text(node, field).flatMap(GitLabTimestamps::parse);
    }

    /** A duration in (possibly fractional) seconds; absent when missing, negative or absurd. */
    static Optional<Duration> seconds(JsonNode n) {
        double value;
        if (n.isNumber()) {
            value = n.asDouble();
        } else if (n.isTextual()) {
            try {
                value = Double.parseDouble(n.asText().trim());
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        } else {
            return Optional.empty();
        }
        if (!(value >= 0 && value <= MAX_DURATION_SECONDS)) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis(Math.round(value * 1000)));
    }

    private static List<JsonNode> array(JsonNode n) {
        List<JsonNode> out = new ArrayList<>();
        if (n.isArray()) {
            n.forEach(out::add);
        }
        return out;
    }
}
