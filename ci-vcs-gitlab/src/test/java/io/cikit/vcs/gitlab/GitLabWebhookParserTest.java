package io.cikit.vcs.gitlab;

import static io.cikit.vcs.gitlab.GitLabFixtures.bytes;
import static io.cikit.vcs.gitlab.GitLabFixtures.context;
import static io.cikit.vcs.gitlab.GitLabFixtures.delivery;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cikit.core.build.BuildInfo;
import io.cikit.core.build.BuildStatus;
import io.cikit.core.config.Secret;
import io.cikit.core.event.BuildEvent;
import io.cikit.core.event.CiEvent;
import io.cikit.core.event.CommentEvent;
import io.cikit.core.event.CommitInfo;
import io.cikit.core.event.GenericEvent;
import io.cikit.core.event.Person;
import io.cikit.core.event.PullRequest;
import io.cikit.core.event.PullRequestAction;
import io.cikit.core.event.PullRequestEvent;
import io.cikit.core.event.PushEvent;
import io.cikit.core.event.RefAction;
import io.cikit.core.event.Repository;
import io.cikit.core.event.TagEvent;
import io.cikit.core.webhook.MalformedPayloadException;
import io.cikit.core.webhook.ParseResult;
import io.cikit.core.webhook.WebhookParser;
import io.cikit.core.webhook.WebhookRequest;
import io.cikit.testkit.WebhookParserContract;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.FieldSource;

/** The testkit contract, and every payload example from GitLab's "Webhook events" page, read field by field. */
class GitLabWebhookParserTest extends WebhookParserContract {
    private final GitLabWebhookParser parser = new GitLabWebhookParser();

    // ---- contract wiring

    @Override
    protected WebhookParser parser() {
        return parser;
    }

    @Override
    protected Secret secret() {
        return GitLabFixtures.TOKEN;
    }

    @Override
    protected WebhookRequest signed(byte[] body, String eventName) {
        return delivery(eventName, body);
    }

    @Override
    protected List<Sample> samples() {
        return GitLabFixtures.EXAMPLES.stream()
                .map(e -> Sample.of(e.hook(), bytes(e.file())).expectAccepted(e.type()))
                .toList();
    }

    @Override
    protected String unknownEventName() {
        return "Quantum Entanglement Hook";
    }

    @Override
    protected Optional<String> signatureHeader() {
        return Optional.of(GitLabWebhookParser.TOKEN_HEADER);
    }

    @Override
    protected boolean signsBody() {
        return false;
    }

    // ---- the docs-page examples

    private CiEvent parse(String file) {
        GitLabFixtures.Example example = GitLabFixtures.example(file);
        ParseResult result = parser.parse(delivery(example.hook(), bytes(file)), context());
        assertThat(result).as(file).isInstanceOf(ParseResult.Parsed.class);
        CiEvent event = ((ParseResult.Parsed) result).event();
        assertThat(event.type()).as(file).isEqualTo(example.type());
        assertThat(event.raw().eventName()).isEqualTo(example.hook());
        return event;
    }

    static final List<GitLabFixtures.Example> EXAMPLES = GitLabFixtures.EXAMPLES;

    @ParameterizedTest
    @FieldSource("EXAMPLES")
    void everyDocsExampleParsesToItsEventTypeWithTheDeliveryIdAndRawJson(GitLabFixtures.Example example) {
        String eventUuid = UUID.randomUUID().toString();

        ParseResult result = parser.parse(delivery(example.hook(), bytes(example.file()), eventUuid, "idem-1"), context());

        assertThat(result).isInstanceOfSatisfying(ParseResult.Parsed.class, parsed -> {
            CiEvent event = parsed.event();
            assertThat(event.type()).isEqualTo(example.type());
            assertThat(event.provider().id()).isEqualTo("gitlab");
            assertThat(event.deliveryId()).contains(eventUuid);
            assertThat(event.context().receivedAt()).isEqualTo(GitLabFixtures.RECEIVED);
            assertThat(event.raw().json().isObject()).isTrue();
            assertThat(event.raw().eventName()).isEqualTo(example.hook());
        });
    }

