package io.cikit.build.actions;

import com.fasterxml.jackson.databind.JsonNode;
import io.cikit.build.actions.internal.ActionsStatuses;
import io.cikit.build.actions.internal.GitHubJson;
import io.cikit.core.artifact.ArtifactFetcher;
import io.cikit.core.artifact.FetchedArtifact;
import io.cikit.core.build.BuildArtifact;
import io.cikit.core.build.BuildInfo;
import io.cikit.core.build.BuildStatus;
import io.cikit.core.build.BuildTrigger;
import io.cikit.core.build.TriggeredBuild;
import io.cikit.core.DeliveryException;
import io.cikit.core.config.ConfigKey;
import io.cikit.core.config.ConfigSpec;
import io.cikit.core.config.ConfigurationException;
import io.cikit.core.config.ProviderConfig;
import io.cikit.core.config.Secret;
import io.cikit.core.http.ApiRoot;
import io.cikit.core.http.Download;
import io.cikit.core.http.HttpCall;
import io.cikit.core.http.HttpReply;
import io.cikit.core.http.HttpSettings;
import io.cikit.core.http.HttpStatusException;
import io.cikit.core.http.HttpTransport;
import io.cikit.core.json.Json;
import io.cikit.core.json.MalformedJsonException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GitHub Actions REST API a lab needs: list a run's artifacts, download one (a zip), and start a workflow with
 * {@code workflow_dispatch}.
 *
 * <p>Artifact downloads answer 302 to a short-lived URL on GitHub's storage, another host: the transport follows it
 * without the {@code Authorization} header, and only to allow-listed hosts. A client that builds its own transport
 * allows {@link #DEFAULT_ARTIFACT_HOSTS} (or {@link Builder#artifactHosts}); a shared transport must allow them
 * itself, or downloads fail with {@code RedirectRefusedException} naming the host. The token is sent only to the
 * configured API origin: artifact URLs elsewhere are refused.
 *
 * <p>Errors: {@link ArtifactExpiredException} for an expired artifact (listed so, or 410 on download);
 * {@code HttpStatusException} for other refusals; a {@link DeliveryException} naming the workflow and ref when a
 * dispatch is refused (422: no {@code workflow_dispatch} trigger, unknown ref, unexpected inputs);
 * {@code HttpTransportException} when GitHub cannot be reached; {@code ReplyTooLargeException} past the size cap.
 *
 * <p>It is the GitHub Actions {@link BuildTrigger} ({@link #trigger}, {@link #buildId}) and {@link ArtifactFetcher}
 * ({@link #list}, {@link #fetch}). {@link ActionsClientProvider} makes one from {@code cikit.github.*} for
 * {@code ServiceLoader} discovery ({@code BuildSystems.trigger("actions")}); hosts may also build one themselves
 * ({@link #builder}, {@link #from(ProviderConfig)}) and hand it over.
 *
 * <p>Thread-safe. Defaults: {@code https://api.github.com/}, artifacts up to 2 GiB, listings of at most
 * {@value #MAX_PAGES} pages of 100.
 */
public final class ActionsClient implements BuildTrigger, ArtifactFetcher {
    private static final Logger LOG = LoggerFactory.getLogger(ActionsClient.class);

    /** GitHub.com's REST API. */
    public static final URI DEFAULT_API_URL = URI.create("https://api.github.com/");
    /** The hosts GitHub.com redirects artifact downloads to (artifacts v4 on Azure blobs, v3 on Actions' own). */
    public static final List<String> DEFAULT_ARTIFACT_HOSTS = List.of("productionresultssa*.blob.core.windows.net",
            "*.actions.githubusercontent.com");
    /** The default download cap: 2 GiB. */
    public static final long DEFAULT_MAX_ARTIFACT_BYTES = 2L * 1024 * 1024 * 1024;
    /** Pages of 100 artifacts read per listing at most. */
    public static final int MAX_PAGES = 10;

    private static final int PER_PAGE = 100;
    private static final Pattern REPO = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");
    private static final String API_VERSION = "2022-11-28";
    private static final String RETURN_RUN_DETAILS = "return_run_details";
    private static final Pattern DISPATCH_JOB = Pattern.compile("([A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)/([^/@]+)(?:@(.+))?");
    private static final Pattern WORKFLOW_ONLY = Pattern.compile("([^/@]+)(?:@(.+))?");
    private static final Pattern BUILD_ID = Pattern.compile("(?:(.+)/)?actions/(runs|jobs)/(\\d+)(/.*)?");
    private static final Pattern ARTIFACT_ZIP = Pattern.compile("/actions/artifacts/(\\d{1,18})/zip");

    private final ApiRoot root;
    private final URI api;
    private final Secret token;
    private final Optional<String> repository;
    private final HttpTransport http;
    private final long maxArtifactBytes;
    private final boolean runDetails;
    private final AtomicBoolean runDetailsRefused = new AtomicBoolean();

    private ActionsClient(Builder b) {
        this.root = b.root;
        this.api = b.root.uri();
        this.token = b.token;
        this.repository = b.repository;
        this.http = b.http.orElseGet(() -> HttpTransport.builder()
                .allowRedirectHosts(b.artifactHosts.toArray(String[]::new)).build());
        this.maxArtifactBytes = b.maxArtifactBytes;
        this.runDetails = b.runDetails;
    }

    /** A client authenticating with a token (a PAT, an installation token, or a workflow's {@code GITHUB_TOKEN}). */
    public static Builder builder(Secret token) {
        return new Builder(token);
    }

    /**
     * A client from a {@code cikit.github} view (the GitHub client's token and API URL, and these keys beside them):
     * {@code token} (required, secret), {@code api-url}, {@code repository} (the default {@code owner/name} for
     * {@link #trigger} and {@link #list}), {@code max-artifact-bytes}, and the transport it builds:
     * {@code connect-timeout}, {@code request-timeout}, {@code artifact-hosts} (host globs artifact downloads may be
     * redirected to; default {@link #DEFAULT_ARTIFACT_HOSTS}).
     *
     * @throws ConfigurationException listing every missing or invalid key
     */
    public static ActionsClient from(ProviderConfig config) {
        Settings settings = Settings.read(config);
        return settings.builder().transport(settings.http().transport(DEFAULT_ARTIFACT_HOSTS)).build();
    }

    /**
     * Like {@link #from(ProviderConfig)}, sharing a transport; the transport keys are then checked but not used: the
     * transport must allow the storage hosts itself.
     */
    public static ActionsClient from(ProviderConfig config, HttpTransport transport) {
        return Settings.read(config).builder().transport(transport).build();
    }

    /** The configuration keys, read and checked together. */
    private record Settings(Builder builder, HttpSettings http) {
        static final ConfigKey<Secret> TOKEN = ConfigKey.secretValue("token").required();
        static final ConfigKey<ApiRoot> API_URL = ApiRoot.configKey("api-url", "GitHub API URL");
        static final ConfigKey<String> REPOSITORY = ConfigKey.of("repository", "an owner/name repository",
                ActionsClient::checkedRepository);
        static final ConfigKey<Long> MAX_BYTES = ConfigKey.longValue("max-artifact-bytes");
        static final ConfigSpec SPEC = ConfigSpec.of(TOKEN, API_URL, REPOSITORY, MAX_BYTES);

        static Settings read(ProviderConfig config) {
            List<String> problems = new ArrayList<>();
            HttpSettings http = HttpSettings.defaults();
            try {
                http = HttpSettings.read(config, SPEC);
            } catch (ConfigurationException e) {
                problems.addAll(e.problems());
            }
            Optional<Long> max = Optional.empty();
            try {
                max = config.value(MAX_BYTES);
            } catch (ConfigurationException e) {
                // reported by the validation above
            }
            max.filter(m -> m < 0).ifPresent(m -> problems.add("`" + config.keyName(MAX_BYTES.name())
                    + "` must not be negative"));
            if (!problems.isEmpty()) {
                throw new ConfigurationException(problems);
            }
            Builder b = ActionsClient.builder(config.require(TOKEN));
            config.value(API_URL).ifPresent(root -> b.root = root);
            config.value(REPOSITORY).ifPresent(b::repository);
            max.ifPresent(b::maxArtifactBytes);
            return new Settings(b, http);
        }
    }

    /** The API root this client talks to, ending in {@code /}. */
    public URI apiUrl() {
        return api;
    }

    /**
     * The artifacts of a workflow run, following pages of 100 up to {@value #MAX_PAGES} pages.
     *
     * @param repository {@code owner/name}
     */
    public List<ActionsArtifact> artifacts(String repository, long runId) {
        String repo = checkedRepository(repository);
        List<ActionsArtifact> out = new ArrayList<>();
        long seen = 0;
        for (int page = 1; page <= MAX_PAGES; page++) {
            URI uri = api.resolve("repos/" + repo + "/actions/runs/" + runId + "/artifacts?per_page=" + PER_PAGE
                    + "&page=" + page);
            JsonNode json = http.send(call(HttpCall.get(uri)).operation("actions.artifacts").build()).requireSuccess().json();
            JsonNode items = Json.at(json, "artifacts");
            for (JsonNode item : items) {
                artifact(item).ifPresent(out::add);
            }
            seen += items.size();
            long total = Json.number(json, "total_count").orElse(seen);
            if (items.size() < PER_PAGE || seen >= total) {
                return List.copyOf(out);
            }
        }
        LOG.warn("Run {} of {} lists more than {} artifacts; only the first pages were read", runId, repo,
                MAX_PAGES * PER_PAGE);
        return List.copyOf(out);
    }

    /**
     * Streams an artifact's zip to {@code target} with the configured size cap, through GitHub's redirect to its
     * storage (without the token).
     *
     * @throws ArtifactExpiredException when the artifact is listed as expired (nothing is requested) or GitHub
     *     answers 410
     * @throws DeliveryException (not retryable) when its URL is not on the configured API origin
     */
    public Download download(ActionsArtifact artifact, Path target) {
        Objects.requireNonNull(artifact, "artifact");
        if (artifact.expired()) {
            throw expired(artifact.id(), artifact.name());
        }
        return download(artifact.id(), artifact.name(), artifact.archiveDownloadUrl(), target, maxArtifactBytes);
    }

    /**
     * Streams artifact {@code artifactId}'s zip ({@code GET /repos/{o}/{r}/actions/artifacts/{id}/zip}) to
     * {@code target}.
     *
     * @throws ArtifactExpiredException when GitHub answers 410
     */
    public Download download(String repository, long artifactId, Path target, long maxBytes) {
        URI uri = api.resolve("repos/" + checkedRepository(repository) + "/actions/artifacts/" + artifactId + "/zip");
        return download(artifactId, "#" + artifactId, uri, target, maxBytes);
    }

    /**
     * Starts a workflow run: {@code POST /repos/{o}/{r}/actions/workflows/{workflow}/dispatches} with the ref and
     * inputs. With {@link Builder#runDetails} on (the default) the request asks GitHub to name the run it creates
     * ({@code return_run_details}); GitHub answers 200 with the run, older servers (GitHub Enterprise Server 3.20 and
     * before) refuse the field, and the client then sends the dispatch again without it, once, and stops asking
     * that server. A plain 204 tells nothing about the run; its {@code workflow_run} webhook does.
     *
     * @param workflow the workflow's id or file name ({@code build.yml})
     * @param ref the branch or tag to run on
     * @return the run GitHub created, when it said
     * @throws DeliveryException naming the workflow and ref when GitHub refuses (422 no {@code workflow_dispatch}
     *     trigger, unknown ref, unexpected inputs; 404 no such workflow), with the {@code HttpStatusException} as cause
     */
    public Optional<DispatchedRun> dispatch(String repository, String workflow, String ref, Map<String, String> inputs) {
        Objects.requireNonNull(workflow, "workflow");
        Objects.requireNonNull(ref, "ref");
        if (workflow.isBlank() || ref.isBlank()) {
            throw new IllegalArgumentException("workflow and ref must not be blank");
        }
        String repo = checkedRepository(repository);
        URI uri = api.resolve("repos/" + repo + "/actions/workflows/" + encode(workflow) + "/dispatches");
        boolean askForRun = runDetails && !runDetailsRefused.get();
        HttpReply reply = http.send(dispatchCall(uri, ref, inputs, askForRun));
        if (askForRun && (reply.status() == 400 || reply.status() == 422)
                && reply.text().contains(RETURN_RUN_DETAILS)) {
            // the server did not process a request it could not validate: sending it again cannot run it twice
            LOG.info("{} does not know {}; dispatching without it from now on", api.getAuthority(), RETURN_RUN_DETAILS);
            runDetailsRefused.set(true);
            reply = http.send(dispatchCall(uri, ref, inputs, false));
        }
        try {
            reply.requireSuccess();
        } catch (HttpStatusException e) {
            String message = githubMessage(reply);
            throw new DeliveryException("GitHub refused workflow_dispatch of " + workflow + " on " + ref + " in " + repo
                    + " (" + reply.status() + ")" + (message.isEmpty() ? "" : ": " + message), e.retryable(), e);
        }
        if (reply.status() != 200 || reply.body().length == 0) {
            return Optional.empty();
        }
        try {
            JsonNode json = reply.json();
            var runId = Json.number(json, "workflow_run_id");
            Optional<URI> runUrl = Json.nonBlank(json, "run_url").flatMap(ActionsClient::uri);
            if (runId.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new DispatchedRun(runId.getAsLong(),
                    runUrl.orElseGet(() -> api.resolve("repos/" + repo + "/actions/runs/" + runId.getAsLong())),
                    Json.nonBlank(json, "html_url").flatMap(ActionsClient::uri)));
        } catch (MalformedJsonException e) {
            LOG.warn("GitHub accepted the dispatch of {} in {} but its answer was not readable JSON", workflow, repo);
            return Optional.empty();
        }
    }

    /** {@value ActionsPayloadParser#SYSTEM}. */
    @Override
    public String system() {
        return ActionsPayloadParser.SYSTEM;
    }

    /**
     * {@link BuildTrigger}: dispatches {@code job}, written {@code owner/repo/<workflow id or file>[@<ref>]} (or
     * {@code <workflow id or file>[@<ref>]} in the {@link Builder#repository default repository}), with the
     * parameters as inputs; without a ref, on the repository's default branch (one more request). The
     * {@link TriggeredBuild}'s {@code job} is the request with its repository, its {@code queueId} the run id when
     * GitHub named the run ({@link #dispatch}), else empty; its {@code queueUrl} the run's API URL.
     *
     * @throws IllegalArgumentException when {@code job} is not written that way
     */
    @Override
    public TriggeredBuild trigger(String job, Map<String, String> parameters) {
        Matcher m = DISPATCH_JOB.matcher(qualified(Objects.requireNonNull(job, "job")));
        if (!m.matches()) {
            throw new IllegalArgumentException("an Actions job is owner/repo/<workflow id or file>[@ref]"
                    + (repository.isPresent() ? " or <workflow id or file>[@ref]" : "") + ", got '" + job + "'");
        }
        String repo = checkedRepository(m.group(1));
        String ref = m.group(3) != null ? m.group(3) : defaultBranch(repo);
        Optional<DispatchedRun> run = dispatch(repo, m.group(2), ref, parameters);
        return new TriggeredBuild(system(), m.group(), run.map(r -> Long.toString(r.runId())).orElse(""),
                run.map(DispatchedRun::apiUrl), parameters, Instant.now());
    }

    /** A workflow named without a repository, in the default repository; anything else as given. */
    private String qualified(String job) {
        if (repository.isPresent() && !DISPATCH_JOB.matcher(job).matches() && WORKFLOW_ONLY.matcher(job).matches()) {
            return repository.get() + "/" + job;
        }
        return job;
    }

    /**
     * {@link BuildTrigger}: the run's build id ({@code owner/repo/actions/runs/<id>/attempts/<n>}, as the payload
     * parser gives it) once it left the queue; empty while it is requested, queued, waiting or pending, and when
     * GitHub did not name the run.
     *
     * @throws IllegalArgumentException for a request another system made
     */
    @Override
    public Optional<String> buildId(TriggeredBuild triggered) {
        Objects.requireNonNull(triggered, "triggered");
        if (!triggered.system().equals(system())) {
            throw new IllegalArgumentException("a " + triggered.system() + " request is not an Actions dispatch");
        }
        if (triggered.queueId().isBlank()) {
            return Optional.empty();
        }
        Matcher m = DISPATCH_JOB.matcher(triggered.job());
        if (!m.matches() || triggered.queueId().length() > 18
                || !triggered.queueId().chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("not an Actions dispatch: " + triggered.job() + " / " + triggered.queueId());
        }
        String repo = checkedRepository(m.group(1));
        JsonNode run = http.send(call(HttpCall.get(api.resolve("repos/" + repo + "/actions/runs/" + triggered.queueId())))
                .operation("actions.run").build()).requireSuccess().json();
        String status = Json.text(run, "status").orElse("");
        if (ActionsStatuses.of(status, Json.text(run, "conclusion").orElse("")) == BuildStatus.PENDING) {
            return Optional.empty();
        }
        return Optional.of(repo + "/actions/runs/" + triggered.queueId() + "/attempts"
                + "/" + Json.number(run, "run_attempt").orElse(1));
    }

    /**
     * {@link ArtifactFetcher}: the artifacts of the run an Actions build belongs to (a run, or a job through its
     * {@code run_id}), as {@link BuildArtifact}s named after the artifact with its zip URL. Expired artifacts are
     * left out: they cannot be fetched. A build id without a repository ({@code actions/runs/…}, from a payload
     * that named none) is looked up in the {@link Builder#repository default repository}.
     *
     * @throws IllegalArgumentException for a build of another system, or one that names no run
     */
    @Override
    public List<BuildArtifact> list(BuildInfo build) {
        Objects.requireNonNull(build, "build");
        if (!build.system().equals(system())) {
            throw new IllegalArgumentException("build " + build.buildId() + " is a " + build.system()
                    + " build, not an Actions one");
        }
        Matcher m = BUILD_ID.matcher(build.buildId());
        String runId = !m.matches() ? "" : m.group(2).equals("runs") ? m.group(3)
                : build.metadata().getOrDefault("run_id", "");
        Optional<String> repo = m.matches() ? Optional.ofNullable(m.group(1)).or(() -> repository) : Optional.empty();
        if (repo.isEmpty() || runId.isEmpty() || runId.length() > 18 || !runId.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("build " + build.buildId() + " names no repository and run");
        }
        List<ActionsArtifact> all = artifacts(repo.get(), Long.parseLong(runId));
        List<BuildArtifact> out = all.stream().filter(a -> !a.expired()).map(ActionsArtifact::toBuildArtifact).toList();
        if (out.size() < all.size()) {
            LOG.debug("{} of the artifacts of {} have expired and are not listed", all.size() - out.size(), build.buildId());
        }
        return out;
    }

    /**
     * {@link ArtifactFetcher}: streams an artifact's zip (its {@code archive_download_url}) to {@code target}.
     *
     * @throws ArtifactExpiredException when GitHub answers 410
     * @throws IllegalArgumentException when the artifact has no URL
     */
    @Override
    public FetchedArtifact fetch(BuildInfo build, BuildArtifact artifact, Path target, long maxBytes) {
        Objects.requireNonNull(artifact, "artifact");
        URI url = artifact.url().orElseThrow(() -> new IllegalArgumentException(
                "artifact " + artifact.name() + " of " + build.buildId() + " has no download URL"));
        Matcher id = ARTIFACT_ZIP.matcher(url.getPath() == null ? "" : url.getPath());
        return FetchedArtifact.of(artifact,
                download(id.find() ? Long.parseLong(id.group(1)) : -1, artifact.name(), url, target, maxBytes));
    }

    private String defaultBranch(String repo) {
        JsonNode json = http.send(call(HttpCall.get(api.resolve("repos/" + repo))).operation("actions.repository").build())
                .requireSuccess().json();
        return Json.nonBlank(json, "default_branch").orElseThrow(() -> new DeliveryException(
                "GitHub did not say which branch is the default of " + repo, false));
    }

    private HttpCall dispatchCall(URI uri, String ref, Map<String, String> inputs, boolean askForRun) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ref", ref);
        body.put("inputs", Map.copyOf(inputs));
        if (askForRun) {
            body.put(RETURN_RUN_DETAILS, true);
        }
        return call(HttpCall.post(uri)).json(body).operation("actions.dispatch").build();
    }

    private Download download(long id, String name, URI uri, Path target, long maxBytes) {
        root.requireSameOrigin(uri, "artifact " + name);
        try {
            return http.download(call(HttpCall.get(uri)).operation("actions.artifact").build(), target, maxBytes);
        } catch (HttpStatusException e) {
            if (e.status() == 410) {
                throw expired(id, name);
            }
            throw e;
        }
    }

    private static ArtifactExpiredException expired(long id, String name) {
        return new ArtifactExpiredException(id, "artifact " + name + " (id " + id
                + ") has expired: its retention period is over, run the workflow again to produce it");
    }

    private HttpCall.Builder call(HttpCall.Builder call) {
        return call.bearer(token).header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", API_VERSION);
    }

    private static Optional<ActionsArtifact> artifact(JsonNode item) {
        var id = Json.number(item, "id");
        Optional<String> name = Json.nonBlank(item, "name");
        Optional<URI> url = Json.nonBlank(item, "archive_download_url").flatMap(ActionsClient::uri);
        if (id.isEmpty() || name.isEmpty() || url.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ActionsArtifact(id.getAsLong(), name.get(), Json.number(item, "size_in_bytes").orElse(0),
                Json.bool(item, false, "expired"), url.get(), GitHubJson.instant(item, "expires_at"),
                Json.nonBlank(item, "digest")));
    }

    private static String githubMessage(HttpReply reply) {
        try {
            return Json.nonBlank(reply.json(), "message").orElse("");
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static Optional<URI> uri(String text) {
        try {
            URI uri = URI.create(text.strip());
            return uri.getHost() == null ? Optional.empty() : Optional.of(uri);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String checkedRepository(String repository) {
        Objects.requireNonNull(repository, "repository");
        if (!REPO.matcher(repository).matches() || repository.contains("..")) {
            throw new IllegalArgumentException("not an owner/name repository: '" + repository + "'");
        }
        return repository;
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Configures an {@link ActionsClient}. Not thread-safe. */
    public static final class Builder {
        private final Secret token;
        private ApiRoot root = ApiRoot.of("GitHub API URL", DEFAULT_API_URL);
        private Optional<String> repository = Optional.empty();
        private Optional<HttpTransport> http = Optional.empty();
        private List<String> artifactHosts = DEFAULT_ARTIFACT_HOSTS;
        private long maxArtifactBytes = DEFAULT_MAX_ARTIFACT_BYTES;
        private boolean runDetails = true;

        private Builder(Secret token) {
            this.token = Objects.requireNonNull(token, "token");
        }

        /**
         * The API root: {@code https://api.github.com/} (default) or GitHub Enterprise's {@code https://host/api/v3/}.
         *
         * @throws IllegalArgumentException when it is not an absolute http(s) URL (or carries user info, a query or
         *     a fragment)
         */
        public Builder apiUrl(URI apiUrl) {
            this.root = ApiRoot.of("GitHub API URL", apiUrl);
            return this;
        }

        /**
         * The repository ({@code owner/name}) a {@link ActionsClient#trigger trigger} of a bare workflow and a
         * {@link ActionsClient#list listing} of a build without one go to; none by default.
         *
         * @throws IllegalArgumentException when it is not {@code owner/name}
         */
        public Builder repository(String repository) {
            this.repository = Optional.of(checkedRepository(repository));
            return this;
        }

        /** A shared transport; it must allow the artifact storage hosts itself ({@link #DEFAULT_ARTIFACT_HOSTS}). */
        public Builder transport(HttpTransport transport) {
            this.http = Optional.of(Objects.requireNonNull(transport, "transport"));
            return this;
        }

        /**
         * The host globs artifact downloads may be redirected to, replacing {@link #DEFAULT_ARTIFACT_HOSTS}; used only
         * when no {@link #transport} is given.
         */
        public Builder artifactHosts(String... hostGlobs) {
            this.artifactHosts = List.of(hostGlobs);
            return this;
        }

        /** The largest artifact {@link ActionsClient#download(ActionsArtifact, Path)} accepts; default 2 GiB. */
        public Builder maxArtifactBytes(long maxBytes) {
            if (maxBytes < 0) {
                throw new IllegalArgumentException("maxArtifactBytes must not be negative: " + maxBytes);
            }
            this.maxArtifactBytes = maxBytes;
            return this;
        }

        /**
         * Whether dispatches ask GitHub to name the run they create ({@code return_run_details}); on by default.
         * Servers that do not know the field are detected and asked without it.
         */
        public Builder runDetails(boolean ask) {
            this.runDetails = ask;
            return this;
        }

        public ActionsClient build() {
            return new ActionsClient(this);
        }
    }
}
