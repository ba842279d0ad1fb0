package io.cikit.build.jenkins.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.cikit.core.build.BuildInfo;
import io.cikit.core.build.BuildStatus;
import io.cikit.core.build.BuildType;
import io.cikit.core.event.Repository;
import io.cikit.core.json.MalformedJsonException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads one Jenkins build report, in any of the shapes Jenkins installations send, into a {@link BuildInfo}:
 * <ul>
 *   <li>the Notification plugin's {@code {name, url, build: {full_url, number, queue_id, phase, status, timestamp,
 *       duration, scm, parameters, artifacts, test_summary}}};</li>
 *   <li>the flat "seed" format {@code {build: {number, status, timestamp, duration, url, artifacts: [...],
 *       metadata: {...}}, scm: {commit, branch}}};</li>
 *   <li>generic bodies a pipeline step posts with Jenkins' environment names at the top level ({@code JOB_NAME},
 *       {@code BUILD_NUMBER}, {@code BUILD_URL}, {@code BUILD_STATUS} or {@code RESULT}, {@code GIT_COMMIT},
 *       {@code GIT_BRANCH}, …) in any spelling ({@code job_name}, {@code jobName}).</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class JenkinsBuildReader {
    /** The CI system id in every {@link BuildInfo} read here. */
    public static final String SYSTEM = "jenkins";

    /** Entries of {@code parameters} and {@code metadata} read at most, each. */
    public static final int MAX_ENTRIES = 1_000;

    private JenkinsBuildReader() {
    }

    /**
     * Reads a payload.
     *
     * @param completeOnCompleted whether the {@code COMPLETED} phase already counts as the final report (by default
     *     only {@code FINALIZED} does)
     * @throws MalformedJsonException when the document is not an object, or names no build at all (no number, no
     *     URL, no queue id)
     */
    public static BuildInfo read(JsonNode json, boolean completeOnCompleted) {
        if (!json.isObject()) {
            throw new MalformedJsonException("a Jenkins build payload is a JSON object, got " + json.getNodeType());
        }
        JsonNode build = LooseFields.object(json, "build").orElse(json);
        String phase = firstText(build, json, "phase", "build_phase").map(JenkinsStatuses::upper).orElse("");
        String result = firstText(build, json, "status", "result", "build_status", "build_result").orElse("");
        BuildStatus status = JenkinsStatuses.of(result, phase);

        Optional<String> absoluteUrl = firstText(build, json, "full_url", "build_url", "absolute_url")
                .or(() -> LooseFields.text(build, "url").filter(JenkinsBuildReader::isAbsolute));
        Optional<String> url = absoluteUrl.or(() -> LooseFields.text(build, "url"));
        String job = LooseFields.text(json, "name", "job_name", "job", "project_name", "full_name")
                .or(() -> LooseFields.text(build, "job_name", "job"))
                .or(() -> url.flatMap(JobPaths::jobName))
                .or(() -> LooseFields.text(json, "url").flatMap(JobPaths::jobName))
                .orElse("");
        OptionalLong number = LooseFields.number(build, "number", "build_number");
        if (number.isEmpty()) {
            number = LooseFields.number(json, "build_number", "number");
        }
        OptionalLong queueId = LooseFields.number(build, "queue_id");
        if (queueId.isEmpty()) {
            queueId = LooseFields.number(json, "queue_id");
        }
        if (number.isEmpty() && url.isEmpty() && queueId.isEmpty()) {
            throw new MalformedJsonException("not a Jenkins build payload: no build number, build URL or queue id");
        }

        BuildInfo.Builder b = BuildInfo.builder(buildId(job, number, queueId, url), SYSTEM)
                .job(job)
                .status(status, result.isEmpty() ? phase : result)
                .complete(complete(phase, status, completeOnCompleted));
        number.ifPresent(b::number);
        if (!phase.isEmpty()) {
            b.phase(phase);
        }
        url.ifPresent(b::url);
        times(b, build, json, phase, status);
        scm(b, build, json);

        Map<String, String> parameters = scalars(LooseFields.find(build, "parameters").isMissingNode()
                ? LooseFields.find(json, "parameters") : LooseFields.find(build, "parameters"));
        parameters.forEach(b::parameter);
        Map<String, String> metadata = scalars(LooseFields.object(build, "metadata")
                .or(() -> LooseFields.object(json, "metadata")).orElse(MissingNode.getInstance()));
        b.type(buildType(metadata, parameters, json));
        metadata.forEach(b::metadata);
        Map<String, String> derived = new LinkedHashMap<>();
        queueId.ifPresent(q -> derived.put("queue_id", Long.toString(q)));
        LooseFields.text(json, "display_name").ifPresent(d -> derived.put("display_name", d));
        testSummary(derived, LooseFields.object(build, "test_summary").orElse(MissingNode.getInstance()));

        ArtifactEntries.Listing artifacts = ArtifactEntries.read(
                LooseFields.find(build, "artifacts").isMissingNode() ? LooseFields.find(json, "artifacts")
                        : LooseFields.find(build, "artifacts"),
                absoluteUrl);
        b.artifacts(artifacts.artifacts());
        if (artifacts.truncated()) {
            derived.put("artifacts_truncated", "true");
        }
        derived.forEach((k, v) -> {
            if (!metadata.containsKey(k)) {
                b.metadata(k, v);
            }
        });
        return b.build();
    }

    /**
     * The repository the build checked out, from {@code scm.url} ({@code https://git.example.com/kernel/linux.git}
     * → {@code kernel/linux}); empty when the payload names none.
     */
    public static Optional<Repository> repository(JsonNode json) {
        JsonNode build = LooseFields.object(json, "build").orElse(json);
        Optional<String> url = scmNode(build, json).flatMap(scm -> LooseFields.text(scm, "url"))
                .or(() -> firstText(build, json, "git_url", "scm_url"));
        return url.flatMap(u -> repositoryName(u).map(name -> new Repository(name, Optional.empty(),
                Optional.of(u), Optional.empty(), Optional.empty(), Optional.empty())));
    }

    static Optional<String> repositoryName(String url) {
        String path = url.strip();
        int scheme = path.indexOf("://");
        if (scheme >= 0) {
            int slash = path.indexOf('/', scheme + 3);
            path = slash < 0 ? "" : path.substring(slash + 1);
        } else {
            int colon = path.indexOf(':');
            path = colon < 0 ? path : path.substring(colon + 1);
        }
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.endsWith(".git")) {
            path = path.substring(0, path.length() - 4);
        }
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        return path.isEmpty() ? Optional.empty() : Optional.of(path);
    }

    private static String buildId(String job, OptionalLong number, OptionalLong queueId, Optional<String> url) {
        String who = job.isEmpty() ? url.orElse("") : job;
        if (number.isPresent()) {
            return who + "#" + number.getAsLong();
        }
        if (queueId.isPresent()) {
            return who + "#queue-" + queueId.getAsLong();
        }
        return url.orElseThrow();
    }

    private static boolean complete(String phase, BuildStatus status, boolean completeOnCompleted) {
        if (phase.isEmpty()) {
            // flat and generic bodies are sent once, when the build is over
            return status.isFinal();
        }
        return phase.equals("FINALIZED") || (completeOnCompleted && phase.equals("COMPLETED") && status.isFinal());
    }

    private static void times(BuildInfo.Builder b, JsonNode build, JsonNode json, String phase, BuildStatus status) {
        // while queued, Jenkins' timestamp is the time it was scheduled, not started
        Optional<Instant> started = phase.equals("QUEUED") ? Optional.empty()
                : LooseFields.instant(build, "timestamp", "start_time", "started_at", "build_timestamp")
                        .or(() -> LooseFields.instant(json, "build_timestamp", "timestamp", "start_time", "started_at"));
        started.ifPresent(b::startedAt);
        OptionalLong millis = LooseFields.number(build, "duration", "duration_millis", "build_duration");
        if (millis.isEmpty()) {
            millis = LooseFields.number(json, "build_duration", "duration", "duration_millis");
        }
        // a running build reports duration 0: not known yet
        Optional<Duration> duration = millis.isPresent() && millis.getAsLong() > 0
                ? Optional.of(Duration.ofMillis(millis.getAsLong())) : Optional.empty();
        duration.ifPresent(b::duration);
        Optional<Instant> finished = LooseFields.instant(build, "finished_at", "end_time", "completed_at")
                .or(() -> LooseFields.instant(json, "finished_at", "end_time", "completed_at"));
        if (finished.isEmpty() && status.isFinal() && started.isPresent() && duration.isPresent()) {
            try {
                finished = Optional.of(started.get().plus(duration.get()));
            } catch (DateTimeException | ArithmeticException e) {
                // a timestamp and duration that add up past the end of time: no finish time rather than a failure
                finished = Optional.empty();
            }
        }
        finished.ifPresent(b::finishedAt);
    }

    private static void scm(BuildInfo.Builder b, JsonNode build, JsonNode json) {
        Optional<JsonNode> scm = scmNode(build, json);
        scm.flatMap(s -> LooseFields.text(s, "commit", "sha", "revision", "git_commit"))
                .or(() -> firstText(build, json, "git_commit", "commit", "commit_sha", "sha", "revision"))
                .ifPresent(b::commitSha);
        Optional<String> branch = scm.flatMap(s -> LooseFields.text(s, "branch", "ref"))
                .or(() -> firstText(build, json, "git_branch", "branch", "branch_name", "ref"));
        branch.ifPresent(raw -> {
            String clean = branchName(raw);
            b.branch(clean);
            if (!clean.equals(raw)) {
                b.metadata("scm_branch", raw);
            }
        });
        scm.flatMap(s -> LooseFields.text(s, "url")).ifPresent(u -> b.metadata("scm_url", u));
        scm.map(s -> LooseFields.find(s, "culprits")).filter(JsonNode::isArray).ifPresent(culprits -> {
            List<String> names = new java.util.ArrayList<>();
            for (JsonNode c : culprits) {
                if (c.isValueNode() && names.size() < MAX_ENTRIES) {
                    names.add(c.asText());
                } else if (c.isObject() && names.size() < MAX_ENTRIES) {
                    LooseFields.text(c, "fullName", "name", "id").ifPresent(names::add);
                }
            }
            if (!names.isEmpty()) {
                b.metadata("culprits", String.join(", ", names));
            }
        });
    }

    private static Optional<JsonNode> scmNode(JsonNode build, JsonNode json) {
        return LooseFields.object(build, "scm").or(() -> LooseFields.object(json, "scm"));
    }

    /** {@code origin/main} and {@code refs/heads/main} are both the branch {@code main}. */
    static String branchName(String raw) {
        String s = raw.strip();
        if (s.startsWith("refs/heads/")) {
            return s.substring("refs/heads/".length());
        }
        if (s.startsWith("origin/") && s.length() > "origin/".length()) {
            return s.substring("origin/".length());
        }
        return s;
    }

    private static BuildType buildType(Map<String, String> metadata, Map<String, String> parameters, JsonNode json) {
        Optional<String> word = Optional.ofNullable(metadata.get("build_type"))
                .or(() -> Optional.ofNullable(metadata.get("type")))
                .or(() -> Optional.ofNullable(parameters.get("BUILD_TYPE")))
                .or(() -> LooseFields.text(json, "build_type"));
        return word.map(JenkinsBuildReader::buildType).orElse(BuildType.OTHER);
    }

    /** {@code kernel}, {@code bsp}, {@code module(s)}, {@code full_system}; anything else is {@link BuildType#OTHER}. */
    static BuildType buildType(String word) {
        return switch (LooseFields.fold(word)) {
            case "kernel" -> BuildType.KERNEL;
            case "bsp" -> BuildType.BSP;
            case "module", "modules" -> BuildType.MODULE;
            case "fullsystem" -> BuildType.FULL_SYSTEM;
            default -> BuildType.OTHER;
        };
    }

    private static void testSummary(Map<String, String> out, JsonNode summary) {
        for (String field : List.of("total", "failed", "skipped", "passed")) {
            LooseFields.number(summary, field).ifPresent(n -> out.put("test_" + field, Long.toString(n)));
        }
    }

    /**
     * Scalar entries of an object ({@code {"ARCH": "arm64"}}) or of a Jenkins API parameter list
     * ({@code [{"name": "ARCH", "value": "arm64"}]}), as text; nested values are skipped. At most
     * {@link #MAX_ENTRIES}.
     */
    private static Map<String, String> scalars(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (out.size() == MAX_ENTRIES) {
                    break;
                }
                if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                    out.put(e.getKey(), e.getValue().asText());
                }
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                if (out.size() == MAX_ENTRIES) {
                    break;
                }
                Optional<String> name = LooseFields.text(element, "name");
                JsonNode value = LooseFields.find(element, "value");
                if (name.isPresent() && value.isValueNode() && !value.isNull()) {
                    out.put(name.get(), value.asText());
                }
            }
        }
        return out;
    }

    private static Optional<String> firstText(JsonNode build, JsonNode json, String... names) {
        return LooseFields.text(build, names).or(() -> LooseFields.text(json, names));
    }

    private static boolean isAbsolute(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }
}
