package io.cikit.vcs.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import io.cikit.core.config.ConfigurationException;
import io.cikit.core.config.ProviderConfig;
import io.cikit.core.config.Secret;
import io.cikit.core.event.Repository;
import io.cikit.core.http.Download;
import io.cikit.core.http.HttpCall;
import io.cikit.core.http.HttpReply;
import io.cikit.core.http.HttpStatusException;
import io.cikit.core.http.HttpTransport;
import io.cikit.core.report.CommentRef;
import io.cikit.core.report.CommitDiff;
import io.cikit.core.report.CommitStatus;
import io.cikit.core.report.VcsClient;
import io.cikit.vcs.gitlab.internal.ApiPaths;
import io.cikit.vcs.gitlab.internal.GitLabDiffs;
import io.cikit.vcs.gitlab.internal.GitLabReplies;
import io.cikit.vcs.gitlab.internal.NoteBodies;
import io.cikit.vcs.gitlab.internal.Pagination;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GitLab REST API (v4) as cikit needs it: commit statuses, merge request notes (with a sticky note found by a
 * hidden marker and updated in place), compare and commit diffs, job artifact downloads and pipeline creation.
 * Works with gitlab.com and self-managed instances ({@link Builder#baseUrl}), with {@link GitLabAuth} credentials.
 *
 * <p>Every call goes through the {@link HttpTransport}: timeouts, retries, {@code 429} with {@code Retry-After} or
 * {@code RateLimit-Reset} waited out, a per-host circuit breaker, and redirects (artifact downloads go to object
 * storage) followed without the token. Lists are read page by page ({@code Link} or {@code X-Next-Page}), at most
 * {@link Builder#maxPages} pages of {@value #PER_PAGE}. Projects are named by numeric id or full path.
 *
 * <p>It is the {@code gitlab} {@link VcsClient} ({@link #setStatus}, {@link #createComment}, {@link #upsertComment},
 * {@link #commitDiff}), made by {@link GitLabClientProvider} from {@code cikit.gitlab.*}; a repository's numeric id
 * is used when it has one, else its full path. {@link GitLabCiClient} builds on it for GitLab CI.
 *
 * <p>Thread-safe. Errors are unchecked: {@link HttpStatusException} for a non-2xx answer ({@code retryable()} for
 * 5xx and 429), {@link io.cikit.core.http.HttpTransportException} when no answer came,
 * {@link io.cikit.core.json.MalformedJsonException} for a reply that is not what the API documents.
 */
public final class GitLabClient implements VcsClient {
    /** The instance used when no base URL is given. */
    public static final URI GITLAB_COM = URI.create("https://gitlab.com");
    /** Items asked for per page (GitLab's maximum). */
    public static final int PER_PAGE = 100;
    /** Pages read from one list at most, by default: 5,000 notes. */
    public static final int DEFAULT_MAX_PAGES = 50;
    /** GitLab's limit on a note body, in characters; longer bodies are cut with a visible line. */
    public static final int MAX_NOTE_CHARS = NoteBodies.MAX_CHARS;

    private static final Logger LOG = LoggerFactory.getLogger(GitLabClient.class);

    private final URI api;
    private final GitLabAuth auth;
    private final HttpTransport transport;
    private final int maxPages;

    private GitLabClient(Builder b) {
        this.api = ApiPaths.apiRoot(b.baseUrl);
        this.auth = b.auth;
        this.transport = b.transport != null ? b.transport : HttpTransport.builder().build();
        this.maxPages = b.maxPages;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A client from a {@code cikit.gitlab} view: {@code base-url} (default {@code https://gitlab.com}), {@code token}
     * and {@code token-type} ({@code private}, {@code oauth} or {@code job}; default {@code private}); no token means
     * no credentials. It builds its own transport from {@code connect-timeout}, {@code request-timeout} and
     * {@code artifact-hosts} (the object storage hosts artifact downloads are redirected to; none by default).
     *
     * @throws ConfigurationException listing every key that cannot be used
     */
    public static GitLabClient fromConfig(ProviderConfig config) {
        GitLabSettings settings = GitLabSettings.read(config);
        return settings.builder().transport(settings.http().transport(List.of())).build();
    }

    /**
     * Like {@link #fromConfig(ProviderConfig)}, sharing a transport; the transport keys are then checked but not used.
     *
     * @throws ConfigurationException listing every key that cannot be used
     */
    public static GitLabClient fromConfig(ProviderConfig config, HttpTransport transport) {
        Objects.requireNonNull(transport, "transport");
        return GitLabSettings.read(config).builder().transport(transport).build();
    }

    /** The API root every call goes to ({@code https://gitlab.com/api/v4}). */
    public URI apiRoot() {
        return api;
    }

    // ---- commit statuses

    /**
     * Sets a commit status ({@code POST /projects/:id/statuses/:sha}). GitLab refuses to set a status to the state
     * it already has ({@code 400 Cannot transition status}); that answer counts as done.
     *
     * @return true when GitLab recorded a change, false when the status already had that state
     */
    public boolean setCommitStatus(String project, String sha, GitLabCommitStatus status) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("state", status.state().wireName());
        body.put("name", status.name());
        status.targetUrl().ifPresent(u -> body.put("target_url", u));
        status.description().ifPresent(d -> body.put("description", shorten(d, GitLabCommitStatus.MAX_DESCRIPTION_CHARS)));
        status.ref().ifPresent(r -> body.put("ref", r));
        if (status.pipelineId().isPresent()) {
            body.put("pipeline_id", status.pipelineId().getAsLong());
        }
        URI uri = ApiPaths.project(api, project, "/statuses/" + ApiPaths.segment(requireText(sha, "sha")));
        // setting the same status twice is harmless, so a lost reply may be retried
        HttpReply reply = send(HttpCall.post(uri).json(body).idempotent(true), "gitlab.status");
        if (reply.status() == 400 && reply.text().contains("Cannot transition status")) {
            LOG.debug("GitLab commit status {} on {} is already {}", status.name(), sha, status.state().wireName());
            return false;
        }
        reply.requireSuccess();
        return true;
    }

    // ---- merge request notes

    /** Every note on a merge request, oldest first, up to {@link Builder#maxPages} pages. */
    public List<GitLabNote> mergeRequestNotes(String project, long mergeRequestIid) {
        URI first = ApiPaths.project(api, project, "/merge_requests/" + mergeRequestIid
                + "/notes?sort=asc&order_by=created_at&per_page=" + PER_PAGE);
        List<GitLabNote> notes = new ArrayList<>();
        forEachPage(first, "gitlab.notes.list", page -> {
            notes.addAll(GitLabReplies.notes(page));
            return false;
        });
        return List.copyOf(notes);
    }

    /** Adds a note; bodies over {@value #MAX_NOTE_CHARS} characters are cut, ending in a line that says so. */
    public GitLabNote createMergeRequestNote(String project, long mergeRequestIid, String body) {
        return postNote(project, mergeRequestIid, NoteBodies.cap(body, NoteBodies.MAX_CHARS));
    }

    /** Replaces a note's body; cut like {@link #createMergeRequestNote}. */
    public GitLabNote updateMergeRequestNote(String project, long mergeRequestIid, long noteId, String body) {
        return putNote(project, mergeRequestIid, noteId, NoteBodies.cap(body, NoteBodies.MAX_CHARS));
    }

    /**
     * Creates or updates the one note of a merge request that carries {@code key}: the body is stored after a hidden
     * marker {@code <!-- cikit:sticky:<key> -->}; the notes are searched page by page for it, the first one found
     * is updated, and a new note is created when none carries it (also when the page limit is reached first).
     *
     * @param key letters, digits and {@code ._:/@+=-}, 1-100 characters ({@code lab-report}, {@code boards/rk3588})
     * @throws IllegalArgumentException for a key outside that alphabet
     */
    public GitLabNote upsertStickyNote(String project, long mergeRequestIid, String key, String body) {
        return sticky(project, mergeRequestIid, key, body).note();
    }

    /** A sticky note as {@link #sticky} left it: the note, and whether it was created rather than found. */
    private record Sticky(GitLabNote note, boolean created) {
    }

    private Sticky sticky(String project, long mergeRequestIid, String key, String body) {
        String marker = NoteBodies.marker(key);
        String full = NoteBodies.sticky(marker, body);
        URI first = ApiPaths.project(api, project, "/merge_requests/" + mergeRequestIid
                + "/notes?sort=asc&order_by=created_at&per_page=" + PER_PAGE);
        GitLabNote[] found = new GitLabNote[1];
        forEachPage(first, "gitlab.notes.list", page -> {
            for (GitLabNote note : GitLabReplies.notes(page)) {
                if (!note.system() && note.body().contains(marker)) {
                    found[0] = note;
                    return true;
                }
            }
            return false;
        });
        if (found[0] != null) {
            if (found[0].body().equals(full)) {
                return new Sticky(found[0], false);
            }
            LOG.debug("Updating sticky note {} on {}!{}", found[0].id(), project, mergeRequestIid);
            return new Sticky(putNote(project, mergeRequestIid, found[0].id(), full), false);
        }
        LOG.debug("Creating sticky note {} on {}!{}", key, project, mergeRequestIid);
        return new Sticky(postNote(project, mergeRequestIid, full), true);
    }

    private GitLabNote postNote(String project, long iid, String body) {
        URI uri = ApiPaths.project(api, project, "/merge_requests/" + iid + "/notes");
        return GitLabReplies.note(send(HttpCall.post(uri).json(Map.of("body", body)), "gitlab.notes.create")
                .requireSuccess().json());
    }

    private GitLabNote putNote(String project, long iid, long noteId, String body) {
        URI uri = ApiPaths.project(api, project, "/merge_requests/" + iid + "/notes/" + noteId);
        return GitLabReplies.note(send(HttpCall.put(uri).json(Map.of("body", body)), "gitlab.notes.update")
                .requireSuccess().json());
    }

    // ---- diffs

    /** The commits and file diffs from {@code from} to {@code to} ({@code GET /projects/:id/repository/compare}). */
    public GitLabComparison compare(String project, String from, String to) {
        URI uri = ApiPaths.project(api, project, "/repository/compare?from=" + ApiPaths.segment(requireText(from, "from"))
                + "&to=" + ApiPaths.segment(requireText(to, "to")));
        return GitLabReplies.comparison(send(HttpCall.get(uri), "gitlab.compare").requireSuccess().json());
    }

    /** A commit's file diffs ({@code GET /projects/:id/repository/commits/:sha/diff}), every page up to the limit. */
    public List<GitLabFileDiff> commitDiff(String project, String sha) {
        URI first = ApiPaths.project(api, project, "/repository/commits/" + ApiPaths.segment(requireText(sha, "sha"))
                + "/diff?per_page=" + PER_PAGE);
        List<GitLabFileDiff> diffs = new ArrayList<>();
        forEachPage(first, "gitlab.commit.diff", page -> {
            diffs.addAll(GitLabReplies.diffs(page));
            return false;
        });
        return List.copyOf(diffs);
    }

    // ---- job artifacts

    /**
     * Downloads a job's artifacts archive (a zip) to {@code target} ({@code GET /projects/:id/jobs/:job_id/artifacts}).
     * GitLab may redirect to object storage: the transport follows it to hosts it allows, without the token.
     *
     * @param maxBytes largest archive accepted
     * @throws HttpStatusException when GitLab answers non-2xx (404: no artifacts, or expired)
     */
    public Download downloadJobArtifacts(String project, long jobId, Path target, long maxBytes) {
        URI uri = ApiPaths.project(api, project, "/jobs/" + jobId + "/artifacts");
        return transport.download(auth.apply(HttpCall.get(uri)).operation("gitlab.artifacts").build(), target, maxBytes);
    }

    // ---- pipelines

    /**
     * Creates a pipeline on a ref with variables ({@code POST /projects/:id/pipeline}), with the client's token.
     * Not retried once the request may have reached GitLab: a second pipeline is worse than an error.
     */
    public GitLabPipeline createPipeline(String project, String ref, Map<String, String> variables) {
        List<Map<String, String>> vars = new ArrayList<>();
        variables.forEach((k, v) -> vars.add(Map.of("key", k, "value", v)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ref", requireText(ref, "ref"));
        body.put("variables", vars);
        URI uri = ApiPaths.project(api, project, "/pipeline");
        return GitLabReplies.pipeline(send(HttpCall.post(uri).json(body), "gitlab.pipeline.create").requireSuccess().json());
    }

    /**
     * Runs a pipeline with a pipeline trigger token ({@code POST /projects/:id/trigger/pipeline}); the client's own
     * credentials are not sent. Not retried once the request may have reached GitLab.
     */
    public GitLabPipeline triggerPipeline(String project, String ref, Map<String, String> variables, Secret triggerToken) {
        Objects.requireNonNull(triggerToken, "triggerToken");
        URI uri = ApiPaths.project(api, project, "/trigger/pipeline");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", triggerToken.reveal());
        body.put("ref", requireText(ref, "ref"));
        body.put("variables", new LinkedHashMap<>(variables));
        HttpCall call = HttpCall.post(uri).json(body).operation("gitlab.pipeline.trigger").build();
        return GitLabReplies.pipeline(transport.send(call).requireSuccess().json());
    }

    // ---- VcsClient

    /**
     * {@link VcsClient}: {@link #setCommitStatus} with the status's context as {@code name}; cikit's states map as
     * {@link GitLabCommitState#of} says ({@code error} becomes {@code failed}). Setting a state the status already
     * has is not an error.
     */
    @Override
    public void setStatus(Repository repo, String sha, CommitStatus status) {
        Objects.requireNonNull(status, "status");
        GitLabCommitStatus.Builder b = GitLabCommitStatus.builder(GitLabCommitState.of(status.state()), status.context());
        status.description().ifPresent(b::description);
        status.targetUrl().ifPresent(u -> b.targetUrl(u.toString()));
        setCommitStatus(project(repo), sha, b.build());
    }

    /** {@link VcsClient}: a new note on merge request {@code number} (its iid). */
    @Override
    public CommentRef createComment(Repository repo, long number, String body) {
        GitLabNote note = createMergeRequestNote(project(repo), number, body);
        return commentRef(repo, number, note, true);
    }

    /** {@link VcsClient}: {@link #upsertStickyNote} on merge request {@code number} (its iid). */
    @Override
    public CommentRef upsertComment(Repository repo, long number, String key, String body) {
        Sticky sticky = sticky(project(repo), number, key, body);
        return commentRef(repo, number, sticky.note(), sticky.created());
    }

    /**
     * {@link VcsClient}: the files of {@link #compare}, with their line counts, and the patch GitLab's per-file diffs
     * make ({@code diff --git} form, which {@code git apply} takes). The patch is whole or absent: when GitLab gave up
     * computing the diff ({@code compare_timeout}) or left a file's text out ({@code too_large}, {@code collapsed}, or
     * an empty diff for a changed file), there is none and the result is marked incomplete. Like GitHub's diff, the
     * patch is bounded by the transport's {@code maxReplyBytes}: it is made from one compare reply.
     */
    @Override
    public CommitDiff commitDiff(Repository repo, String base, String head) {
        return GitLabDiffs.commitDiff(compare(project(repo), base, head));
    }

    /** The project a repository names for API calls: its numeric id when known, else its full path. */
    static String project(Repository repo) {
        Objects.requireNonNull(repo, "repo");
        return repo.id().filter(id -> !id.isBlank()).orElse(repo.fullName());
    }

    private static CommentRef commentRef(Repository repo, long iid, GitLabNote note, boolean created) {
        Optional<URI> url = repo.htmlUrl().flatMap(web -> {
            try {
                return Optional.of(URI.create(web.replaceAll("/+$", "") + "/-/merge_requests/" + iid + "#note_" + note.id()));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
        return new CommentRef(Long.toString(note.id()), url, created);
    }

    // ---- plumbing (shared with GitLabCiClient)

    URI api() {
        return api;
    }

    HttpTransport transport() {
        return transport;
    }

    HttpCall.Builder authorised(HttpCall.Builder call) {
        return auth.apply(call);
    }

    HttpReply send(HttpCall.Builder call, String operation) {
        return transport.send(auth.apply(call).operation(operation).build());
    }

    /** Reads pages until {@code page} returns true, there is no next page, or {@link #maxPages} were read. */
    void forEachPage(URI first, String operation, PageVisitor visitor) {
        URI next = first;
        for (int read = 0; read < maxPages && next != null; read++) {
            HttpReply reply = send(HttpCall.get(next), operation).requireSuccess();
            if (visitor.visit(reply.json())) {
                return;
            }
            next = Pagination.next(reply, next, api).orElse(null);
        }
        if (next != null) {
            LOG.warn("Stopped reading {} after {} pages", operation, maxPages);
        }
    }

    @FunctionalInterface
    interface PageVisitor {
        /** @return true to stop reading */
        boolean visit(JsonNode page);
    }

    private static String requireText(String value, String what) {
        if (Objects.requireNonNull(value, what).isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return value;
    }

    private static String shorten(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        return text.substring(0, NoteBodies.pairSafe(text, max - 1)) + "…";
    }

    @Override
    public String toString() {
        return "GitLabClient[" + api + ", " + auth + "]";
    }

    /** Configures a {@link GitLabClient}. Not thread-safe. */
    public static final class Builder {
        private URI baseUrl = GITLAB_COM;
        private GitLabAuth auth = GitLabAuth.none();
        private @Nullable HttpTransport transport;
        private int maxPages = DEFAULT_MAX_PAGES;

        private Builder() {
        }

        /** The instance ({@code https://gitlab.example.com}, with a relative root if any); {@code /api/v4} is added. */
        public Builder baseUrl(URI baseUrl) {
            this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
            return this;
        }

        public Builder auth(GitLabAuth auth) {
            this.auth = Objects.requireNonNull(auth, "auth");
            return this;
        }

        /** The transport to share (default: a new one with default settings and the global meter registry). */
        public Builder transport(HttpTransport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /** Pages read from one list at most (default {@value GitLabClient#DEFAULT_MAX_PAGES}), 1 to 10,000. */
        public Builder maxPages(int maxPages) {
            if (maxPages < 1 || maxPages > 10_000) {
                throw new IllegalArgumentException("maxPages must be 1 to 10000: " + maxPages);
            }
            this.maxPages = maxPages;
            return this;
        }

        /** @throws IllegalArgumentException when the base URL is not an absolute http(s) URL */
        public GitLabClient build() {
            return new GitLabClient(this);
        }
    }
}
