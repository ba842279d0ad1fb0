package io.cikit.build.jenkins;

import com.fasterxml.jackson.databind.JsonNode;
import io.cikit.build.jenkins.internal.Crumb;
import io.cikit.build.jenkins.internal.JobPaths;
import io.cikit.core.DeliveryException;
import io.cikit.core.artifact.ArtifactClassifier;
import io.cikit.core.artifact.ArtifactFetcher;
import io.cikit.core.artifact.FetchedArtifact;
import io.cikit.core.build.BuildArtifact;
import io.cikit.core.build.BuildInfo;
import io.cikit.core.build.BuildTrigger;
import io.cikit.core.build.TriggeredBuild;
import io.cikit.core.config.ConfigKey;
import io.cikit.core.config.ConfigSpec;
import io.cikit.core.config.ConfigurationException;
import io.cikit.core.config.Durations;
import io.cikit.core.config.ProviderConfig;
import io.cikit.core.config.Secret;
import io.cikit.core.http.ApiRoot;
import io.cikit.core.http.Download;
import io.cikit.core.http.HttpCall;
import io.cikit.core.http.HttpReply;
import io.cikit.core.http.HttpSettings;
import io.cikit.core.http.HttpTransport;
import io.cikit.core.json.Json;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Jenkins REST API a lab needs: trigger a job ({@code buildWithParameters}), follow its queue item to the build
 * number, list a build's archived artifacts, and stream them to disk.
 *
 * <p>Authenticates with HTTP basic auth, user + API token (anonymous when none is configured). An API token needs no
 * CSRF crumb; other set-ups do, so the client fetches one from {@code /crumbIssuer/api/json} when Jenkins refuses a
 * POST with a 403 about a crumb (or before the first POST with {@link CrumbPolicy#ALWAYS}), keeps it with its session
 * cookie, and fetches a new one when it is refused again. Credentials go only to the configured Jenkins origin: URLs
 * Jenkins announces with another root URL (a misconfigured "Jenkins URL" behind a proxy) are rebased onto it, and
 * downloads from another origin are refused.
 *
 * <p>All HTTP goes through the {@link HttpTransport} given (or a default one): its retries, timeouts, circuit breaker
 * and metrics apply; a trigger POST is not repeated when Jenkins may have received it. Errors: {@code HttpStatusException}
 * for a reply Jenkins refused (404 no such job, 401 bad credentials, 400 not parameterised), {@code
 * HttpTransportException} when Jenkins could not be reached, {@link BuildNotStartedException} from {@link #awaitStart},
 * {@code ReplyTooLargeException} for an artifact over the cap.
 *
 * <p>It is the Jenkins {@link BuildTrigger} ({@link #trigger}, {@link #buildId}) and {@link ArtifactFetcher}
 * ({@link #list}, {@link #fetch}). {@link JenkinsClientProvider} makes one from {@code cikit.jenkins.*} for
 * {@code ServiceLoader} discovery ({@code BuildSystems.trigger("jenkins")}); hosts may also build one themselves
 * ({@link #builder}, {@link #from(ProviderConfig)}) and hand it over.
 *
 * <p>Thread-safe. Defaults: queue polled every {@value #DEFAULT_POLL_INTERVAL_MILLIS} ms (doubling up to 8×),
 * given up after {@value #DEFAULT_QUEUE_TIMEOUT_MINUTES} minutes; artifacts up to 2 GiB.
 */
public final class JenkinsClient implements BuildTrigger, ArtifactFetcher {
    private static final Logger LOG = LoggerFactory.getLogger(JenkinsClient.class);

    static final long DEFAULT_POLL_INTERVAL_MILLIS = 1_000;
    static final long DEFAULT_QUEUE_TIMEOUT_MINUTES = 15;
    /** The default download cap: 2 GiB. */
    public static final long DEFAULT_MAX_ARTIFACT_BYTES = 2L * 1024 * 1024 * 1024;
    private static final Pattern QUEUE_ITEM = Pattern.compile("/queue/item/(\\d+)/?");
    private static final String ARTIFACT_TREE = "tree=artifacts%5BfileName%2CrelativePath%5D";
    private static final int MAX_POLL_GROWTH = 8;

    /** When to send a CSRF crumb with POSTs. */
    public enum CrumbPolicy {
        /** Only once Jenkins refuses a POST for want of one (the default; API tokens need none). */
        AUTO,
        /** Fetch one before the first POST. */
        ALWAYS
    }

    private final ApiRoot root;
    private final URI base;
    private final Optional<String> user;
    private final Optional<Secret> apiToken;
    private final HttpTransport http;
    private final CrumbPolicy crumbPolicy;
    private final Duration pollInterval;
    private final Duration queueTimeout;
    private final long maxArtifactBytes;
    private final AtomicReference<Optional<Crumb>> crumb = new AtomicReference<>(Optional.empty());

    private JenkinsClient(Builder b) {
        this.root = b.root;
        this.base = b.root.uri();
        this.user = b.user;
        this.apiToken = b.apiToken;
        this.http = b.http.orElseGet(() -> HttpTransport.builder().build());
        this.crumbPolicy = b.crumbPolicy;
        this.pollInterval = b.pollInterval;
        this.queueTimeout = b.queueTimeout;
        this.maxArtifactBytes = b.maxArtifactBytes;
    }

    /**
     * A client for the Jenkins at {@code baseUrl} ({@code https://jenkins.example.com/} or {@code …/jenkins/}).
     *
     * @throws IllegalArgumentException when it is not an absolute http(s) URL (or carries user info, a query or a
     *     fragment)
     */
    public static Builder builder(URI baseUrl) {
        return new Builder(ApiRoot.of("Jenkins URL", baseUrl));
    }

    /**
     * A client from a {@code cikit.jenkins} view: {@code url} (required), {@code user}, {@code api-token} (secret),
     * {@code crumb} ({@code auto}|{@code always}), {@code queue-poll-interval}, {@code queue-timeout},
     * {@code max-artifact-bytes}, and the transport it builds: {@code connect-timeout}, {@code request-timeout},
     * {@code artifact-hosts} (hosts downloads may be redirected to, e.g. an artifact manager's object storage;
     * none by default).
     *
     * @throws ConfigurationException listing every missing or invalid key
     */
    public static JenkinsClient from(ProviderConfig config) {
        Settings settings = Settings.read(config);
        return settings.builder().transport(settings.http().transport(List.of())).build();
    }

    /** Like {@link #from(ProviderConfig)}, sharing a transport; the transport keys are then checked but not used. */
    public static JenkinsClient from(ProviderConfig config, HttpTransport transport) {
        return Settings.read(config).builder().transport(transport).build();
    }

    /** The {@code cikit.jenkins.*} keys, read and checked together. */
    private record Settings(Builder builder, HttpSettings http) {
        static final ConfigKey<ApiRoot> URL = ApiRoot.configKey("url", "Jenkins URL").required();
        static final ConfigKey<String> USER = ConfigKey.string("user");
        static final ConfigKey<Secret> API_TOKEN = ConfigKey.secretValue("api-token");
        static final ConfigKey<CrumbPolicy> CRUMB = ConfigKey.of("crumb", "one of auto, always",
                s -> CrumbPolicy.valueOf(s.toUpperCase(Locale.ROOT)));
        static final ConfigKey<Duration> POLL = ConfigKey.duration("queue-poll-interval");
        static final ConfigKey<Duration> TIMEOUT = ConfigKey.duration("queue-timeout");
        static final ConfigKey<Long> MAX_BYTES = ConfigKey.longValue("max-artifact-bytes");
        static final ConfigSpec SPEC = ConfigSpec.of(URL, USER, API_TOKEN, CRUMB, POLL, TIMEOUT, MAX_BYTES);

        static Settings read(ProviderConfig config) {
            List<String> problems = new ArrayList<>();
            HttpSettings http = HttpSettings.defaults();
            try {
                http = HttpSettings.read(config, SPEC);
            } catch (ConfigurationException e) {
                problems.addAll(e.problems());
            }
            Optional<String> u = parsed(config, USER);
            Optional<Secret> t = parsed(config, API_TOKEN);
            if (u.isPresent() != t.isPresent()) {
                problems.add(quoted(config, USER) + " and " + quoted(config, API_TOKEN) + " go together: set both or neither");
            }
            if (u.filter(name -> name.indexOf(':') >= 0).isPresent()) {
                problems.add(quoted(config, USER) + ": a Jenkins user name cannot contain ':'");
            }
            Optional<Duration> poll = parsed(config, POLL);
            Optional<Duration> timeout = parsed(config, TIMEOUT);
            Optional<Long> max = parsed(config, MAX_BYTES);
            poll.flatMap(d -> Durations.problemIfNotPositive(quoted(config, POLL), d)).ifPresent(problems::add);
            timeout.flatMap(d -> Durations.problemIfNotPositive(quoted(config, TIMEOUT), d)).ifPresent(problems::add);
            max.filter(m -> m < 0).ifPresent(m -> problems.add(quoted(config, MAX_BYTES) + " must not be negative"));
            if (!problems.isEmpty()) {
                throw new ConfigurationException(problems);
            }
            Builder b = new Builder(config.require(URL));
            if (u.isPresent() && t.isPresent()) {
                b.credentials(u.get(), t.get());
            }
            parsed(config, CRUMB).ifPresent(b::crumbPolicy);
            poll.ifPresent(b::queuePollInterval);
            timeout.ifPresent(b::queueTimeout);
            max.ifPresent(b::maxArtifactBytes);
            return new Settings(b, http);
        }

        /** The value, or empty when it is not set or does not parse (validation has reported that already). */
        private static <T> Optional<T> parsed(ProviderConfig config, ConfigKey<T> key) {
            try {
                return config.value(key);
            } catch (ConfigurationException e) {
                return Optional.empty();
            }
        }

        private static String quoted(ProviderConfig config, ConfigKey<?> key) {
            return "`" + config.keyName(key.name()) + "`";
        }
    }

    /** The Jenkins root URL, ending in {@code /}. */
    public URI baseUrl() {
        return base;
    }

    /**
     * Queues a build of {@code job} ({@code folder/job}): {@code POST job/…/buildWithParameters} with the parameters
     * form-encoded, or {@code POST job/…/build} when there are none.
     *
     * @throws io.cikit.core.http.HttpStatusException when Jenkins refuses (404 no such job, 400 not parameterised,
     *     401/403 credentials or permissions)
     * @throws DeliveryException when Jenkins accepted it without saying where the queue item is
     * @throws IllegalArgumentException for an empty job name or one with {@code .} or {@code ..} segments
     */
    public QueuedBuild enqueue(String job, Map<String, String> parameters) {
        Objects.requireNonNull(job, "job");
        Map<String, String> params = new LinkedHashMap<>(Objects.requireNonNull(parameters, "parameters"));
        URI target = base.resolve(JobPaths.jobPath(job) + (params.isEmpty() ? "build" : "buildWithParameters"));
        if (crumbPolicy == CrumbPolicy.ALWAYS && crumb.get().isEmpty()) {
            crumb.set(fetchCrumb());
        }
        HttpReply reply = http.send(triggerCall(target, params, crumb.get()));
        if (Crumb.isCrumbRefusal(reply)) {
            LOG.debug("Jenkins asked for a CSRF crumb to trigger {}; fetching one", job);
            Optional<Crumb> fresh = fetchCrumb();
            crumb.set(fresh);
            if (fresh.isPresent()) {
                reply = http.send(triggerCall(target, params, fresh));
            }
        }
        HttpReply accepted = reply.requireSuccess();
        String location = accepted.header("Location").orElseThrow(() -> new DeliveryException(
                "Jenkins accepted the build of " + job + " (" + accepted.status() + ") but sent no queue item Location",
                false));
        Matcher m = QUEUE_ITEM.matcher(URI.create(location.strip()).getPath());
        if (!m.find()) {
            throw new DeliveryException("Jenkins answered the build of " + job + " with a Location that is no queue item: "
                    + location, false);
        }
        long id = Long.parseLong(m.group(1));
        LOG.debug("Jenkins queued {} as queue item {}", job, id);
        return new QueuedBuild(job, id, base.resolve("queue/item/" + id + "/"));
    }

    /** {@link #awaitStart(QueuedBuild, Duration)} with the configured queue timeout. */
    public JenkinsBuild awaitStart(QueuedBuild queued) {
        return awaitStart(queued, queueTimeout);
    }

    /**
     * Polls the queue item ({@code queue/item/N/api/json}) until Jenkins gives it a build number
     * ({@code executable.number}), at the poll interval, doubling up to 8× while it waits. Blocks the caller.
     *
     * @throws BuildNotStartedException cancelled, gone (404), still queued after {@code timeout}, or interrupted
     */
    public JenkinsBuild awaitStart(QueuedBuild queued, Duration timeout) {
        Objects.requireNonNull(queued, "queued");
        Objects.requireNonNull(timeout, "timeout");
        long deadline = System.nanoTime() + timeout.toNanos();
        Duration wait = pollInterval;
        while (true) {
            QueueState state = queueState(queued);
            if (state.build().isPresent()) {
                return state.build().get();
            }
            URI item = queueItem(queued);
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new BuildNotStartedException(BuildNotStartedException.Reason.TIMED_OUT, item, state.why(),
                        "queue item " + queued.queueId() + " of " + queued.job() + " did not start within " + timeout
                                + (state.why().isBlank() ? "" : ": " + state.why()));
            }
            sleep(Math.min(wait.toNanos(), left), item, state.why());
            if (wait.compareTo(pollInterval.multipliedBy(MAX_POLL_GROWTH)) < 0) {
                wait = wait.multipliedBy(2);
            }
        }
    }

    /**
     * Asks once whether a queued build has started: its build, or empty while it waits. Does not block beyond the
     * one request.
     *
     * @throws BuildNotStartedException when the queue item was cancelled or is gone (404)
     */
    public Optional<JenkinsBuild> poll(QueuedBuild queued) {
        return queueState(Objects.requireNonNull(queued, "queued")).build();
    }

    /** What one look at a queue item showed: the build once started, and Jenkins' reason for the wait. */
    private record QueueState(Optional<JenkinsBuild> build, String why) {
    }

    private QueueState queueState(QueuedBuild queued) {
        URI item = queueItem(queued);
        HttpReply reply = http.send(get(item.resolve("api/json")).operation("jenkins.queue-item").build());
        if (reply.status() == 404) {
            throw new BuildNotStartedException(BuildNotStartedException.Reason.GONE, item, "",
                    "Jenkins no longer knows queue item " + queued.queueId() + " of " + queued.job()
                            + " (it forgets items a few minutes after they leave the queue)");
        }
        JsonNode json = reply.requireSuccess().json();
        String why = Json.text(json, "why").orElse("");
        if (Json.bool(json, false, "cancelled")) {
            throw new BuildNotStartedException(BuildNotStartedException.Reason.CANCELLED, item, why,
                    "queue item " + queued.queueId() + " of " + queued.job() + " was cancelled before it started");
        }
        OptionalLong number = Json.number(json, "executable", "number");
        if (number.isEmpty()) {
            return new QueueState(Optional.empty(), why);
        }
        URI url = Json.nonBlank(json, "executable", "url").map(this::onBase)
                .orElseGet(() -> base.resolve(JobPaths.jobPath(queued.job()) + number.getAsLong() + "/"));
        return new QueueState(Optional.of(new JenkinsBuild(queued.job(), number.getAsLong(), url)), why);
    }

    private URI queueItem(QueuedBuild queued) {
        return queueItem(queued.queueId());
    }

    private URI queueItem(long id) {
        return base.resolve("queue/item/" + id + "/");
    }

    /** {@value JenkinsPayloadParser#SYSTEM}. */
    @Override
    public String system() {
        return JenkinsPayloadParser.SYSTEM;
    }

    /**
     * {@link BuildTrigger}: {@link #enqueue} as a {@link TriggeredBuild} whose {@code queueId} is the queue item
     * number and {@code queueUrl} the queue item.
     */
    @Override
    public TriggeredBuild trigger(String job, Map<String, String> parameters) {
        QueuedBuild queued = enqueue(job, parameters);
        return new TriggeredBuild(system(), job, Long.toString(queued.queueId()), Optional.of(queued.queueItem()),
                parameters, Instant.now());
    }

    /**
     * {@link BuildTrigger}: {@link #poll} once; the build's id ({@code job#number}, as the payload parser gives it)
     * once it started, empty while queued.
     *
     * @throws BuildNotStartedException when the queue item was cancelled or is gone
     * @throws IllegalArgumentException for a request another system or client made
     */
    @Override
    public Optional<String> buildId(TriggeredBuild triggered) {
        return poll(queued(triggered)).map(JenkinsBuild::buildId);
    }

    /** The queued build a {@link TriggeredBuild} from {@link #trigger} stands for. */
    public QueuedBuild queued(TriggeredBuild triggered) {
        Objects.requireNonNull(triggered, "triggered");
        if (!triggered.system().equals(system())) {
            throw new IllegalArgumentException("a " + triggered.system() + " request is not a Jenkins queue item");
        }
        long id;
        try {
            id = Long.parseLong(triggered.queueId());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a Jenkins queue item number: " + triggered.queueId(), e);
        }
        return new QueuedBuild(triggered.job(), id, triggered.queueUrl().orElseGet(() -> queueItem(id)));
    }

    /**
     * {@link ArtifactFetcher}: the archived files of a Jenkins build, by its job and number (else its URL on this
     * Jenkins).
     *
     * @throws IllegalArgumentException for a build of another system, or one naming neither job and number nor a
     *     URL on this Jenkins
     */
    @Override
    public List<BuildArtifact> list(BuildInfo build) {
        return artifactsAt(buildUrl(build), build.buildId());
    }

    /**
     * {@link ArtifactFetcher}: streams an artifact of a build to {@code target}, from its URL or, without one,
     * from {@code <build>/artifact/<path>}.
     *
     * @throws io.cikit.core.http.ReplyTooLargeException over {@code maxBytes}
     * @throws DeliveryException (not retryable) for a URL on another origin
     * @throws io.cikit.core.http.HttpStatusException a non-2xx reply (404: no such artifact)
     */
    @Override
    public FetchedArtifact fetch(BuildInfo build, BuildArtifact artifact, Path target, long maxBytes) {
        Objects.requireNonNull(artifact, "artifact");
        URI url = artifact.url().or(() -> JobPaths.artifactUrl(buildUrl(build).toString(), artifact.path()))
                .orElseThrow(() -> new IllegalArgumentException("artifact " + artifact.path() + " of "
                        + build.buildId() + " has no URL and its path gives none"));
        return FetchedArtifact.of(artifact, download(url, target, maxBytes));
    }

    private URI buildUrl(BuildInfo build) {
        Objects.requireNonNull(build, "build");
        if (!build.system().equals(system())) {
            throw new IllegalArgumentException("build " + build.buildId() + " is a " + build.system()
                    + " build, not a Jenkins one");
        }
        if (!build.job().isBlank() && build.number().isPresent()) {
            return base.resolve(JobPaths.jobPath(build.job()) + build.number().getAsLong() + "/");
        }
        Optional<URI> url = build.url().flatMap(u -> {
            try {
                return Optional.of(URI.create(u.endsWith("/") ? u : u + "/"));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }).filter(root::isSameOrigin);
        return url.orElseThrow(() -> new IllegalArgumentException("build " + build.buildId()
                + " names neither job and number nor a URL on " + base));
    }

    /**
     * The files a build archived ({@code {build}/api/json?tree=artifacts[fileName,relativePath]}), each with its
     * download URL ({@code {build}/artifact/{relativePath}}). Paths that would climb out of the build ({@code ..})
     * are skipped.
     */
    public List<BuildArtifact> artifacts(String job, long number) {
        return artifactsAt(base.resolve(JobPaths.jobPath(job) + number + "/"), job + "#" + number);
    }

    private List<BuildArtifact> artifactsAt(URI buildUrl, String buildId) {
        JsonNode json = http.send(get(URI.create(buildUrl + "api/json?" + ARTIFACT_TREE))
                .operation("jenkins.artifacts").build()).requireSuccess().json();
        List<BuildArtifact> out = new ArrayList<>();
        for (JsonNode a : Json.at(json, "artifacts")) {
            Optional<String> path = Json.nonBlank(a, "relativePath");
            if (path.isEmpty()) {
                continue;
            }
            Optional<URI> url = JobPaths.artifactUrl(buildUrl.toString(), path.get());
            if (url.isEmpty()) {
                LOG.warn("Skipping artifact with an unsafe path in {}: {}", buildId, path.get());
                continue;
            }
            String name = Json.nonBlank(a, "fileName").orElse(BuildArtifact.of(path.get()).name());
            out.add(new BuildArtifact(name, path.get(), url, OptionalLong.empty(), ArtifactClassifier.byName(path.get())));
        }
        return List.copyOf(out);
    }

    /** {@link #artifacts(String, long)} of a started build. */
    public List<BuildArtifact> artifacts(JenkinsBuild build) {
        return artifacts(build.job(), build.number());
    }

    /**
     * Streams an artifact to {@code target} with the configured size cap.
     *
     * @throws IllegalArgumentException when the artifact has no URL
     */
    public Download download(BuildArtifact artifact, Path target) {
        URI url = artifact.url().orElseThrow(() -> new IllegalArgumentException(
                "artifact " + artifact.path() + " has no download URL"));
        return download(url, target, maxArtifactBytes);
    }

    /**
     * Streams a file from this Jenkins to {@code target} (a temporary file moved into place when complete), hashing
     * it with SHA-256.
     *
     * @throws DeliveryException (not retryable) when {@code url} is not on this Jenkins' origin: its credentials
     *     are never sent elsewhere
     * @throws io.cikit.core.http.ReplyTooLargeException over {@code maxBytes}
     * @throws io.cikit.core.http.HttpStatusException a non-2xx reply (404: no such artifact)
     */
    public Download download(URI url, Path target, long maxBytes) {
        root.requireSameOrigin(Objects.requireNonNull(url, "url"), "a Jenkins artifact download");
        return http.download(get(url).operation("jenkins.artifact").build(), target, maxBytes);
    }

    private HttpCall triggerCall(URI target, Map<String, String> params, Optional<Crumb> withCrumb) {
        HttpCall.Builder call = HttpCall.post(target).operation("jenkins.trigger");
        auth(call);
        if (params.isEmpty()) {
            call.body(new byte[0], "application/x-www-form-urlencoded; charset=UTF-8");
        } else {
            call.form(params);
        }
        withCrumb.ifPresent(c -> {
            call.header(c.field(), c.value());
            c.cookie().ifPresent(cookie -> call.header("Cookie", cookie));
        });
        return call.build();
    }

    private Optional<Crumb> fetchCrumb() {
        HttpReply reply = http.send(get(base.resolve("crumbIssuer/api/json")).operation("jenkins.crumb").build());
        if (reply.status() == 404) {
            // CSRF protection is off: the refusal was about something else
            return Optional.empty();
        }
        return Crumb.from(reply.requireSuccess());
    }

    private HttpCall.Builder get(URI uri) {
        return auth(HttpCall.get(uri).header("Accept", "application/json"));
    }

    private HttpCall.Builder auth(HttpCall.Builder call) {
        if (user.isPresent() && apiToken.isPresent()) {
            call.basicAuth(user.get(), apiToken.get());
        }
        return call;
    }

    /** A URL Jenkins announced, moved onto the configured origin when Jenkins thinks its root URL is another. */
    private URI onBase(String announced) {
        try {
            URI uri = URI.create(announced.strip());
            if (uri.getHost() == null || root.isSameOrigin(uri)) {
                return base.resolve(uri);
            }
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            int job = path.indexOf("/job/");
            return job < 0 ? base.resolve(uri) : base.resolve(path.substring(job + 1));
        } catch (IllegalArgumentException e) {
            return base;
        }
    }

    private static void sleep(long nanos, URI item, String why) {
        try {
            Thread.sleep(Duration.ofNanos(nanos).toMillis(), (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BuildNotStartedException(BuildNotStartedException.Reason.INTERRUPTED, item, why,
                    "interrupted while waiting for " + item + " to start");
        }
    }

    /** Configures a {@link JenkinsClient}. Not thread-safe. */
    public static final class Builder {
        private final ApiRoot root;
        private Optional<String> user = Optional.empty();
        private Optional<Secret> apiToken = Optional.empty();
        private Optional<HttpTransport> http = Optional.empty();
        private CrumbPolicy crumbPolicy = CrumbPolicy.AUTO;
        private Duration pollInterval = Duration.ofMillis(DEFAULT_POLL_INTERVAL_MILLIS);
        private Duration queueTimeout = Duration.ofMinutes(DEFAULT_QUEUE_TIMEOUT_MINUTES);
        private long maxArtifactBytes = DEFAULT_MAX_ARTIFACT_BYTES;

        private Builder(ApiRoot root) {
            this.root = root;
        }

        /** Basic auth with a user and an API token (Jenkins » user » Security » API Token). */
        public Builder credentials(String user, Secret apiToken) {
            Objects.requireNonNull(user, "user");
            if (user.isBlank() || user.indexOf(':') >= 0) {
                throw new IllegalArgumentException("not a Jenkins user name: '" + user + "'");
            }
            this.user = Optional.of(user);
            this.apiToken = Optional.of(Objects.requireNonNull(apiToken, "apiToken"));
            return this;
        }

        /** The transport to share; by default the client builds its own with the transport's defaults. */
        public Builder transport(HttpTransport transport) {
            this.http = Optional.of(Objects.requireNonNull(transport, "transport"));
            return this;
        }

        public Builder crumbPolicy(CrumbPolicy policy) {
            this.crumbPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** The first wait between queue polls (doubling up to 8× while the item waits); default 1 s. */
        public Builder queuePollInterval(Duration interval) {
            this.pollInterval = Durations.requirePositive("queuePollInterval", interval);
            return this;
        }

        /** How long {@link JenkinsClient#awaitStart(QueuedBuild)} waits for a build number; default 15 min. */
        public Builder queueTimeout(Duration timeout) {
            this.queueTimeout = Durations.requirePositive("queueTimeout", timeout);
            return this;
        }

        /** The largest artifact {@link JenkinsClient#download(BuildArtifact, Path)} accepts; default 2 GiB. */
        public Builder maxArtifactBytes(long maxBytes) {
            if (maxBytes < 0) {
                throw new IllegalArgumentException("maxArtifactBytes must not be negative: " + maxBytes);
            }
            this.maxArtifactBytes = maxBytes;
            return this;
        }

        public JenkinsClient build() {
            return new JenkinsClient(this);
        }
    }
}
