package io.cikit.testkit.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cikit.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.jspecify.annotations.Nullable;

/**
 * Structural mutations of a valid JSON document: the value at one place (an object field or an array element, at
 * any depth) replaced by a value of another shape, or removed. Byte-level mutations
 * ({@link io.cikit.testkit.WebhookArbitraries#mutated}) mostly break the syntax, so a parser rejects them early;
 * these keep the syntax valid and break the shape, which is what a tolerant payload parser must survive: a number
 * where a string was, {@code null} where an object was, a field gone.
 *
 * <p>All methods are side-effect free and return new arbitraries; use them from {@code @Provide} methods. The
 * document is parsed once, with {@link io.cikit.core.json.JsonLimits#DEFAULT}; each generated value works on a copy.
 */
public final class JsonMutations {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonMutations() {
    }

    /**
     * The document with one place replaced by one of {@link #values()}, or removed.
     *
     * @throws io.cikit.core.json.MalformedJsonException when {@code document} is not JSON
     */
    public static Arbitrary<byte[]> mutated(byte[] document) {
        return mutated(document, values());
    }

    /**
     * The document with one place replaced by one of {@code replacements}, or removed. A document with no place to
     * change (a scalar, {@code {}}, {@code []}) comes back unchanged.
     *
     * @throws io.cikit.core.json.MalformedJsonException when {@code document} is not JSON
     */
    public static Arbitrary<byte[]> mutated(byte[] document, Arbitrary<JsonNode> replacements) {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(replacements, "replacements");
        JsonNode original = Json.read(document);
        int places = places(original).size();
        if (places == 0) {
            return Arbitraries.just(document.clone());
        }
        return Combinators.combine(Arbitraries.integers().between(0, places - 1), replacements,
                Arbitraries.of(true, false)).as((index, value, remove) -> {
                    JsonNode copy = original.deepCopy();
                    places(copy).get(index).set(remove ? null : value.deepCopy());
                    return Json.write(copy);
                });
    }

    /**
     * Values of every JSON type, including awkward ones: huge, negative and fractional numbers, blank strings, path
     * traversal and URL-looking text, status words, empty and small containers.
     */
    public static Arbitrary<JsonNode> values() {
        return Arbitraries.oneOf(
                Arbitraries.just(NODES.nullNode()),
                Arbitraries.of(true, false).map(NODES::booleanNode),
                Arbitraries.longs().map(NODES::numberNode),
                Arbitraries.doubles().map(NODES::numberNode),
                Arbitraries.of(Long.MAX_VALUE, Long.MIN_VALUE, -1L, 0L).map(NODES::numberNode),
                Arbitraries.strings().ofMaxLength(40).map(NODES::textNode),
                Arbitraries.of("", " ", "..", "../..", "/etc/passwd", "http://", "SUCCESS", "FINALIZED", "completed",
                        "-1", "1e400", "9999999999999999999999", "javascript:x", "job/a/job/", "null").map(NODES::textNode),
                Arbitraries.just(NODES.objectNode()),
                Arbitraries.just(NODES.arrayNode()),
                Arbitraries.strings().ofMaxLength(10).map(s -> (JsonNode) NODES.objectNode().put(s, s)),
                Arbitraries.strings().ofMaxLength(10).map(s -> (JsonNode) NODES.arrayNode().add(s).add(NODES.nullNode())));
    }

    /** Every place in the tree, depth first: each object field and each array element. */
    private static List<Place> places(JsonNode root) {
        List<Place> out = new ArrayList<>();
        collect(root, out);
        return out;
    }

    private static void collect(JsonNode node, List<Place> out) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            for (Map.Entry<String, JsonNode> e : object.properties()) {
                names.add(e.getKey());
            }
            for (String name : names) {
                out.add(value -> {
                    if (value == null) {
                        object.remove(name);
                    } else {
                        object.set(name, value);
                    }
                });
                collect(object.get(name), out);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                int index = i;
                out.add(value -> {
                    if (value == null) {
                        array.remove(index);
                    } else {
                        array.set(index, value);
                    }
                });
                collect(array.get(i), out);
            }
        }
    }

    /** A place in the tree: replaced by a value, or removed when given null. */
    @FunctionalInterface
    private interface Place {
        void set(@Nullable JsonNode value);
    }
}
