package io.cikit.core.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.UTF8StreamJsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The parts of a JSON document a mapping reads, and a streaming reader that builds a tree of only those parts: the
 * same tree {@link Json#read} would give, with everything else left out. Reading still goes through the whole
 * document (so malformed JSON and the {@link JsonLimits} are caught as before) but skips what is not wanted without
 * building nodes for it.
 *
 * <p>Inside the kept tree, a value is kept as read when it is a scalar; an object keeps only the fields named here
 * (each read with its own projection); an array keeps its elements only when the projection says how to read them.
 * A container the projection does not look into is kept as an empty container of the same kind, so a mapping that
 * asks "is it an object?" gets the same answer. Duplicate names keep the last value, as {@link Json#read} does.
 *
 * <p>{@link #read} answers empty, never throws, whenever the result could differ from {@link Json#read}'s tree: the
 * document is malformed or over a limit, its root is not an object, it is not UTF-8, or it might hide what skipping
 * does not check (a string over the length limit, a UTF-8-encoded surrogate). The caller then reads the full tree,
 * which fails, or succeeds, exactly as it always did. Immutable and thread-safe.
 *
 * <p>For webhook parsers whose frequent, large events are mapped from a few fields: build one projection per event
 * next to the mapping code (a field the mapping reads but the projection omits reads as absent, so compare both
 * paths in a test), map {@link #read}'s tree when present, else {@link Json#read} the body, and give the event a
 * {@link io.cikit.core.event.RawPayload#lazy lazy} raw payload. Streaming pays off only when most of the document
 * is skipped.
 */
public final class JsonProjection {
    /** Scalars as they are; containers left empty. */
    public static final JsonProjection SCALAR = new JsonProjection(Map.of(), null);

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final int BLOCK = 4 * Long.BYTES;

    // a HashMap, never changed after construction: looked up once per field of every object read into (some have 90
    // fields), and Map.copyOf's floorMod probing showed in profiles
    private final Map<String, JsonProjection> fields;
    private final @Nullable JsonProjection elements;

    private JsonProjection(Map<String, JsonProjection> fields, @Nullable JsonProjection elements) {
        this.fields = fields;
        this.elements = elements;
    }

    /** An object keeping these fields as scalars. */
    public static JsonProjection fields(String... names) {
        Map<String, JsonProjection> map = new HashMap<>();
        for (String name : names) {
            map.put(Objects.requireNonNull(name, "name"), SCALAR);
        }
        return new JsonProjection(map, null);
    }

    /** An array whose elements are each read with {@code each}. */
    public static JsonProjection elements(JsonProjection each) {
        return new JsonProjection(Map.of(), Objects.requireNonNull(each, "each"));
    }

    /** This projection, also keeping field {@code name} read with {@code child}. */
    public JsonProjection with(String name, JsonProjection child) {
        Map<String, JsonProjection> map = new HashMap<>(fields);
        map.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(child, "child"));
        return new JsonProjection(map, elements);
    }

    /**
     * The projected tree of a JSON object document, read with the limits' mapper; empty whenever the full tree must be
     * read instead (see the class comment). Never throws.
     */
    public Optional<ObjectNode> read(byte[] json, JsonLimits limits) {
        // skipped strings are never materialised, so Jackson does not apply the string length limit to them; no
        // string can be longer (in chars) than the document is in bytes
        if (json.length > limits.maxStringLength() || hasEncodedSurrogate(json)) {
            return Optional.empty();
        }
        try (JsonParser parser = Json.mapper(limits).getFactory().createParser(json)) {
            // UTF-16 and UTF-32 bodies go through another parser, whose skipping this class has not been checked against
            if (!(parser instanceof UTF8StreamJsonParser) || parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            ObjectNode root = object(parser);
            // FAIL_ON_TRAILING_TOKENS, as Json.read applies it
            return parser.nextToken() == null ? Optional.of(root) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            // malformed, or over a limit: the full read reports it in its own words
            return Optional.empty();
        }
    }

    /** The value at the parser's current token, as far as this projection looks into it. */
    private JsonNode value(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        return switch (token) {
            case START_OBJECT -> fields.isEmpty() ? empty(parser, JsonNodeFactory.instance.objectNode()) : object(parser);
            case START_ARRAY -> elements == null ? empty(parser, JsonNodeFactory.instance.arrayNode()) : array(parser, elements);
            default -> scalar(parser, token);
        };
    }

    private ObjectNode object(JsonParser parser) throws IOException {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        String name;
        while ((name = parser.nextFieldName()) != null) {
            JsonToken token = parser.nextToken();
            JsonProjection child = fields.get(name);
            if (child == null) {
                if (token.isStructStart()) {
                    parser.skipChildren();
                }
            } else {
                node.replace(name, child.value(parser));
            }
        }
        return node;
    }

    private static ArrayNode array(JsonParser parser, JsonProjection each) throws IOException {
        ArrayNode node = JsonNodeFactory.instance.arrayNode();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            node.add(each.value(parser));
        }
        return node;
    }

    private static <N extends JsonNode> N empty(JsonParser parser, N container) throws IOException {
        parser.skipChildren();
        return container;
    }

    /** The node Jackson's tree deserializer makes of a scalar token (int, long or big integer; double; …). */
    private static JsonNode scalar(JsonParser parser, JsonToken token) throws IOException {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return switch (token) {
            case VALUE_STRING -> nodes.textNode(parser.getText());
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> nodes.numberNode(parser.getIntValue());
                case LONG -> nodes.numberNode(parser.getLongValue());
                default -> nodes.numberNode(parser.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> nodes.numberNode(parser.getDoubleValue());
            case VALUE_TRUE -> nodes.booleanNode(true);
            case VALUE_FALSE -> nodes.booleanNode(false);
            case VALUE_NULL -> nodes.nullNode();
            // no other token stands for a value in JSON text; the caller falls back to the full read
            default -> throw new IllegalStateException("unexpected token " + token);
        };
    }

    /**
     * Whether the bytes hold {@code ED A0..BF}, the start of a UTF-8-encoded surrogate: Jackson rejects it in a string
     * it decodes but not in one it skips. Most payloads are ASCII throughout, so blocks of 32 bytes without a high bit
     * are passed over four words at a time (about 1 µs for 25 KB, a quarter of a byte-wise loop).
     */
    static boolean hasEncodedSurrogate(byte[] bytes) {
        int n = bytes.length;
        int i = 0;
        for (; i + BLOCK <= n; i += BLOCK) {
            long high = ((long) LONGS.get(bytes, i) | (long) LONGS.get(bytes, i + 8) | (long) LONGS.get(bytes, i + 16)
                    | (long) LONGS.get(bytes, i + 24)) & HIGH_BITS;
            if (high != 0 && surrogateStartsIn(bytes, i, i + BLOCK)) {
                return true;
            }
        }
        return surrogateStartsIn(bytes, i, n);
    }

    private static boolean surrogateStartsIn(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == (byte) 0xED && i + 1 < bytes.length && (bytes[i + 1] & 0xE0) == 0xA0) {
                return true;
            }
        }
        return false;
    }
}
