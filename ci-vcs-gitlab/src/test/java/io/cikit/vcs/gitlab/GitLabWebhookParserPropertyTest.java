package io.cikit.vcs.gitlab;

import static io.cikit.vcs.gitlab.GitLabFixtures.context;
import static io.cikit.vcs.gitlab.GitLabFixtures.delivery;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.cikit.core.event.PushEvent;
import io.cikit.core.webhook.ParseResult;
import io.cikit.core.webhook.WebhookException;
import io.cikit.testkit.WebhookArbitraries;
import io.cikit.testkit.json.JsonMutations;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever GitLab (or an attacker holding the token) sends, the parser answers with an event, an ignore, or a
 * {@link WebhookException}: never any other exception. Bodies are the docs examples with one value swapped for a
 * value of another shape or removed, or broken byte-wise.
 */
class GitLabWebhookParserPropertyTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final GitLabWebhookParser parser = new GitLabWebhookParser();

    @Property(tries = 600)
    void aValueOfAnotherShapeAnywhereNeverBreaksTheParser(@ForAll("shapeMutations") Object[] hookAndBody) {
        assertParsesOrRefuses((String) hookAndBody[0], (byte[]) hookAndBody[1]);
    }

    @Property(tries = 300)
    void byteLevelMutationsNeverBreakTheParser(@ForAll("byteMutations") Object[] hookAndBody) {
        assertParsesOrRefuses((String) hookAndBody[0], (byte[]) hookAndBody[1]);
    }

    @Property(tries = 300)
    void anyHookNameWithAnyExampleBodyNeverBreaksTheParser(@ForAll("hookNames") String hook,
            @ForAll("exampleFiles") String file) {
        assertParsesOrRefuses(hook, GitLabFixtures.bytes(file));
    }

    private void assertParsesOrRefuses(String hook, byte[] body) {
        try {
            ParseResult result = parser.parse(delivery(hook, body), context());
            assertThat(result).isNotNull();
        } catch (WebhookException expected) {
            assertThat(expected.httpStatus()).isBetween(400, 499);
        }
    }

    /** A docs example with the value at one place replaced by a hostile value, or removed (the test kit's JsonMutations). */
    @Provide
    Arbitrary<Object[]> shapeMutations() {
        return Arbitraries.of(GitLabFixtures.EXAMPLES).flatMap(e -> JsonMutations.mutated(GitLabFixtures.bytes(e.file()),
                hostileValues()).map(body -> new Object[] {e.hook(), body}));
    }

    @Provide
    Arbitrary<Object[]> byteMutations() {
        return Arbitraries.of(GitLabFixtures.EXAMPLES).flatMap(e -> WebhookArbitraries.mutated(GitLabFixtures.bytes(e.file()))
                .map(body -> new Object[] {e.hook(), body}));
    }

    @Provide
    Arbitrary<String> hookNames() {
        return Arbitraries.oneOf(Arbitraries.of("Push Hook", "Tag Push Hook", "Merge Request Hook", "Note Hook",
                "Confidential Note Hook", "Pipeline Hook", "Job Hook", "Build Hook", "System Hook", "push", "build",
                "pipeline", "note", "merge_request", "tag_push"), Arbitraries.strings().ofMaxLength(20));
    }

    @Provide
    Arbitrary<String> exampleFiles() {
        return Arbitraries.of(GitLabFixtures.EXAMPLES).map(GitLabFixtures.Example::file);
    }

    private static Arbitrary<JsonNode> hostileValues() {
        return Arbitraries.oneOf(
                Arbitraries.of(NODES.nullNode(), NODES.textNode(""), NODES.textNode("[REDACTED]"),
                        NODES.textNode(PushEvent.ZERO_SHA), NODES.textNode("refs/heads/"), NODES.textNode("refs/tags/"),
                        NODES.textNode("refs/merge-requests/1/head"), NODES.numberNode(-1), NODES.numberNode(0),
                        NODES.numberNode(Long.MAX_VALUE), NODES.numberNode(Long.MIN_VALUE), NODES.numberNode(1e308),
                        NODES.numberNode(-1e308), NODES.numberNode(0.5), NODES.booleanNode(true),
                        NODES.arrayNode(), NODES.objectNode(), NODES.textNode("2016-08-12 15:23:28 UTC"),
                        NODES.textNode("+999999999-12-31T23:59:59Z"), NODES.textNode("99999-01-01 00:00:00 UTC"),
                        NODES.textNode("http://[::1"), NODES.textNode(" "), NODES.textNode("update"),
                        NODES.textNode("MergeRequest"), NODES.textNode("Issue"), NODES.textNode("failed")),
                Arbitraries.strings().ofMaxLength(30).map(NODES::textNode),
                Arbitraries.longs().map(NODES::numberNode),
                Arbitraries.doubles().map(NODES::numberNode));
    }
}
