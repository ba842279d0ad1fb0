package io.cikit.vcs.gitlab;

import static io.cikit.vcs.gitlab.GitLabFixtures.delivery;
import static io.cikit.testkit.json.StreamedReadChecks.SURROGATE_MARK;
import static io.cikit.testkit.json.StreamedReadChecks.duplicate;
import static io.cikit.testkit.json.StreamedReadChecks.fullReadIsPlain;
import static io.cikit.testkit.json.StreamedReadChecks.outcome;
import static io.cikit.testkit.json.StreamedReadChecks.withSurrogates;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cikit.testkit.json.StreamedReadChecks;
import io.cikit.core.json.Json;
import io.cikit.core.json.JsonLimits;
import io.cikit.core.webhook.ParseResult;
import io.cikit.core.webhook.WebhookParser;
import io.cikit.core.webhook.WebhookRequest;
import io.cikit.testkit.WebhookArbitraries;
import io.cikit.testkit.json.JsonMutations;
import io.cikit.testkit.json.StreamedReadChecks.Failure;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

/**
 * Push Hook, Tag Push Hook and Merge Request Hook are read by streaming only the mapped fields; every other path
 * reads the full tree. Whatever the body, both must come to the same thing: the same event field for field (raw
 * payload included), or the same exception with the same message.
 */
class GitLabStreamedParsePropertyTest {
    private static final List<String> STREAMED = List.of("Push Hook", "Tag Push Hook", "Merge Request Hook");
    private static final List<String> HOT = List.of("push.json", "tag_push.json", "merge_request.json");
    // names the mappings read, so that inserted fields often land where they matter
    private static final List<String> MAPPED_NAMES = List.of("ref", "before", "after", "checkout_sha", "project_id",
            "user_name", "user_username", "user_email", "project", "repository", "total_commits_count", "commits", "id",
            "message", "timestamp", "url", "author", "added", "modified", "removed", "name", "username", "email",
            "web_url", "homepage", "path_with_namespace", "git_http_url", "http_url", "git_ssh_url", "ssh_url",
            "default_branch", "object_attributes", "labels", "changes", "user", "iid", "state", "draft",
            "work_in_progress", "title", "source_branch", "target_branch", "source_project_id", "target_project_id",
            "action", "oldrev", "last_commit", "source", "target", "current", "previous", "object_kind");

    private final GitLabWebhookParser parser = new GitLabWebhookParser();

    @Test
    void everyDocsFixtureUnderEveryStreamedHookNameMatchesTheFullTreeRead() {
        int streamed = 0;
        for (GitLabFixtures.Example example : GitLabFixtures.EXAMPLES) {
            for (String hook : STREAMED) {
                if (compare(hook, GitLabFixtures.bytes(example.file()), JsonLimits.DEFAULT)) {
                    streamed++;
                }
            }
        }
        // compare() asserts that every pairing the mapping accepts was streamed; most others (no ref, no iid) are
        // refused by the mapping with the same message both ways. At least the three hot fixtures were streamed.
        assertThat(streamed).isGreaterThanOrEqualTo(HOT.size());
    }

    @Test
    void theHotFixturesAreStreamedAndLeaveTheirRawTreeUnbuilt() {
        for (int i = 0; i < HOT.size(); i++) {
            byte[] body = GitLabFixtures.bytes(HOT.get(i));
            ParseResult.Parsed parsed = (ParseResult.Parsed) parser.parse(delivery(STREAMED.get(i), body),
                    context(JsonLimits.DEFAULT));

            assertThat(parsed.event().raw().isParsed()).as(HOT.get(i)).isFalse();
            assertThat(parsed.event().raw().eventName()).isEqualTo(STREAMED.get(i));
            assertThat(parsed.event().raw().json()).as(HOT.get(i)).isEqualTo(Json.read(body));
        }
    }

