package io.cikit.vcs.github;

import static io.cikit.testkit.json.StreamedReadChecks.SURROGATE_MARK;
import static io.cikit.testkit.json.StreamedReadChecks.duplicate;
import static io.cikit.testkit.json.StreamedReadChecks.fullReadIsPlain;
import static io.cikit.testkit.json.StreamedReadChecks.outcome;
import static io.cikit.testkit.json.StreamedReadChecks.withSurrogates;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cikit.testkit.json.StreamedReadChecks;
import io.cikit.core.config.Secret;
import io.cikit.core.json.Json;
import io.cikit.core.json.JsonLimits;
import io.cikit.core.webhook.ParseResult;
import io.cikit.core.webhook.WebhookParser;
import io.cikit.core.webhook.WebhookRequest;
import io.cikit.testkit.WebhookArbitraries;
import io.cikit.testkit.json.StreamedReadChecks.Failure;
import io.cikit.vcs.github.GitHubWebhookParserContractTest.GitHubDeliveries;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 * {@code push} and {@code pull_request} are read by streaming only the mapped fields; every other path reads the full
 * tree. Whatever the body, both must come to the same thing: the same event field for field (raw payload included),
 * or the same exception with the same message.
 */
class GitHubStreamedParsePropertyTest {
    private static final Secret SECRET = Secret.of("streamed");
    private static final List<String> STREAMED = List.of("push", "pull_request");
    private static final List<String> FIXTURES = List.of("push.event.json", "pull_request.opened.json",
            "pull_request.synchronize.json", "create.event.json", "delete.event.json", "issue_comment.created.json",
            "ping.event.json", "workflow_run.completed.json", "workflow_job.completed.json");
    // names the mapping reads, so that inserted and replaced fields often land where they matter
    private static final List<String> MAPPED_NAMES = List.of("ref", "before", "after", "created", "deleted", "forced",
            "commits", "head_commit", "repository", "sender", "pusher", "id", "sha", "message", "timestamp", "url",
            "author", "added", "modified", "removed", "full_name", "clone_url", "ssh_url", "html_url", "default_branch",
            "master_branch", "login", "username", "name", "email", "action", "pull_request", "number", "title", "state",
            "draft", "merged", "head", "base", "repo", "labels", "user");

    private final GitHubWebhookParser parser = new GitHubWebhookParser();

    @Test
    void everyFixtureReadAsPushOrPullRequestMatchesTheFullTreeRead() {
        int streamed = 0;
        for (String fixture : FIXTURES) {
            for (String eventName : STREAMED) {
                if (compare(eventName, fixture(fixture), JsonLimits.DEFAULT, false)) {
                    streamed++;
                }
            }
        }
        // the push fixture as push, both pull_request fixtures as pull_request: at least these took the streamed path
        assertThat(streamed).isGreaterThanOrEqualTo(3);
    }

    @Test
    void theHotFixturesAreStreamedAndLeaveTheirRawTreeUnbuilt() {
        for (String[] sample : new String[][] {{"push", "push.event.json"}, {"pull_request", "pull_request.opened.json"},
                {"pull_request", "pull_request.synchronize.json"}}) {
            ParseResult.Parsed parsed = (ParseResult.Parsed) parser.parse(request(sample[0], fixture(sample[1]), false),
                    context(JsonLimits.DEFAULT));

            assertThat(parsed.event().raw().isParsed()).as(sample[1]).isFalse();
            assertThat(parsed.event().raw().json()).as(sample[1]).isEqualTo(Json.read(fixture(sample[1])));
        }
    }

    @Property(tries = 500)
    void treeMutationsOfTheHotFixturesMatchTheFullTreeRead(@ForAll("treeMutations") Tuple.Tuple3<String, byte[], Boolean> body,
            @ForAll("limits") JsonLimits limits) {
        boolean streamed = compare(body.get1(), body.get2(), limits, body.get3());

        Statistics.label("read").collect(streamed ? "streamed" : "full tree");
        // most mutations stay valid JSON within the default limits: the streamed path must be what is compared
        Statistics.label("read").coverage(coverage -> coverage.check("streamed").percentage(p -> p > 40));
    }

    @Property(tries = 300)
    void byteMutationsOfTheHotFixturesMatchTheFullTreeRead(@ForAll("byteMutations") Tuple.Tuple2<String, byte[]> body,
            @ForAll("limits") JsonLimits limits) {
        compare(body.get1(), body.get2(), limits, false);
    }