    @Test
    void pushHookExampleGivesRepositoryCommitsPusherAndAPartialCommitList() {
        PushEvent push = (PushEvent) parse("push.json");

        assertThat(push.repository()).isEqualTo(new Repository("mike/diaspora", Optional.of("15"),
                Optional.of("http://example.com/mike/diaspora.git"), Optional.of("git@example.com:mike/diaspora.git"),
                Optional.of("http://example.com/mike/diaspora"), Optional.of("master")));
        assertThat(push.ref()).isEqualTo("refs/heads/master");
        assertThat(push.branch()).contains("master");
        assertThat(push.before()).isEqualTo("95790bf891e76fee5e1747ab589903a6a1f80f22");
        assertThat(push.after()).isEqualTo("da1560886d4f094c3e6c9ef40349f7d38b5d27d7");
        assertThat(push.created()).isFalse();
        assertThat(push.deleted()).isFalse();
        assertThat(push.forced()).isFalse();
        assertThat(push.commits()).extracting(CommitInfo::sha)
                .containsExactly("b6568db1bc1dcd7f8b4d5a946b0b91f9dacd7327", "da1560886d4f094c3e6c9ef40349f7d38b5d27d7");
        CommitInfo first = push.commits().get(0);
        assertThat(first.message()).startsWith("Update Catalan translation to e38cb41.\n\nSee https://gitlab.com");
        assertThat(first.author()).contains(new Person("Jordi Mallach", Optional.empty(), Optional.of("jordi@softcatala.org")));
        assertThat(first.timestamp()).contains(Instant.parse("2011-12-12T12:27:31Z"));
        assertThat(first.url()).contains("http://example.com/mike/diaspora/commit/b6568db1bc1dcd7f8b4d5a946b0b91f9dacd7327");
        assertThat(first.added()).containsExactly("CHANGELOG");
        assertThat(first.modified()).containsExactly("app/controller/application.rb");
        assertThat(first.removed()).isEmpty();
        // total_commits_count is 4 but only 2 are listed
        assertThat(push.totalCommits()).isEqualTo(4);
        assertThat(push.commitsTruncated()).isTrue();
        assertThat(push.headCommit()).map(CommitInfo::sha).contains("da1560886d4f094c3e6c9ef40349f7d38b5d27d7");
        assertThat(push.sender()).contains(new Person("John Smith", Optional.of("jsmith"), Optional.of("john@example.com")));
    }

    @Test
    void tagPushHookExampleIsACreatedTag() {
        TagEvent tag = (TagEvent) parse("tag_push.json");

        assertThat(tag.name()).isEqualTo("v1.0.0");
        assertThat(tag.sha()).isEqualTo("82b3d5ae55f7080f1e6022629cdb57bfae7cccc7");
        assertThat(tag.action()).isEqualTo(RefAction.CREATED);
        assertThat(tag.repository().fullName()).isEqualTo("jsmith/example");
        assertThat(tag.repository().id()).contains("1");
        assertThat(tag.sender()).map(Person::name).contains("John Smith");
    }

    @Test
    void mergeRequestHookExampleIsAnOpenedMergeRequest() {
        PullRequestEvent event = (PullRequestEvent) parse("merge_request.json");
        PullRequest mr = event.pullRequest();

        assertThat(event.action()).isEqualTo(PullRequestAction.of(PullRequestAction.Kind.OPENED, "open"));
        assertThat(event.repository().fullName()).isEqualTo("gitlabhq/gitlab-test");
        assertThat(mr.number()).isEqualTo(1);
        assertThat(mr.title()).isEqualTo("MS-Viewport");
        assertThat(mr.state()).isEqualTo("opened");
        assertThat(mr.headSha()).isEqualTo("da1560886d4f094c3e6c9ef40349f7d38b5d27d7");
        assertThat(mr.headRef()).isEqualTo("ms-viewport");
        assertThat(mr.baseRef()).isEqualTo("master");
        assertThat(mr.draft()).isFalse();
        assertThat(mr.merged()).isFalse();
        // source_project_id and target_project_id are both 14
        assertThat(mr.fromFork()).isFalse();
        assertThat(mr.labels()).containsExactly("API");
        assertThat(mr.url()).contains("http://example.com/diaspora/merge_requests/1");
        assertThat(mr.headRepository()).map(Repository::fullName).contains("awesome_space/awesome_project");
        assertThat(mr.headRepository()).flatMap(Repository::id).contains("14");
        assertThat(event.sender()).contains(new Person("Administrator", Optional.of("root"), Optional.of("admin@example.com")));
    }

