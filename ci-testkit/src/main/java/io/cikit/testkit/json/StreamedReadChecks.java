package io.cikit.testkit.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.cikit.core.json.Json;
import io.cikit.core.json.JsonLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Checks for parsers that read hot payloads with a streamed projection and fall back to the full tree
 * ({@code io.cikit.core.json.JsonProjection}): the comparable outcome of a parse, whether the full read takes a
 * document as plain UTF-8 (so the streamed read must have been used), and byte-level mutations (duplicated fields,
 * encoded surrogates) that the streamed read must treat exactly as the full read does.
 */
public final class StreamedReadChecks {
    /** Where {@link #withSurrogates} puts a UTF-8-encoded surrogate. */
    public static final String SURROGATE_MARK = "@@SURROGATE@@";

    private StreamedReadChecks() {
    }

    /**
     * Limits for a streamed-versus-full comparison: mostly the defaults, one time in five small ones that the
     * fixtures run into (nesting, string, name and number length).
     */
    public static Arbitrary<JsonLimits> limits() {
        Arbitrary<JsonLimits> small = Combinators.combine(Arbitraries.integers().between(2, 12),
                Arbitraries.integers().between(10, 60_000), Arbitraries.integers().between(3, 40),
                Arbitraries.integers().between(3, 40)).as(JsonLimits::new);
        return Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just(JsonLimits.DEFAULT)), Tuple.of(1, small));
    }

    /**
     * The parse result, or the failure's class and message: what a caller can observe. Jackson's message for a string
     * over the length limit gives the length at which it noticed, which depends on the buffers it recycled: that number
     * is left out.
     */
    public static Object outcome(Supplier<?> parse) {
        try {
            return parse.get();
        } catch (RuntimeException e) {
            return new Failure(e.getClass(), String.valueOf(e.getMessage())
                    .replaceAll("String value length \\(\\d+\\)", "String value length (n)"));
        }
    }

    /** A parse that threw: the exception's class and its message (with the buffer-dependent length left out). */
    public record Failure(Class<?> type, String message) {
    }

    /**
     * Whether a full read takes {@code json} as a plain UTF-8 object within {@code limits}, measured as the streamed
     * read measures them (whole number tokens in characters, names and strings in UTF-8 bytes, never fewer than
     * Jackson counts): for such a document a parser must have used its streamed read rather than falling back.
     */
    public static boolean fullReadIsPlain(byte[] json, JsonLimits limits) {
        // '{' then a non-zero byte: Jackson reads it as UTF-8, not UTF-16
        return json.length > 1 && json[0] == '{' && json[1] != 0 && !containsSurrogateStart(json)
                && tokensWithin(json, limits);
    }

    private static boolean tokensWithin(byte[] json, JsonLimits limits) {
        try (JsonParser parser = Json.mapper(limits).getFactory().createParser(json)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                boolean within = switch (token) {
                    case FIELD_NAME -> utf8Length(parser.currentName()) <= limits.maxNameLength();
                    case VALUE_STRING -> utf8Length(parser.getText()) <= limits.maxStringLength();
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getText().length() <= limits.maxNumberLength();
                    default -> true;
                };
                if (!within) {
                    return false;
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static boolean containsSurrogateStart(byte[] json) {
        for (int i = 0; i + 1 < json.length; i++) {
            if (json[i] == (byte) 0xED && (json[i + 1] & 0xE0) == 0xA0) {
                return true;
            }
        }
        return false;
    }

    /**
     * The document with {@code "name":value} added as the first (or last) field of the ({@code at} modulo their count)-th
     * object: when the object has the name already, one of the two values is a duplicate.
     */
    public static byte[] duplicate(byte[] json, int at, String name, JsonNode value, boolean first) {
        String text = new String(json, StandardCharsets.UTF_8);
        List<Integer> opens = new ArrayList<>();
        List<Integer> closes = new ArrayList<>();
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{') {
                opens.add(i);
            } else if (c == '}' && !text.substring(0, i).stripTrailing().endsWith("{")) {
                closes.add(i);
            }
        }
        String field = "\"" + name + "\":" + value;
        if (first) {
            int open = opens.get(at % opens.size());
            boolean empty = text.substring(open + 1).stripLeading().startsWith("}");
            return (text.substring(0, open + 1) + field + (empty ? "" : ",") + text.substring(open + 1))
                    .getBytes(StandardCharsets.UTF_8);
        }
        int close = closes.get(at % closes.size());
        return (text.substring(0, close) + "," + field + text.substring(close)).getBytes(StandardCharsets.UTF_8);
    }

    /** Replaces each {@link #SURROGATE_MARK} by {@code ED A0 80}, a UTF-8-encoded surrogate (invalid UTF-8). */
    public static byte[] withSurrogates(byte[] json) {
        byte[] mark = SURROGATE_MARK.getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length);
        for (int i = 0; i < json.length; i++) {
            if (i + mark.length <= json.length && Arrays.equals(json, i, i + mark.length, mark, 0, mark.length)) {
                out.write(0xED);
                out.write(0xA0);
                out.write(0x80);
                i += mark.length - 1;
            } else {
                out.write(json[i]);
            }
        }
        return out.toByteArray();
    }
}
