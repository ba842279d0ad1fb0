package io.cikit.vcs.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import io.cikit.core.artifact.ArtifactFetcher;
import io.cikit.core.artifact.ArtifactKind;
import io.cikit.core.artifact.FetchedArtifact;
import io.cikit.core.build.BuildArtifact;
import io.cikit.core.build.BuildInfo;
import io.cikit.core.build.BuildStatus;
import io.cikit.core.build.BuildTrigger;
import io.cikit.core.build.TriggeredBuild;
import io.cikit.core.config.ConfigurationException;
import io.cikit.core.config.ProviderConfig;
import io.cikit.core.config.Secret;
import io.cikit.core.http.ApiRoot;
import io.cikit.core.http.HttpCall;
import io.cikit.core.http.HttpTransport;
import io.cikit.core.json.Json;
import io.cikit.vcs.gitlab.internal.ApiPaths;
import io.cikit.vcs.gitlab.internal.GitLabBuilds;
import io.cikit.vcs.gitlab.internal.GitLabCiStatuses;
import io.cikit.vcs.gitlab.internal.GitLabReplies;
import io.cikit.vcs.gitlab.internal.GitLabTimestamps;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GitLab CI as cikit's {@link BuildTrigger} and {@link ArtifactFetcher} (system {@code gitlab-ci}), on top of a
 * {@link GitLabClient}: runs pipelines, tells when one has started, lists the artifact archives of a pipeline's or a
 * job's jobs and downloads them. Made by {@link GitLabCiClientProvider} from {@code cikit.gitlab.*} (the same
 * instance, token and {@code GITLAB_TOKEN} alias as the {@code gitlab} VCS client).
 *
 * <ul>
 *   <li>{@link #trigger}: {@code job} is {@code <project>[@<ref>]} ({@code lab/bsp/linux@main}, or a numeric project
 *       id); without a ref, the project's default branch (one more request). With a pipeline trigger token
 *       ({@code trigger-token}) it calls {@code POST /projects/:id/trigger/pipeline}, else
 *       {@code POST /projects/:id/pipeline} with the client's token. Neither is retried once GitLab may have received
 *       it.</li>
 *   <li>{@link #buildId}: {@code pipeline:<id>} (the id {@link GitLabCiBuildParser} gives the same pipeline) once
 *       GitLab reports it past {@code created}/{@code pending}/{@code preparing}/{@code scheduled}/
 *       {@code waiting_for_resource}; empty before.</li>
 *   <li>{@link #list}: for a {@code pipeline:<id>} build, the jobs of the pipeline (page by page); for a
 *       {@code job:<id>} build, that job. Each job with an artifacts archive (its {@code artifacts} entry of type
 *       {@code archive}, else {@code artifacts_file}) gives one {@link BuildArtifact} {@code <job name>/<file name>}
 *       with the API download URL and size; archives past {@code artifacts_expire_at} are left out. The project is
 *       the build's {@code project} metadata, as the parser sets it.</li>
 *   <li>{@link #fetch}: {@code GET /projects/:id/jobs/:job_id/artifacts}, streamed to disk with SHA-256 under the
 *       cap (a partial file is deleted); GitLab's redirect to object storage is followed without the token, to the
 *       hosts the transport allows ({@code artifact-hosts}). The artifact's URL may be the API's or the job's web
 *       {@code …/-/jobs/<id>/artifacts/download} (as pipeline hooks list them), on the configured instance only.</li>
 * </ul>
 *
 * <p>Thread-safe. Errors as {@link GitLabClient}'s; {@link IllegalArgumentException} for a build or request of
 * another system, or one that names no project, pipeline or job.
 */
public final class GitLabCiClient implements BuildTrigger, ArtifactFetcher {
    /** The CI system's id. */
    public static final String SYSTEM = GitLabBuilds.SYSTEM;

    private static final Logger LOG = LoggerFactory.getLogger(GitLabCiClient.class);
    private static final Pattern BUILD_ID = Pattern.compile("(pipeline|job):(\\d{1,18})");
    private static final Pattern JOB_ARTIFACTS = Pattern.compile("/jobs/(\\d{1,18})/artifacts(?:/download)?/?$");
    private static final Pattern DIGITS = Pattern.compile("\\d{1,18}");

    private final GitLabClient gitlab;
    private final ApiRoot root;
    private final Optional<Secret> triggerToken;

    private GitLabCiClient(GitLabClient gitlab, Optional<Secret> triggerToken) {
        this.gitlab = Objects.requireNonNull(gitlab, "gitlab");
        this.root = ApiRoot.of("GitLab API URL", gitlab.api());
        this.triggerToken = triggerToken;
    }

    /** Pipelines are created with the client's own token. */
    public static GitLabCiClient of(GitLabClient gitlab) {
        return new GitLabCiClient(gitlab, Optional.empty());
    }

    /** Pipelines are run with a pipeline trigger token; everything else uses the client's token. */
    public static GitLabCiClient of(GitLabClient gitlab, Secret triggerToken) {
        return new GitLabCiClient(gitlab, Optional.of(Objects.requireNonNull(triggerToken, "triggerToken")));
    }

    /**
     * From a {@code cikit.gitlab} view: the keys of {@link GitLabClient#fromConfig(ProviderConfig)} and
     * {@code trigger-token} (secret, optional).
     *
     * @throws ConfigurationException listing every key that cannot be used
     */
    public static GitLabCiClient fromConfig(ProviderConfig config) {
        GitLabSettings settings = GitLabSettings.read(config);
        return new GitLabCiClient(settings.builder().transport(settings.http().transport(List.of())).build(),
                settings.triggerToken());
    }

    /** Like {@link #fromConfig(ProviderConfig)}, sharing a transport. */
    public static GitLabCiClient fromConfig(ProviderConfig config, HttpTransport transport) {
        Objects.requireNonNull(transport, "transport");
        GitLabSettings settings = GitLabSettings.read(config);
        return new GitLabCiClient(settings.builder().transport(transport).build(), settings.triggerToken());
    }

    /** The REST client underneath, for what the SPIs do not cover. */
    public GitLabClient client() {
        return gitlab;
    }

    /** {@value #SYSTEM}. */
    @Override
    public String system() {
        return SYSTEM;
    }

    /**
     * Runs a pipeline of {@code job}, {@code <project>[@<ref>]}, with the parameters as variables. The
     * {@link TriggeredBuild}'s {@code job} is {@code <project>@<ref>}, its {@code queueId} the pipeline id, its
     * {@code queueUrl} the pipeline's page.
     *
     * @throws IllegalArgumentException when {@code job} names no project
     */
    @Override
    public TriggeredBuild trigger(String job, Map<String, String> parameters) {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(parameters, "parameters");
        int at = job.indexOf('@');
        String project = (at < 0 ? job : job.substring(0, at)).strip();
        if (project.isEmpty()) {
            throw new IllegalArgumentException("a GitLab CI job is <project>[@<ref>], got '" + job + "'");
        }
        String ref = at < 0 || job.substring(at + 1).isBlank() ? defaultBranch(project) : job.substring(at + 1).strip();
        GitLabPipeline pipeline = triggerToken.isPresent()
                ? gitlab.triggerPipeline(project, ref, parameters, triggerToken.get())
                : gitlab.createPipeline(project, ref, parameters);
        LOG.debug("GitLab created pipeline {} of {} on {}", pipeline.id(), project, ref);
        return new TriggeredBuild(SYSTEM, project + "@" + ref, Long.toString(pipeline.id()),
                pipeline.webUrl().flatMap(GitLabCiClient::uri), parameters, Instant.now());
    }

    /**
     * Asks once for the pipeline: {@code pipeline:<id>} once it left the waiting states, empty before.
     *
     * @throws IllegalArgumentException for a request another system or client made
     */
    @Override
    public Optional<String> buildId(TriggeredBuild triggered) {
        Objects.requireNonNull(triggered, "triggered");
        if (!triggered.system().equals(SYSTEM) || !DIGITS.matcher(triggered.queueId()).matches()) {
            throw new IllegalArgumentException("not a GitLab CI pipeline request: " + triggered.system() + " "
                    + triggered.job() + " / " + triggered.queueId());
        }
        int at = triggered.job().indexOf('@');
        String project = at < 0 ? triggered.job() : triggered.job().substring(0, at);
        URI uri = ApiPaths.project(gitlab.api(), project, "/pipelines/" + triggered.queueId());
        GitLabPipeline pipeline = GitLabReplies.pipeline(gitlab.send(HttpCall.get(uri), "gitlab.pipeline")
                .requireSuccess().json());
        if (GitLabCiStatuses.map(pipeline.status()) == BuildStatus.PENDING) {
            return Optional.empty();
        }
        return Optional.of("pipeline:" + pipeline.id());
    }

    /** The artifact archives of a pipeline's jobs, or of one job; see the class description. */
    @Override
    public List<BuildArtifact> list(BuildInfo build) {
        String project = project(build);
        Matcher m = buildId(build);
        List<BuildArtifact> out = new ArrayList<>();
        Instant now = Instant.now();
        if (m.group(1).equals("pipeline")) {
            URI first = ApiPaths.project(gitlab.api(), project, "/pipelines/" + m.group(2) + "/jobs?per_page="
                    + GitLabClient.PER_PAGE);
            gitlab.forEachPage(first, "gitlab.pipeline.jobs", page -> {
                for (JsonNode job : page) {
                    archive(project, job, now).ifPresent(out::add);
                }
                return false;
            });
        } else {
            URI uri = ApiPaths.project(gitlab.api(), project, "/jobs/" + m.group(2));
            archive(project, gitlab.send(HttpCall.get(uri), "gitlab.job").requireSuccess().json(), now)
                    .ifPresent(out::add);
        }
        return List.copyOf(out);
    }

    /**
     * Downloads a job's artifact archive; see the class description.
     *
     * @throws IllegalArgumentException when the artifact has no URL, or one that names no job's artifacts
     * @throws io.cikit.core.DeliveryException (not retryable) when its URL is not on the configured instance
     * @throws io.cikit.core.http.ReplyTooLargeException over {@code maxBytes}; no file is left
     * @throws io.cikit.core.http.HttpStatusException a non-2xx answer (404: no artifacts, or expired)
     */
    @Override
    public FetchedArtifact fetch(BuildInfo build, BuildArtifact artifact, Path target, long maxBytes) {
        Objects.requireNonNull(artifact, "artifact");
        String project = project(build);
        URI url = artifact.url().orElseThrow(() -> new IllegalArgumentException(
                "artifact " + artifact.path() + " of " + build.buildId() + " has no download URL"));
        root.requireSameOrigin(url, "artifact " + artifact.path());
        Matcher job = JOB_ARTIFACTS.matcher(url.getRawPath() == null ? "" : url.getRawPath());
        if (!job.find()) {
            throw new IllegalArgumentException("artifact " + artifact.path() + " of " + build.buildId()
                    + " has a URL that names no job's artifacts");
        }
        return FetchedArtifact.of(artifact,
                gitlab.downloadJobArtifacts(project, Long.parseLong(job.group(1)), target, maxBytes));
    }

    private Optional<BuildArtifact> archive(String project, JsonNode job, Instant now) {
        OptionalLong id = Json.number(job, "id");
        if (id.isEmpty()) {
            return Optional.empty();
        }
        String name = Json.nonBlank(job, "name").orElse(Long.toString(id.getAsLong()));
        Optional<Instant> expires = Json.text(job, "artifacts_expire_at").flatMap(GitLabTimestamps::parse);
        if (expires.isPresent() && expires.get().isBefore(now)) {
            LOG.debug("Artifacts of job {} ({}) expired at {}; not listed", id.getAsLong(), name, expires.get());
            return Optional.empty();
        }
        Optional<String> file = Optional.empty();
        OptionalLong size = OptionalLong.empty();
        for (JsonNode a : Json.at(job, "artifacts")) {
            if (Json.text(a, "file_type").filter("archive"::equals).isPresent()) {
                file = Json.nonBlank(a, "filename");
                size = Json.number(a, "size");
                break;
            }
        }
        if (file.isEmpty()) {
            file = Json.nonBlank(job, "artifacts_file", "filename");
            size = Json.number(job, "artifacts_file", "size");
        }
        if (file.isEmpty()) {
            return Optional.empty();
        }
        URI url = ApiPaths.project(gitlab.api(), project, "/jobs/" + id.getAsLong() + "/artifacts");
        OptionalLong known = size.isPresent() && size.getAsLong() >= 0 ? size : OptionalLong.empty();
        return Optional.of(new BuildArtifact(file.get(), name + "/" + file.get(), Optional.of(url), known,
                ArtifactKind.UNKNOWN));
    }

    private String defaultBranch(String project) {
        JsonNode json = gitlab.send(HttpCall.get(ApiPaths.project(gitlab.api(), project, "")), "gitlab.project")
                .requireSuccess().json();
        return Json.nonBlank(json, "default_branch").orElseThrow(() -> new io.cikit.core.DeliveryException(
                "GitLab did not say which branch is the default of " + project, false));
    }

    private static String project(BuildInfo build) {
        Objects.requireNonNull(build, "build");
        if (!build.system().equals(SYSTEM)) {
            throw new IllegalArgumentException("build " + build.buildId() + " is a " + build.system()
                    + " build, not a GitLab CI one");
        }
        String project = build.metadata().getOrDefault("project", "");
        if (project.isBlank()) {
            throw new IllegalArgumentException("build " + build.buildId() + " names no project (metadata `project`)");
        }
        return project;
    }

    private static Matcher buildId(BuildInfo build) {
        Matcher m = BUILD_ID.matcher(build.buildId());
        if (!m.matches()) {
            throw new IllegalArgumentException("build " + build.buildId() + " is neither pipeline:<id> nor job:<id>");
        }
        return m;
    }

    private static Optional<URI> uri(String text) {
        try {
            URI uri = URI.create(text.strip());
            return uri.getHost() == null ? Optional.empty() : Optional.of(uri);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "GitLabCiClient[" + gitlab + (triggerToken.isPresent() ? ", trigger token" : "") + "]";
    }
}