    @Test
    void noteOnAMergeRequestIsACommentCarryingTheMergeRequest() {
        CommentEvent comment = (CommentEvent) parse("note_merge_request.json");

        assertThat(comment.number()).isEqualTo(1);
        assertThat(comment.onPullRequest()).isTrue();
        assertThat(comment.commentId()).isEqualTo("1244");
        assertThat(comment.body()).isEqualTo("This MR needs work.");
        assertThat(comment.action()).isEqualTo("created");
        assertThat(comment.url()).contains("http://example.com/gitlab-org/gitlab-test/merge_requests/1#note_1244");
        assertThat(comment.author()).map(Person::login).contains(Optional.of("root"));
        assertThat(comment.repository().fullName()).isEqualTo("gitlab-org/gitlab-test");
        assertThat(comment.pullRequest()).hasValueSatisfying(mr -> {
            assertThat(mr.number()).isEqualTo(1);
            assertThat(mr.headSha()).isEqualTo("562e173be03b8ff2efb05345d12df18815438a4b");
            assertThat(mr.headRef()).isEqualTo("master");
            assertThat(mr.baseRef()).isEqualTo("markdown");
            assertThat(mr.state()).isEqualTo("opened");
            assertThat(mr.labels()).containsExactly("Afterpod", "Element");
            // the note's merge_request object has no url: it is built from the project's
            assertThat(mr.url()).contains("http://example.com/gitlab-org/gitlab-test/-/merge_requests/1");
        });
    }

    @Test
    void noteOnAnIssueIsACommentWithoutAMergeRequest() {
        CommentEvent comment = (CommentEvent) parse("note_issue.json");

        assertThat(comment.number()).isEqualTo(17);
        assertThat(comment.onPullRequest()).isFalse();
        assertThat(comment.pullRequest()).isEmpty();
        assertThat(comment.body()).isEqualTo("Hello world");
        assertThat(comment.commentId()).isEqualTo("1241");
    }

    @ParameterizedTest
    @CsvSource({"note_commit.json, Commit", "note_snippet.json, Snippet"})
    void notesOnCommitsAndSnippetsAreKeptAsGenericEvents(String file, String noteableType) {
        GenericEvent event = (GenericEvent) parse(file);

        assertThat(event.eventName()).isEqualTo("Note Hook");
        assertThat(event.action()).contains(noteableType);
        assertThat(event.repository()).map(Repository::fullName).isPresent();
    }

    @Test
    void pipelineHookExampleIsAFinishedGitLabCiBuild() {
        BuildEvent event = (BuildEvent) parse("pipeline.json");
        BuildInfo build = event.build();

        assertThat(build.buildId()).isEqualTo("pipeline:31");
        assertThat(build.system()).isEqualTo("gitlab-ci");
        assertThat(build.job()).isEqualTo("Pipeline for branch: master");
        assertThat(build.number()).hasValue(3);
        assertThat(build.status()).isEqualTo(BuildStatus.SUCCESS);
        assertThat(build.rawStatus()).isEqualTo("success");
        assertThat(build.complete()).isTrue();
        assertThat(build.commitSha()).contains("bcbb5ec396a2c0f828686f14fac9b80b780504f2");
        assertThat(build.branch()).contains("master");
        assertThat(build.url()).contains("http://example.com/gitlab-org/gitlab-test/-/pipelines/31");
        assertThat(build.finishedAt()).contains(Instant.parse("2016-08-12T15:26:29Z"));
        assertThat(build.duration()).contains(Duration.ofSeconds(63));
        assertThat(build.parameters()).containsEntry("NESTOR_PROD_ENVIRONMENT", "us-west-1");
        assertThat(build.metadata())
                .containsEntry("pipelineId", "31")
                .containsEntry("source", "merge_request_event")
                .containsEntry("stages", "build,test,deploy")
                .containsEntry("createdAt", "2016-08-12 15:23:28 UTC")
                .containsEntry("failedJobs", "test-build (script_failure)")
                .containsEntry("mergeRequestIid", "1");
        // every job's artifacts_file.filename is null in the example
        assertThat(build.artifacts()).isEmpty();
        assertThat(event.repository()).map(Repository::fullName).contains("gitlab-org/gitlab-test");
    }