    @Test
    void aUtf8EncodedSurrogateInASkippedStringIsRejectedAsTheFullReadRejectsIt() {
        ObjectNode json = (ObjectNode) Json.read(fixture("push.event.json"));
        json.put("compare", "x" + SURROGATE_MARK);
        byte[] body = withSurrogates(Json.write(json));

        assertThat(compare("push", body, JsonLimits.DEFAULT, false)).isFalse();
        assertThat(outcome(() -> parser.parse(request("push", body, false), context(JsonLimits.DEFAULT))))
                .isInstanceOf(Failure.class);
    }

    @Test
    void aStringOverTheLengthLimitInASkippedFieldIsRejectedAsTheFullReadRejectsIt() {
        ObjectNode json = (ObjectNode) Json.read(fixture("pull_request.opened.json"));
        json.put("unmapped", "y".repeat(5000));
        JsonLimits limits = new JsonLimits(128, 4000, 1000, 1000);

        compare("pull_request", Json.write(json), limits, false);
        assertThat(outcome(() -> parser.parse(request("pull_request", Json.write(json), false), context(limits))))
                .isInstanceOf(Failure.class);
    }

    /**
     * Parses the body both ways and asserts the outcomes are the same; true when the streamed path was taken (the raw
     * tree was not built). A body the full read accepts, within the limits, UTF-8 without encoded surrogates, must be
     * streamed: otherwise the comparison would hold by reading the full tree twice.
     */
    private boolean compare(String eventName, byte[] json, JsonLimits limits, boolean form) {
        WebhookRequest request = request(eventName, json, form);
        WebhookParser.Context context = context(limits);
        Object streamedOutcome = outcome(() -> parser.parse(request, context));
        boolean streamed = streamedOutcome instanceof ParseResult.Parsed p && !p.event().raw().isParsed();
        // a form-encoded body's JSON is its decoded payload field, which the test encoded from `json` as text
        Object treeOutcome = outcome(() -> parser.parseTree(eventName, GitHubWebhookParser.jsonBytes(request), request,
                context));

        assertThat(streamedOutcome).isEqualTo(treeOutcome);
        if (treeOutcome instanceof ParseResult.Parsed && fullReadIsPlain(json, limits)) {
            assertThat(streamed).as("a plain object document is streamed").isTrue();
        }
        return streamed;
    }

    private static WebhookParser.Context context(JsonLimits limits) {
        return new WebhookParser.Context(limits, Instant.parse("2024-05-01T10:00:00Z"), List.of());
    }

