package io.cikit.build.actions.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.cikit.core.build.BuildInfo;
import io.cikit.core.build.BuildStatus;
import io.cikit.core.event.Repository;
import io.cikit.core.json.Json;
import io.cikit.core.json.MalformedJsonException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads {@code workflow_run} and {@code workflow_job} webhook payloads into a {@link BuildInfo}. A run is identified
 * per attempt ({@code owner/repo/actions/runs/<id>/attempts/<n>}: a re-run is another build of the same commit), a
 * job by its id ({@code owner/repo/actions/jobs/<id>}, unique across attempts). Stateless and thread-safe.
 */
public final class WorkflowReader {
    /** The CI system id in every {@link BuildInfo} read here. */
    public static final String SYSTEM = "actions";

    /** Labels and pull requests kept in metadata at most, each. */
    private static final int MAX_LIST = 100;

    private WorkflowReader() {
    }

    /** The repository a payload concerns ({@code repository}, else the run's own). */
    public static Optional<Repository> repository(JsonNode json, JsonNode item) {
        return GitHubJson.repository(Json.at(json, "repository"))
                .or(() -> GitHubJson.repository(Json.at(item, "repository")));
    }

    /**
     * A {@code workflow_run} payload.
     *
     * @throws MalformedJsonException when it has no {@code workflow_run} object with an {@code id}
     */
    public static BuildInfo run(JsonNode json) {
        JsonNode run = item(json, "workflow_run");
        long id = id(run, "workflow_run");
        long attempt = Json.number(run, "run_attempt").orElse(1);
        String repo = repositoryName(json, run);
        BuildInfo.Builder b = BuildInfo.builder(repo + "actions/runs/" + id + "/attempts/" + attempt, SYSTEM)
                .job(Json.nonBlank(run, "name").or(() -> Json.nonBlank(json, "workflow", "name"))
                        .or(() -> Json.nonBlank(run, "display_title")).orElse(""));
        Json.number(run, "run_number").ifPresent(b::number);
        status(b, run);
        common(b, run);
        times(b, GitHubJson.instant(run, "run_started_at").or(() -> GitHubJson.instant(run, "created_at")),
                GitHubJson.instant(run, "updated_at"), isComplete(run));
        b.metadata("run_id", Long.toString(id));
        b.metadata("run_attempt", Long.toString(attempt));
        Json.nonBlank(json, "action").ifPresent(v -> b.metadata("action", v));
        Json.nonBlank(run, "event").ifPresent(v -> b.metadata("event", v));
        Json.nonBlank(run, "workflow_id").ifPresent(v -> b.metadata("workflow_id", v));
        Json.nonBlank(run, "path").or(() -> Json.nonBlank(json, "workflow", "path"))
                .ifPresent(v -> b.metadata("workflow_path", v));
        Json.nonBlank(run, "display_title").ifPresent(v -> b.metadata("display_title", v));
        Json.nonBlank(run, "artifacts_url").ifPresent(v -> b.metadata("artifacts_url", v));
        Json.nonBlank(run, "logs_url").ifPresent(v -> b.metadata("logs_url", v));
        Json.nonBlank(run, "jobs_url").ifPresent(v -> b.metadata("jobs_url", v));
        Json.nonBlank(run, "check_suite_id").ifPresent(v -> b.metadata("check_suite_id", v));
        Json.nonBlank(run, "actor", "login").ifPresent(v -> b.metadata("actor", v));
        Json.nonBlank(run, "head_repository", "full_name").ifPresent(v -> b.metadata("head_repository", v));
        List<String> prs = new ArrayList<>();
        for (JsonNode pr : Json.at(run, "pull_requests")) {
            if (prs.size() < MAX_LIST) {
                Json.nonBlank(pr, "number").ifPresent(prs::add);
            }
        }
        if (!prs.isEmpty()) {
            b.metadata("pull_requests", String.join(",", prs));
        }
        return b.build();
    }