    @Test
    void otherHooksAndSystemHooksAreReadAsAFullTree() {
        for (String[] sample : new String[][] {{"System Hook", "push.json"}, {"Note Hook", "note_merge_request.json"},
                {"Pipeline Hook", "pipeline.json"}, {" ", "merge_request.json"}}) {
            ParseResult result = parser.parse(delivery(sample[0], GitLabFixtures.bytes(sample[1])),
                    context(JsonLimits.DEFAULT));

            assertThat(result).isInstanceOf(ParseResult.Parsed.class);
            assertThat(((ParseResult.Parsed) result).event().raw().isParsed()).as(sample[0]).isTrue();
        }
    }

    @Property(tries = 500)
    void shapeMutationsOfEveryFixtureUnderAStreamedHookNameMatchTheFullTreeRead(
            @ForAll("shapeMutations") Tuple.Tuple2<String, byte[]> body, @ForAll("limits") JsonLimits limits) {
        boolean streamed = compare(body.get1(), body.get2(), limits);

        Statistics.label("read").collect(streamed ? "streamed" : "full tree");
        // mutations keep the syntax and mostly stay within the default limits: the streamed path must be what is compared
        Statistics.label("read").coverage(coverage -> coverage.check("streamed").percentage(p -> p > 40));
    }

    @Property(tries = 300)
    void duplicatedFieldsInTheHotFixturesMatchTheFullTreeRead(@ForAll("duplicates") Tuple.Tuple2<String, byte[]> body) {
        compare(body.get1(), body.get2(), JsonLimits.DEFAULT);
    }

    @Property(tries = 300)
    void byteMutationsOfTheHotFixturesMatchTheFullTreeRead(@ForAll("byteMutations") Tuple.Tuple2<String, byte[]> body,
            @ForAll("limits") JsonLimits limits) {
        compare(body.get1(), body.get2(), limits);
    }

    @Test
    void aUtf8EncodedSurrogateInASkippedStringIsRejectedAsTheFullReadRejectsIt() {
        byte[] body = withSurrogates(GitLabFixtures.edited("push.json", tree -> tree.put("message", "x" + SURROGATE_MARK)));

        assertThat(compare("Push Hook", body, JsonLimits.DEFAULT)).isFalse();
        assertThat(outcome(() -> parser.parse(delivery("Push Hook", body), context(JsonLimits.DEFAULT))))
                .isInstanceOf(Failure.class);
    }

    @Test
    void aStringOverTheLengthLimitInASkippedFieldIsRejectedAsTheFullReadRejectsIt() {
        byte[] body = GitLabFixtures.edited("merge_request.json", tree -> tree.put("unmapped", "y".repeat(9000)));
        JsonLimits limits = new JsonLimits(128, 8000, 1000, 1000);

        assertThat(compare("Merge Request Hook", body, limits)).isFalse();
        assertThat(outcome(() -> parser.parse(delivery("Merge Request Hook", body), context(limits))))
                .isInstanceOf(Failure.class);
    }

    /**
     * Parses the body both ways and asserts the outcomes are the same; true when the streamed path was taken (the raw
     * tree was not built). A body the full read accepts, within the limits, UTF-8 without encoded surrogates, must be
     * streamed: otherwise the comparison would hold by reading the full tree twice.
     */
    private boolean compare(String hook, byte[] json, JsonLimits limits) {
        WebhookRequest request = delivery(hook, json, "event-1", "key-1");
        WebhookParser.Context context = context(limits);
        Object streamedOutcome = outcome(() -> parser.parse(request, context));
        boolean streamed = streamedOutcome instanceof ParseResult.Parsed p && !p.event().raw().isParsed();
        Object treeOutcome = outcome(() -> parser.parseTree(request, context));

        assertThat(streamedOutcome).isEqualTo(treeOutcome);
        if (treeOutcome instanceof ParseResult.Parsed && fullReadIsPlain(json, limits)) {
            assertThat(streamed).as("a plain object document is streamed").isTrue();
        }
        return streamed;
    }

    private static WebhookParser.Context context(JsonLimits limits) {
        return new WebhookParser.Context(limits, GitLabFixtures.RECEIVED, List.of());
    }

    // ---- arbitraries

    @Provide
    Arbitrary<JsonLimits> limits() {
        return StreamedReadChecks.limits();
    }

