package io.cikit.vcs.github;

import com.fasterxml.jackson.databind.JsonNode;
import io.cikit.core.config.ProviderConfig;
import io.cikit.core.config.Secret;
import io.cikit.core.event.Repository;
import io.cikit.core.http.HttpTransport;
import io.cikit.core.http.ReplyTooLargeException;
import io.cikit.core.json.Json;
import io.cikit.core.report.ChangedFile;
import io.cikit.core.report.CommentRef;
import io.cikit.core.report.CommitDiff;
import io.cikit.core.report.CommitStatus;
import io.cikit.core.report.StatusState;
import io.cikit.core.report.VcsClient;
import io.cikit.core.trigger.ChangedFiles;
import io.cikit.vcs.github.internal.ApiPaths;
import io.cikit.vcs.github.internal.AppJwt;
import io.cikit.vcs.github.internal.PemKeys;
import io.cikit.vcs.github.internal.StickyMarker;
import io.cikit.vcs.github.internal.Texts;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GitHub's REST API for reporting: commit statuses, check runs, issue and pull-request comments (sticky ones
 * included), and compare / commit / pull-request file lists and diffs. Works with github.com and GitHub Enterprise
 * Server ({@code https://host/api/v3}), with a token or as a GitHub App installation.
 *
 * <p>Texts are cut to GitHub's limits instead of being rejected: status descriptions to 140 characters with an
 * ellipsis, check-run summaries and texts to 65535 and comment bodies to 65536 with a visible "truncated" line.
 * Check-run annotations go 50 per request. File lists are read page by page through the {@code Link} header, up to
 * GitHub's own caps (300 files for a compare, 3000 for a commit or pull request).
 *
 * <p>Thread-safe; share one. Every call goes through the {@link HttpTransport} (timeouts, retries, primary and
 * secondary rate-limit waits). Error replies throw {@link GitHubApiException} ({@link GitHubRateLimitException}
 * when a rate limit was not waited out); no reply at all throws the transport's
 * {@link io.cikit.core.http.HttpTransportException}; both are {@link io.cikit.core.DeliveryException}s with
 * {@code retryable()}.
 */
public final class GitHubClient implements VcsClient, ChangedFiles {
    private static final Logger LOG = LoggerFactory.getLogger(GitHubClient.class);

    /** The API of github.com. */
    public static final URI PUBLIC_API = URI.create("https://api.github.com/");
    /** Annotations GitHub takes per check-run request. */
    public static final int ANNOTATIONS_PER_REQUEST = 50;
    /** Files a compare lists at most; a list this long may be cut. */
    public static final int MAX_COMPARE_FILES = 300;
    /** Files a pull request or commit lists at most. */
    public static final int MAX_LISTED_FILES = 3000;
    /** Pages of comments searched for a sticky comment by default (100 comments each). */
    public static final int DEFAULT_MAX_COMMENT_PAGES = 100;

    private static final int PER_PAGE = 100;

    private final GitHubApi api;
    private final Credentials credentials;
    private final Optional<String> stickyAuthor;
    private final int maxCommentPages;

    private GitHubClient(GitHubApi api, Credentials credentials, Builder b) {
        this.api = api;
        this.credentials = credentials;
        this.stickyAuthor = Optional.ofNullable(b.stickyAuthor);
        this.maxCommentPages = b.maxCommentPages;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A client configured from {@code cikit.github.*} (pass {@code ciConfig.forPrefix("cikit.github")}): {@code token},
     * or {@code app-id} + {@code app-private-key} (a PEM text or a file path) + {@code installation-id}; optional
     * {@code api-url}. Makes its own {@link HttpTransport} with default settings.
     *
     * @throws io.cikit.core.config.ConfigurationException listing every missing or invalid key
     */
    public static GitHubClient fromConfig(ProviderConfig config) {
        return fromConfig(config, HttpTransport.builder().build());
    }

    /** As {@link #fromConfig(ProviderConfig)}, over the host's shared transport. */
    public static GitHubClient fromConfig(ProviderConfig config, HttpTransport transport) {
        return GitHubSettings.read(config).applyTo(builder().transport(transport)).build();
    }

    /** The API root calls go to, ending in {@code /}. */
    public URI apiUrl() {
        return api.base();
    }

    // ---- commit statuses ------------------------------------------------------------------------------------------

    /**
     * Sets a commit status ({@code POST /repos/{o}/{r}/statuses/{sha}}). The description is made one line and cut to
     * 140 characters with an ellipsis, so GitHub never rejects it for length.
     */
    @Override
    public void setStatus(Repository repo, String sha, CommitStatus status) {
        Objects.requireNonNull(status, "status");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("state", state(status.state()));
        body.put("context", status.context());
        status.description().map(Texts::description).ifPresent(d -> body.put("description", d));
        status.targetUrl().ifPresent(u -> body.put("target_url", u.toString()));
        api.send("POST", api.uri(ApiPaths.repo(repo) + "/statuses/" + ApiPaths.segment(sha(sha))), body,
                GitHubApi.JSON_MEDIA, "github.status", credentials);
    }

    // ---- comments -------------------------------------------------------------------------------------------------

    @Override
    public CommentRef createComment(Repository repo, long number, String body) {
        return createComment(repo, number, body, Optional.empty());
    }

    /**
     * Posts a comment; a body over 65536 characters is cut and ends with "truncated, see {@code fullText}".
     *
     * @param fullText where the whole text can be read, for the truncation notice
     */
    public CommentRef createComment(Repository repo, long number, String body, Optional<URI> fullText) {
        Objects.requireNonNull(body, "body");
        String text = Texts.withNotice(body, Texts.MAX_COMMENT, fullText);
        return postComment(repo, number, text);
    }

    @Override
    public CommentRef upsertComment(Repository repo, long number, String key, String body) {
        return upsertComment(repo, number, key, body, Optional.empty());
    }

    /**
     * Posts or updates the sticky comment for {@code key}: the body starts with the hidden marker
     * {@code <!-- cikit:<key> -->}; the comments of the issue are searched page by page (up to
     * {@link Builder#maxCommentPages}) for one carrying it (and written by {@link Builder#stickyAuthor}, when set);
     * that one is updated, else a new one is posted. The body is cut to fit 65536 characters with the marker.
     *
     * @param fullText where the whole text can be read, for the truncation notice
     * @throws IllegalArgumentException for a key outside {@code A-Z a-z 0-9 . _ : / -} or over 100 characters
     */
    public CommentRef upsertComment(Repository repo, long number, String key, String body, Optional<URI> fullText) {
        Objects.requireNonNull(body, "body");
        String marker = StickyMarker.of(key);
        String text = marker + "\n" + Texts.withNotice(body, Texts.MAX_COMMENT - marker.length() - 1, fullText);
        Optional<String> existing = findSticky(repo, number, marker);
        if (existing.isEmpty()) {
            CommentRef created = postComment(repo, number, text);
            LOG.debug("Posted sticky comment {} on {}#{}", key, repo.fullName(), number);
            return created;
        }
        JsonNode reply = api.json("PATCH", api.uri(ApiPaths.repo(repo) + "/issues/comments/"
                + ApiPaths.segment(existing.get())), Map.of("body", text), "github.comment.update", credentials);
        LOG.debug("Updated sticky comment {} on {}#{}", key, repo.fullName(), number);
        return commentRef(reply, false);
    }

    private CommentRef postComment(Repository repo, long number, String text) {
        JsonNode reply = api.json("POST", api.uri(ApiPaths.repo(repo) + "/issues/" + number(number) + "/comments"),
                Map.of("body", text), "github.comment.create", credentials);
        return commentRef(reply, true);
    }

    private Optional<String> findSticky(Repository repo, long number, String marker) {
        AtomicReference<@Nullable String> found = new AtomicReference<>();
        URI first = api.uri(ApiPaths.repo(repo) + "/issues/" + number(number) + "/comments?per_page=" + PER_PAGE);
        boolean all = api.pages(first, "github.comments.list", credentials, maxCommentPages, page -> {
            for (JsonNode comment : page) {
                boolean ours = Json.text(comment, "body").filter(b -> b.contains(marker)).isPresent()
                        && stickyAuthor.map(a -> Json.text(comment, "user", "login").filter(a::equalsIgnoreCase)
                        .isPresent()).orElse(true);
                Optional<String> id = Json.text(comment, "id");
                if (ours && id.isPresent()) {
                    found.set(id.get());
                    return false;
                }
            }
            return true;
        });
        if (found.get() == null && !all) {
            LOG.warn("Sticky comment {} not found in the first {} pages of comments on {}#{}; posting a new one",
                    marker, maxCommentPages, repo.fullName(), number);
        }
        return Optional.ofNullable(found.get());
    }

    private static CommentRef commentRef(JsonNode reply, boolean created) {
        String id = Json.text(reply, "id").orElseThrow(() -> new GitHubApiException(
                created ? "github.comment.create" : "github.comment.update", 200, "reply without a comment id", false));
        return new CommentRef(id, Json.nonBlank(reply, "html_url").flatMap(GitHubClient::uri), created);
    }

    // ---- check runs -----------------------------------------------------------------------------------------------

    /**
     * Creates a check run ({@code POST /repos/{o}/{r}/check-runs}) with the first 50 annotations, then sends the rest
     * 50 at a time with {@code PATCH} updates. Needs a GitHub App installation token.
     *
     * @throws IllegalArgumentException when the run has no name or head sha
     */
    public CheckRunRef createCheckRun(Repository repo, CheckRun run) {
        Objects.requireNonNull(run, "run");
        String name = run.name().filter(n -> !n.isBlank())
                .orElseThrow(() -> new IllegalArgumentException("a check run needs a name"));
        String headSha = sha(run.headSha().orElseThrow(() -> new IllegalArgumentException("a check run needs a head sha")));
        List<List<CheckAnnotation>> batches = CheckRunBodies.batches(run.annotations(), ANNOTATIONS_PER_REQUEST);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("head_sha", headSha);
        CheckRunBodies.fields(run, api.clock(), batches.get(0), body);
        JsonNode reply = api.json("POST", api.uri(ApiPaths.repo(repo) + "/check-runs"), body,
                "github.check-run.create", credentials);
        long id = Json.number(reply, "id").orElseThrow(() -> new GitHubApiException("github.check-run.create", 201,
                "reply without a check run id", false));
        int requests = 1 + sendRemaining(repo, id, run, batches);
        return new CheckRunRef(id, Json.nonBlank(reply, "html_url").flatMap(GitHubClient::uri), requests);
    }

    /**
     * Changes a check run ({@code PATCH /repos/{o}/{r}/check-runs/{id}}): only the fields set in {@code run} are sent;
     * annotations beyond the first 50 follow in further updates, which GitHub appends.
     */
    public CheckRunRef updateCheckRun(Repository repo, long checkRunId, CheckRun run) {
        Objects.requireNonNull(run, "run");
        List<List<CheckAnnotation>> batches = CheckRunBodies.batches(run.annotations(), ANNOTATIONS_PER_REQUEST);
        Map<String, Object> body = new LinkedHashMap<>();
        run.name().ifPresent(n -> body.put("name", n));
        CheckRunBodies.fields(run, api.clock(), batches.get(0), body);
        JsonNode reply = api.json("PATCH", checkRunUri(repo, checkRunId), body, "github.check-run.update", credentials);
        int requests = 1 + sendRemaining(repo, checkRunId, run, batches);
        return new CheckRunRef(checkRunId, Json.nonBlank(reply, "html_url").flatMap(GitHubClient::uri), requests);
    }

    private int sendRemaining(Repository repo, long id, CheckRun run, List<List<CheckAnnotation>> batches) {
        for (List<CheckAnnotation> batch : batches.subList(1, batches.size())) {
            api.send("PATCH", checkRunUri(repo, id), Map.of("output", CheckRunBodies.output(run, batch)),
                    GitHubApi.JSON_MEDIA, "github.check-run.annotate", credentials);
        }
        return batches.size() - 1;
    }

    private URI checkRunUri(Repository repo, long id) {
        return api.uri(ApiPaths.repo(repo) + "/check-runs/" + number(id));
    }

    // ---- diffs and changed files ----------------------------------------------------------------------------------

    /** The files of {@link #compare} and the diff of {@link #compareDiff}. */
    @Override
    public CommitDiff commitDiff(Repository repo, String base, String head) {
        CommitDiff files = compare(repo, base, head);
        return new CommitDiff(files.files(), files.complete(), compareDiff(repo, base, head));
    }

    /**
     * The files changed from {@code base} to {@code head} ({@code GET /repos/{o}/{r}/compare/{base}...{head}});
     * GitHub lists at most 300, so a list that long is marked incomplete. No patch text.
     */
    public CommitDiff compare(Repository repo, String base, String head) {
        JsonNode reply = api.json("GET", compareUri(repo, base, head), null, "github.compare", credentials);
        List<ChangedFile> files = files(Json.at(reply, "files"), new ArrayList<>(), Integer.MAX_VALUE);
        return new CommitDiff(files, files.size() < MAX_COMPARE_FILES, Optional.empty());
    }

    /** The unified diff from {@code base} to {@code head}; empty when GitHub will not produce it (too large). */
    public Optional<String> compareDiff(Repository repo, String base, String head) {
        return diffText(compareUri(repo, base, head), "github.compare.diff");
    }

    /** The files one commit changed, page by page, at most {@value #MAX_LISTED_FILES}. No patch text. */
    public CommitDiff commitFiles(Repository repo, String sha) {
        URI first = api.uri(ApiPaths.repo(repo) + "/commits/" + ApiPaths.segment(sha(sha)) + "?per_page=" + PER_PAGE);
        return listed(first, "github.commit", page -> Json.at(page, "files"));
    }

    /** The unified diff of one commit against its parent; empty when GitHub will not produce it. */
    public Optional<String> commitPatch(Repository repo, String sha) {
        return diffText(api.uri(ApiPaths.repo(repo) + "/commits/" + ApiPaths.segment(sha(sha))), "github.commit.diff");
    }

    /**
     * The files of a pull request ({@code GET /repos/{o}/{r}/pulls/{n}/files}), page by page, at most
     * {@value #MAX_LISTED_FILES} (GitHub lists no more); a list that long is marked incomplete.
     */
    public CommitDiff pullRequestFiles(Repository repo, long number) {
        URI first = api.uri(ApiPaths.repo(repo) + "/pulls/" + number(number) + "/files?per_page=" + PER_PAGE);
        return listed(first, "github.pull.files", page -> page);
    }

    /**
     * {@link ChangedFiles} for trigger path filters, from the compare API: the paths (old and new names of renames),
     * or empty ("unknown") when GitHub's list may be cut.
     */
    @Override
    public Optional<List<String>> between(Repository repo, String base, String head) {
        CommitDiff diff = compare(repo, base, head);
        return diff.complete() ? Optional.of(diff.paths()) : Optional.empty();
    }

    @Override
    public ChangedFiles changedFiles() {
        return this;
    }

    private CommitDiff listed(URI first, String operation, Function<JsonNode, JsonNode> items) {
        List<ChangedFile> files = new ArrayList<>();
        int maxPages = (MAX_LISTED_FILES + PER_PAGE - 1) / PER_PAGE;
        boolean all = api.pages(first, operation, credentials, maxPages, page -> {
            files(items.apply(page), files, MAX_LISTED_FILES);
            return files.size() < MAX_LISTED_FILES;
        });
        return new CommitDiff(files, all && files.size() < MAX_LISTED_FILES, Optional.empty());
    }

    private Optional<String> diffText(URI uri, String operation) {
        try {
            return Optional.of(api.send("GET", uri, null, GitHubApi.DIFF_MEDIA, operation, credentials).text());
        } catch (GitHubApiException e) {
            // GitHub refuses diffs that are too large or took too long to make: 406, 422
            if (e.status() == 406 || e.status() == 422) {
                LOG.debug("GitHub would not produce the diff ({}): {}", operation, e.getMessage());
                return Optional.empty();
            }
            throw e;
        } catch (ReplyTooLargeException e) {
            LOG.debug("Diff over the transport's reply limit ({}): {}", operation, e.getMessage());
            return Optional.empty();
        }
    }

    private URI compareUri(Repository repo, String base, String head) {
        return api.uri(ApiPaths.repo(repo) + "/compare/" + ApiPaths.ref(base) + "..." + ApiPaths.ref(head));
    }

    private static List<ChangedFile> files(JsonNode array, List<ChangedFile> into, int max) {
        if (array.isArray()) {
            for (JsonNode f : array) {
                if (into.size() >= max) {
                    break;
                }
                Json.nonBlank(f, "filename").ifPresent(path -> {
                    String status = Json.text(f, "status").orElse("");
                    into.add(new ChangedFile(path, kind(status), status, Json.nonBlank(f, "previous_filename"),
                            (int) Math.max(0, Math.min(Integer.MAX_VALUE, Json.number(f, "additions").orElse(0))),
                            (int) Math.max(0, Math.min(Integer.MAX_VALUE, Json.number(f, "deletions").orElse(0)))));
                });
            }
        }
        return into;
    }

    private static ChangedFile.Kind kind(String status) {
        return switch (status) {
            case "added" -> ChangedFile.Kind.ADDED;
            case "modified" -> ChangedFile.Kind.MODIFIED;
            case "removed" -> ChangedFile.Kind.REMOVED;
            case "renamed" -> ChangedFile.Kind.RENAMED;
            case "copied" -> ChangedFile.Kind.COPIED;
            case "changed" -> ChangedFile.Kind.CHANGED;
            case "unchanged" -> ChangedFile.Kind.UNCHANGED;
            default -> ChangedFile.Kind.OTHER;
        };
    }

    /** GitHub's words for the four states happen to be ours, lower-case. */
    private static String state(StatusState state) {
        return switch (state) {
            case PENDING -> "pending";
            case SUCCESS -> "success";
            case FAILURE -> "failure";
            case ERROR -> "error";
        };
    }

    private static String sha(String sha) {
        Objects.requireNonNull(sha, "sha");
        if (sha.isBlank()) {
            throw new IllegalArgumentException("a commit sha is required");
        }
        return sha.strip();
    }

    private static String number(long number) {
        if (number < 1) {
            throw new IllegalArgumentException("issue, pull request and check run numbers start at 1: " + number);
        }
        return Long.toString(number);
    }

    private static Optional<URI> uri(String text) {
        try {
            return Optional.of(URI.create(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Configures a {@link GitHubClient}. Not thread-safe. */
    public static final class Builder {
        private URI apiUrl = PUBLIC_API;
        private @Nullable Secret token;
        private @Nullable AppJwt appJwt;
        private @Nullable String installationId;
        private @Nullable HttpTransport transport;
        private Clock clock = Clock.systemUTC();
        private @Nullable String stickyAuthor;
        private int maxCommentPages = DEFAULT_MAX_COMMENT_PAGES;

        private Builder() {
        }

        /**
         * The API root: {@link #PUBLIC_API} (default) or an Enterprise Server's {@code https://host/api/v3}.
         *
         * @throws IllegalArgumentException for a URL that is not absolute http(s) or has a query
         */
        public Builder apiUrl(URI apiUrl) {
            this.apiUrl = GitHubApi.checkedBase(apiUrl);
            return this;
        }

        /** Authenticates with a personal, fine-grained or Actions token. */
        public Builder token(Secret token) {
            this.token = Objects.requireNonNull(token, "token");
            this.appJwt = null;
            return this;
        }

        /**
         * Authenticates as a GitHub App installation: installation tokens are fetched with an RS256 JWT signed by
         * {@code privateKeyPem} (PKCS#1 {@code BEGIN RSA PRIVATE KEY}, as GitHub issues it, or PKCS#8), kept, and
         * replaced 5 minutes before they expire.
         *
         * @param appId the App's id (or client id), the JWT's issuer
         * @throws io.cikit.core.config.ConfigurationException when the key cannot be read (its text is never shown)
         */
        public Builder app(String appId, String privateKeyPem, String installationId) {
            Objects.requireNonNull(installationId, "installationId");
            if (!installationId.strip().matches("\\d{1,20}")) {
                throw new IllegalArgumentException("a GitHub App installation id is a number");
            }
            this.appJwt = new AppJwt(appId.strip(), PemKeys.rsaPrivateKey(privateKeyPem, "GitHub App private key"));
            this.installationId = installationId.strip();
            this.token = null;
            return this;
        }

        /** The transport to send through (default: a new one with default settings); share the application's. */
        public Builder transport(HttpTransport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /** The clock for JWT times, token expiry and check-run completion times (default UTC system clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Only comments by this login count as our sticky comments (e.g. {@code my-app[bot]}), so a marker copied
         * into someone else's comment is ignored. Default: any author.
         */
        public Builder stickyAuthor(String login) {
            this.stickyAuthor = Objects.requireNonNull(login, "login");
            return this;
        }

        /** Pages of 100 comments searched for a sticky comment (default {@value #DEFAULT_MAX_COMMENT_PAGES}). */
        public Builder maxCommentPages(int pages) {
            if (pages < 1 || pages > 10_000) {
                throw new IllegalArgumentException("maxCommentPages must be 1..10000: " + pages);
            }
            this.maxCommentPages = pages;
            return this;
        }

        /** @throws IllegalStateException when neither a token nor App credentials were given */
        public GitHubClient build() {
            HttpTransport http = transport != null ? transport : HttpTransport.builder().build();
            GitHubApi api = new GitHubApi(apiUrl, http, clock);
            Credentials credentials;
            if (appJwt != null && installationId != null) {
                credentials = new InstallationTokens(api, appJwt, installationId);
            } else if (token != null) {
                credentials = Credentials.of(token);
            } else {
                throw new IllegalStateException("a GitHubClient needs token(…) or app(…)");
            }
            return new GitHubClient(api, credentials, this);
        }
    }
}
