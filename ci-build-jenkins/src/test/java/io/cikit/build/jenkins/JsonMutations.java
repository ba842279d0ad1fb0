package io.cikit.build.jenkins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cikit.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Structural mutations of a valid JSON document: one field or element replaced by a value of another type, or
 * removed. Byte-level mutations (ci-testkit's {@code WebhookArbitraries.mutated}) mostly break the syntax; these keep
 * it valid and break the shape, which is what a tolerant parser must survive.
 */
final class JsonMutations {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonMutations() {
    }

    static Arbitrary<byte[]> mutated(byte[] document) {
        JsonNode original = Json.read(document);
        int size = slots(original).size();
        return Combinators.combine(Arbitraries.integers().between(0, size - 1), values(), Arbitraries.of(true, false))
                .as((index, value, remove) -> {
                    JsonNode copy = original.deepCopy();
                    Slot slot = slots(copy).get(index);
                    slot.apply(remove ? null : value);
                    return Json.write(copy);
                });
    }

    /** Values of every JSON type, including awkward ones: huge and negative numbers, blank and odd strings. */
    static Arbitrary<JsonNode> values() {
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

    private static List<Slot> slots(JsonNode root) {
        List<Slot> out = new ArrayList<>();
        collect(root, out);
        return out;
    }

    private static void collect(JsonNode node, List<Slot> out) {
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
    private interface Slot {
        void apply(JsonNode value);
    }
}
