package io.cikit.testkit.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.cikit.core.json.Json;
import io.cikit.core.json.MalformedJsonException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class JsonMutationsTest {
    private static final byte[] DOC = bytes("{\"a\":{\"b\":[1,2]},\"c\":\"x\"}");

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void everyPlaceIsReplacedOrRemovedAndNothingElseChanges() {
        Arbitrary<JsonNode> z = Arbitraries.just(JsonNodeFactory.instance.textNode("Z"));

        Set<String> all = JsonMutations.mutated(DOC, z).allValues().orElseThrow().map(JsonMutationsTest::text)
                .collect(Collectors.toSet());

        assertThat(all).containsExactlyInAnyOrder(
                "{\"a\":\"Z\",\"c\":\"x\"}", "{\"c\":\"x\"}",
                "{\"a\":{\"b\":\"Z\"},\"c\":\"x\"}", "{\"a\":{},\"c\":\"x\"}",
                "{\"a\":{\"b\":[\"Z\",2]},\"c\":\"x\"}", "{\"a\":{\"b\":[2]},\"c\":\"x\"}",
                "{\"a\":{\"b\":[1,\"Z\"]},\"c\":\"x\"}", "{\"a\":{\"b\":[1]},\"c\":\"x\"}",
                "{\"a\":{\"b\":[1,2]},\"c\":\"Z\"}", "{\"a\":{\"b\":[1,2]}}");
    }

    @Test
    void aDocumentWithNowhereToChangeComesBackAsItWas() {
        assertThat(JsonMutations.mutated(bytes("42")).allValues().orElseThrow().map(JsonMutationsTest::text))
                .containsExactly("42");
        assertThat(JsonMutations.mutated(bytes("{}")).allValues().orElseThrow().map(JsonMutationsTest::text))
                .containsExactly("{}");
    }

    @Test
    void aDocumentThatIsNotJsonIsRefusedAtOnce() {
        assertThatThrownBy(() -> JsonMutations.mutated(bytes("{\"a\":"))).isInstanceOf(MalformedJsonException.class);
    }

    @Property(tries = 300)
    void mutationsAreValidJsonThatNeverSharesStateWithTheOriginal(@ForAll("mutated") byte[] body) {
        JsonNode read = Json.read(body);

        assertThat(read.isObject()).isTrue();
        assertThat(text(DOC)).isEqualTo("{\"a\":{\"b\":[1,2]},\"c\":\"x\"}");
    }

    @Property(tries = 300)
    void everyValueSurvivesARoundTrip(@ForAll("values") JsonNode value) {
        assertThat(Json.read(Json.write(value))).isNotNull();
    }

    @Provide
    Arbitrary<byte[]> mutated() {
        return JsonMutations.mutated(DOC);
    }

    @Provide
    Arbitrary<JsonNode> values() {
        return JsonMutations.values();
    }
}