    @Test
    void jobHookExampleTakesTheCommitFromShaNotFromCommitId() {
        BuildEvent event = (BuildEvent) parse("job.json");
        BuildInfo build = event.build();

        assertThat(build.buildId()).isEqualTo("job:1977");
        assertThat(build.system()).isEqualTo("gitlab-ci");
        assertThat(build.job()).isEqualTo("test");
        assertThat(build.number()).hasValue(1977);
        assertThat(build.status()).isEqualTo(BuildStatus.PENDING);
        assertThat(build.rawStatus()).isEqualTo("created");
        assertThat(build.complete()).isFalse();
        // commit.id is 2366, the pipeline
        assertThat(build.commitSha()).contains("2293ada6b400935a1378653304eaf6221e0fdb8f");
        assertThat(build.metadata())
                .containsEntry("pipelineId", "2366")
                .containsEntry("pipelineName", "Build pipeline")
                .containsEntry("stage", "test")
                .containsEntry("retries", "2")
                .containsEntry("failureReason", "script_failure")
                .containsEntry("queuedDurationMillis", "1095589");
        assertThat(build.branch()).contains("gitlab-script-trigger");
        assertThat(build.url()).contains("http://192.168.64.1:3005/gitlab-org/gitlab-test/-/jobs/1977");
        assertThat(build.startedAt()).isEmpty();
        assertThat(event.repository()).map(Repository::fullName).contains("gitlab-org/gitlab-test");
    }

    @Test
    void theJobHookExampleAsPrintedInTheDocsIsAMalformedPayload() {
        WebhookRequest request = delivery("Job Hook", bytes("job.as-printed.jsonc"));

        assertThatThrownBy(() -> parser.parse(request, context())).isInstanceOf(MalformedPayloadException.class);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
            "issue.json, Issue Hook, open, gitlabhq/gitlab-test",
            "wiki_page.json, Wiki Page Hook, create, root/awesome-project",
            "deployment.json, Deployment Hook, success, root/test-deployment-webhooks",
            "member_add.json, Member Hook, user_add_to_group, -",
            "member_update.json, Member Hook, user_update_for_group, -",
            "member_remove.json, Member Hook, user_remove_from_group, -",
            "member_access_request.json, Member Hook, user_access_request_to_group, -",
            "member_access_request_denied.json, Member Hook, user_access_request_denied_for_group, -",
            "project_create.json, Project Hook, project_create, group1/project1",
            "project_destroy.json, Project Hook, project_destroy, group1/project1",
            "subgroup_create.json, Subgroup Hook, subgroup_create, -",
            "subgroup_destroy.json, Subgroup Hook, subgroup_destroy, -",
            "feature_flag.json, Feature Flag Hook, -, gitlabhq/gitlab-test",
            "release.json, Release Hook, create, gitlab-org/release-webhook-example",
            "milestone.json, Milestone Hook, create, gitlabhq/gitlab-test",
            "emoji.json, Emoji Hook, award, flightjs/Flight",
            "access_token_project.json, Resource Access Token Hook, expiring_access_token, flightjs/Flight",
            "access_token_group.json, Resource Access Token Hook, expiring_access_token, -",
            "vulnerability.json, Vulnerability Hook, -, -"})
    void otherHooksAreKeptAsGenericEventsWithTheirActionAndProject(String file, String hook, String action, String project) {
        GenericEvent event = (GenericEvent) parse(file);

        assertThat(event.eventName()).isEqualTo(hook);
        assertThat(event.action()).isEqualTo(Optional.ofNullable(action));
        assertThat(event.repository().map(Repository::fullName)).isEqualTo(Optional.ofNullable(project));
    }
}