    private static WebhookRequest request(String eventName, byte[] json, boolean form) {
        if (!form) {
            return GitHubDeliveries.signed(json, eventName, SECRET, "d-1");
        }
        byte[] body = ("payload=" + URLEncoder.encode(new String(json, StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.US_ASCII);
        return GitHubDeliveries.signed(body, eventName, SECRET, "d-1", "application/x-www-form-urlencoded");
    }

    // ---- arbitraries

    @Provide
    Arbitrary<JsonLimits> limits() {
        return StreamedReadChecks.limits();
    }

    /** A hot fixture with one field replaced, removed, or given a duplicate; sent as JSON or form-encoded. */
    @Provide
    Arbitrary<Tuple.Tuple3<String, byte[], Boolean>> treeMutations() {
        Arbitrary<Tuple.Tuple2<String, byte[]>> hot = Arbitraries.of(
                Tuple.of("push", fixture("push.event.json")),
                Tuple.of("pull_request", fixture("pull_request.opened.json")),
                Tuple.of("pull_request", fixture("pull_request.synchronize.json")));
        Arbitrary<Tuple.Tuple2<String, byte[]>> mutated = hot.flatMap(sample -> {
            JsonNode tree = Json.read(sample.get2());
            List<String> pointers = new ArrayList<>();
            collectPointers(tree, "", pointers);
            Arbitrary<byte[]> replaced = Combinators.combine(Arbitraries.of(pointers), values())
                    .as((pointer, value) -> mutate(tree, pointer, value));
            Arbitrary<byte[]> removed = Arbitraries.of(pointers).map(pointer -> mutate(tree, pointer, null));
            Arbitrary<byte[]> duplicated = Combinators.combine(Arbitraries.integers().between(0, 10_000),
                    Arbitraries.of(MAPPED_NAMES), values(), Arbitraries.of(true, false))
                    .as((at, name, value, before) -> duplicate(Json.write(tree), at, name, value, before));
            return Arbitraries.oneOf(replaced, removed, duplicated).map(b -> Tuple.of(sample.get1(), withSurrogates(b)));
        });
        return Combinators.combine(mutated, Arbitraries.of(false, false, false, true))
                .as((sample, form) -> Tuple.of(sample.get1(), sample.get2(), form));
    }

    /** A hot fixture broken at the byte level: bit flips, truncation, garbage, deletions, hostile nesting. */
    @Provide
    Arbitrary<Tuple.Tuple2<String, byte[]>> byteMutations() {
        return Arbitraries.of(
                Tuple.of("push", fixture("push.event.json")),
                Tuple.of("pull_request", fixture("pull_request.opened.json")),
                Tuple.of("pull_request", fixture("pull_request.synchronize.json")))
                .flatMap(sample -> WebhookArbitraries.mutated(sample.get2()).map(b -> Tuple.of(sample.get1(), b)));
    }

    /** JSON values of every kind, leaning on the awkward ones: blank, non-ASCII, escapes, big and odd numbers. */
    private static Arbitrary<JsonNode> values() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        Arbitrary<JsonNode> strings = Arbitraries.oneOf(
                Arbitraries.of("", " ", "opened", "closed", "synchronize", "auto_merge_enabled", "refs/heads/main",
                        "refs/tags/v1", "0000000000000000000000000000000000000000", "true", "FALSE", "42", " 7 ", "1e3",
                        "2019-05-15T15:20:30-05:00", "2019-05-15T20:20:30Z", "2019-05-15T20:20:30.123+01:00", "not a date",
                        "o/r", "caf\u00e9 \uD83D\uDE80 \u5f20", "line\nbreak \"quoted\" \\ back", "\u0000\u001f",
                        "x" + SURROGATE_MARK + "y"),
                Arbitraries.strings().ofMaxLength(12)).map(s -> (JsonNode) nodes.textNode(s));
        Arbitrary<JsonNode> numbers = Arbitraries.oneOf(
                Arbitraries.integers().map(i -> (JsonNode) nodes.numberNode(i)),
                Arbitraries.longs().map(l -> (JsonNode) nodes.numberNode(l)),
                Arbitraries.of(new BigInteger("123456789012345678901234567890"), BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE))
                        .map(b -> (JsonNode) nodes.numberNode(b)),
                Arbitraries.of(0.0, -0.0, 1.5, -1.0E-7, 2.0, 1e300, 9.007199254740993E15).map(d -> (JsonNode) nodes.numberNode(d)));
        Arbitrary<JsonNode> literals = Arbitraries.of(nodes.booleanNode(true), nodes.booleanNode(false), nodes.nullNode());
        Arbitrary<JsonNode> scalars = Arbitraries.oneOf(strings, numbers, literals);
        Arbitrary<JsonNode> objects = Combinators.combine(Arbitraries.of(MAPPED_NAMES), scalars).as(Map::entry)
                .list().ofMaxSize(4).map(entries -> {
                    ObjectNode object = nodes.objectNode();
                    entries.forEach(e -> object.set(e.getKey(), e.getValue()));
                    return (JsonNode) object;
                });
        Arbitrary<JsonNode> arrays = Arbitraries.oneOf(scalars, objects).list().ofMaxSize(3).map(list -> {
            ArrayNode array = nodes.arrayNode();
            list.forEach(array::add);
            return (JsonNode) array;
        });
        return Arbitraries.frequencyOf(Tuple.of(4, scalars), Tuple.of(1, objects), Tuple.of(1, arrays));
    }

    private static void collectPointers(JsonNode node, String at, List<String> out) {
        if (!at.isEmpty()) {
            out.add(at);
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                collectPointers(field.getValue(), at + "/" + field.getKey().replace("~", "~0").replace("/", "~1"), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectPointers(node.get(i), at + "/" + i, out);
            }
        }
    }

    /** The tree with the node at {@code pointer} replaced by {@code value}, or removed when it is null. */
    private static byte[] mutate(JsonNode original, String pointer, JsonNode value) {
        JsonNode tree = original.deepCopy();
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = tree.at(pointer.substring(0, slash));
        String last = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
        if (parent instanceof ObjectNode object) {
            if (value == null) {
                object.remove(last);
            } else {
                object.set(last, value);
            }
        } else if (parent instanceof ArrayNode array) {
            int index = Integer.parseInt(last);
            if (value == null) {
                array.remove(index);
            } else {
                array.set(index, value);
            }
        }
        return Json.write(tree);
    }

    private static byte[] fixture(String name) {
        try (InputStream in = GitHubStreamedParsePropertyTest.class.getResourceAsStream("/github/" + name)) {
            return Objects.requireNonNull(in, name).readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
