package io.cikit.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bounded JSON reading and the small, null-safe field accessors every payload parser uses.
 *
 * <p>Mappers are shared and thread-safe. Trees returned by {@link #read} must be treated as read-only.
 */
public final class Json {
    private static final ConcurrentHashMap<JsonLimits, ObjectMapper> MAPPERS = new ConcurrentHashMap<>();

    private Json() {
    }

    /** The mapper for {@link JsonLimits#DEFAULT}: tolerant of unknown properties, bounded on read. */
    public static ObjectMapper mapper() {
        return mapper(JsonLimits.DEFAULT);
    }

    /** A shared mapper applying the given limits. */
    public static ObjectMapper mapper(JsonLimits limits) {
        return MAPPERS.computeIfAbsent(Objects.requireNonNull(limits, "limits"), Json::newMapper);
    }

    /**
     * Reads a complete JSON document. Trailing content after the document, invalid UTF-8, truncation and any
     * limit exceeded all fail with {@link MalformedJsonException}, whose message says which.
     */
    public static JsonNode read(byte[] body, JsonLimits limits) {
        Objects.requireNonNull(body, "body");
        if (body.length == 0) {
            throw new MalformedJsonException("empty body where JSON was expected");
        }
        try {
            JsonNode node = mapper(limits).readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new MalformedJsonException("no JSON document in body");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new MalformedJsonException("malformed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new MalformedJsonException("unreadable JSON: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // Jackson signals some constraint and encoding violations with unchecked exceptions
            throw new MalformedJsonException("malformed JSON: " + e.getMessage(), e);
        }
    }

    /** Reads with {@link JsonLimits#DEFAULT}. */
    public static JsonNode read(byte[] body) {
        return read(body, JsonLimits.DEFAULT);
    }

    /** Serialises a value (records, maps, trees) to compact JSON bytes. */
    public static byte[] write(Object value) {
        try {
            return mapper().writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise " + value.getClass().getName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** The node at a path of field names, or a missing node; never null. */
    public static JsonNode at(JsonNode node, String... path) {
        JsonNode current = node;
        for (String field : path) {
            if (current == null || !current.isObject()) {
                return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
            }
            current = current.get(field);
        }
        return current == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : current;
    }

    /** A non-null scalar at the path as text (numbers and booleans as written); empty when missing or null. */
    public static Optional<String> text(JsonNode node, String... path) {
        JsonNode n = at(node, path);
        return n.isValueNode() && !n.isNull() ? Optional.of(n.asText()) : Optional.empty();
    }

    /** Like {@link #text} but an empty string also counts as absent. */
    public static Optional<String> nonBlank(JsonNode node, String... path) {
        return text(node, path).filter(s -> !s.isBlank());
    }

    /** An integral number at the path (also from a numeric string); empty otherwise. */
    public static OptionalLong number(JsonNode node, String... path) {
        JsonNode n = at(node, path);
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            return OptionalLong.of(n.asLong());
        }
        if (n.isNumber()) {
            return OptionalLong.of((long) n.asDouble());
        }
        if (n.isTextual()) {
            try {
                return OptionalLong.of(Long.parseLong(n.asText().trim()));
            } catch (NumberFormatException e) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.empty();
    }

    /** A boolean at the path ({@code true}/{@code false} literals or strings); {@code fallback} otherwise. */
    public static boolean bool(JsonNode node, boolean fallback, String... path) {
        JsonNode n = at(node, path);
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isTextual()) {
            String s = n.asText();
            if (s.equalsIgnoreCase("true")) {
                return true;
            }
            if (s.equalsIgnoreCase("false")) {
                return false;
            }
        }
        return fallback;
    }

    /** The string elements of an array at the path; non-strings and nulls skipped; empty when not an array. */
    public static List<String> strings(JsonNode node, String... path) {
        JsonNode n = at(node, path);
        if (!n.isArray()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(n.size());
        for (JsonNode e : n) {
            if (e.isValueNode() && !e.isNull()) {
                out.add(e.asText());
            }
        }
        return List.copyOf(out);
    }

    private static ObjectMapper newMapper(JsonLimits limits) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxNestingDepth())
                        .maxStringLength(limits.maxStringLength())
                        .maxNameLength(limits.maxNameLength())
                        .maxNumberLength(limits.maxNumberLength())
                        .build())
                .build();
        return JsonMapper.builder(factory)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .build();
    }
}