    /**
     * A {@code workflow_job} payload.
     *
     * @throws MalformedJsonException when it has no {@code workflow_job} object with an {@code id}
     */
    public static BuildInfo job(JsonNode json) {
        JsonNode job = item(json, "workflow_job");
        long id = id(job, "workflow_job");
        String repo = repositoryName(json, job);
        Optional<String> workflow = Json.nonBlank(job, "workflow_name");
        Optional<String> name = Json.nonBlank(job, "name");
        String title = workflow.map(w -> name.map(n -> w + " / " + n).orElse(w)).orElse(name.orElse(""));
        BuildInfo.Builder b = BuildInfo.builder(repo + "actions/jobs/" + id, SYSTEM).job(title);
        status(b, job);
        common(b, job);
        times(b, GitHubJson.instant(job, "started_at"), GitHubJson.instant(job, "completed_at"), isComplete(job));
        b.metadata("job_id", Long.toString(id));
        Json.nonBlank(json, "action").ifPresent(v -> b.metadata("action", v));
        Json.nonBlank(job, "run_id").ifPresent(v -> b.metadata("run_id", v));
        Json.nonBlank(job, "run_attempt").ifPresent(v -> b.metadata("run_attempt", v));
        workflow.ifPresent(v -> b.metadata("workflow_name", v));
        Json.nonBlank(job, "run_url").ifPresent(v -> b.metadata("run_url", v));
        Json.nonBlank(job, "check_run_url").ifPresent(v -> b.metadata("check_run_url", v));
        Json.nonBlank(job, "runner_name").ifPresent(v -> b.metadata("runner_name", v));
        Json.nonBlank(job, "runner_group_name").ifPresent(v -> b.metadata("runner_group_name", v));
        List<String> labels = Json.strings(job, "labels");
        if (!labels.isEmpty()) {
            b.metadata("labels", String.join(",", labels.subList(0, Math.min(labels.size(), MAX_LIST))));
        }
        for (JsonNode step : Json.at(job, "steps")) {
            String conclusion = Json.text(step, "conclusion").orElse("");
            if (ActionsStatuses.of("completed", conclusion) == BuildStatus.FAILURE) {
                Json.nonBlank(step, "name").ifPresent(v -> b.metadata("failed_step", v));
                break;
            }
        }
        return b.build();
    }

    private static JsonNode item(JsonNode json, String field) {
        if (!json.isObject()) {
            throw new MalformedJsonException("a GitHub payload is a JSON object, got " + json.getNodeType());
        }
        JsonNode item = Json.at(json, field);
        if (!item.isObject()) {
            throw new MalformedJsonException(field + " payload without a " + field + " object");
        }
        return item;
    }

    private static long id(JsonNode item, String field) {
        OptionalLong id = Json.number(item, "id");
        if (id.isEmpty() || id.getAsLong() < 0) {
            throw new MalformedJsonException(field + " without a numeric id");
        }
        return id.getAsLong();
    }

    /** {@code owner/repo/}, or nothing when the payload names no repository. */
    private static String repositoryName(JsonNode json, JsonNode item) {
        return repository(json, item).map(r -> r.fullName() + "/").orElse("");
    }

    private static boolean isComplete(JsonNode item) {
        return ActionsStatuses.isComplete(Json.text(item, "status").orElse(""), Json.text(item, "conclusion").orElse(""));
    }

    private static void status(BuildInfo.Builder b, JsonNode item) {
        String status = Json.text(item, "status").orElse("");
        String conclusion = Json.text(item, "conclusion").orElse("");
        b.status(ActionsStatuses.of(status, conclusion), conclusion.isBlank() ? status : conclusion)
                .complete(ActionsStatuses.isComplete(status, conclusion));
        if (!status.isBlank()) {
            b.phase(status);
        }
    }

    private static void common(BuildInfo.Builder b, JsonNode item) {
        Json.nonBlank(item, "head_sha").ifPresent(b::commitSha);
        Json.nonBlank(item, "head_branch").ifPresent(b::branch);
        Json.nonBlank(item, "html_url").ifPresent(b::url);
    }

    private static void times(BuildInfo.Builder b, Optional<Instant> started, Optional<Instant> finished,
            boolean complete) {
        started.ifPresent(b::startedAt);
        if (!complete) {
            return;
        }
        finished.ifPresent(b::finishedAt);
        if (started.isPresent() && finished.isPresent() && !finished.get().isBefore(started.get())) {
            b.duration(Duration.between(started.get(), finished.get()));
        }
    }
}