    /**
     * Any docs fixture (the hot ones more often) with one value replaced or removed by the test kit's
     * {@link JsonMutations}, sent under one of the streamed hook names.
     */
    @Provide
    Arbitrary<Tuple.Tuple2<String, byte[]>> shapeMutations() {
        Arbitrary<Tuple.Tuple2<String, String>> hot = Arbitraries.integers().between(0, HOT.size() - 1)
                .map(i -> Tuple.of(STREAMED.get(i), HOT.get(i)));
        Arbitrary<Tuple.Tuple2<String, String>> any = Combinators.combine(Arbitraries.of(STREAMED),
                Arbitraries.of(GitLabFixtures.EXAMPLES).map(GitLabFixtures.Example::file)).as(Tuple::of);
        Arbitrary<JsonNode> replacements = Arbitraries.frequencyOf(Tuple.of(3, JsonMutations.values()),
                Tuple.of(2, awkwardValues()), Tuple.of(1, mappedObjects()));
        return Arbitraries.frequencyOf(Tuple.of(3, hot), Tuple.of(1, any)).flatMap(sample ->
                JsonMutations.mutated(GitLabFixtures.bytes(sample.get2()), replacements)
                        .map(body -> Tuple.of(sample.get1(), withSurrogates(body))));
    }

    /** A hot fixture with a mapped name added as the first or last field of one of its objects, often a duplicate. */
    @Provide
    Arbitrary<Tuple.Tuple2<String, byte[]>> duplicates() {
        return Arbitraries.integers().between(0, HOT.size() - 1).flatMap(i -> Combinators.combine(
                Arbitraries.integers().between(0, 10_000), Arbitraries.of(MAPPED_NAMES),
                Arbitraries.oneOf(awkwardValues(), mappedObjects()), Arbitraries.of(true, false))
                .as((at, name, value, first) -> Tuple.of(STREAMED.get(i),
                        duplicate(GitLabFixtures.bytes(HOT.get(i)), at, name, value, first))));
    }

    /** A hot fixture broken at the byte level: bit flips, truncation, garbage, deletions, hostile nesting. */
    @Provide
    Arbitrary<Tuple.Tuple2<String, byte[]>> byteMutations() {
        return Arbitraries.integers().between(0, HOT.size() - 1).flatMap(i ->
                WebhookArbitraries.mutated(GitLabFixtures.bytes(HOT.get(i))).map(b -> Tuple.of(STREAMED.get(i), b)));
    }

    /** Scalars the GitLab mapping treats specially: zero shas, numeric strings, timestamps, blank, non-ASCII. */
    private static Arbitrary<JsonNode> awkwardValues() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return Arbitraries.oneOf(
                Arbitraries.of("", " ", "0000000000000000000000000000000000000000", "refs/tags/v1", "refs/heads/main",
                        "merged", "opened", "update", "merge", "open", "[REDACTED]", "true", "FALSE", "42", " 7 ", "1e3",
                        "2019-03-19 10:51:24 UTC", "2011-12-12T14:27:31+02:00", "2019-05-15T20:20:30.123Z", "not a date",
                        "https://gitlab.example.com/g/p", "https://gitlab.example.com/g/p.git", "caf\u00e9 \uD83D\uDE80",
                        "x" + SURROGATE_MARK + "y").map(s -> (JsonNode) nodes.textNode(s)),
                Arbitraries.of(0, 1, 7, 15, -3).map(i -> (JsonNode) nodes.numberNode(i)),
                Arbitraries.of(1.5, 2.0, 1e300).map(d -> (JsonNode) nodes.numberNode(d)),
                Arbitraries.of(true, false).map(b -> (JsonNode) nodes.booleanNode(b)));
    }

    /** Small objects made of mapped names, so that replaced containers are read further down. */
    private static Arbitrary<JsonNode> mappedObjects() {
        return Combinators.combine(Arbitraries.of(MAPPED_NAMES), awkwardValues()).as(Tuple::of).list().ofMaxSize(4)
                .map(entries -> {
                    ObjectNode object = JsonNodeFactory.instance.objectNode();
                    entries.forEach(e -> object.set(e.get1(), e.get2()));
                    return (JsonNode) object;
                });
    }

}
