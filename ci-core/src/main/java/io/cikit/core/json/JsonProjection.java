package io.cikit.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The parts of a JSON document a mapping reads, and a reader that builds a tree of only those parts: the same tree
 * {@link Json#read} would give, with everything else left out. Reading still checks the whole document (so malformed
 * JSON and the {@link JsonLimits} are caught as before) but passes over what is not wanted without decoding it.
 *
 * <p>Inside the kept tree, a value is kept as read when it is a scalar; an object keeps only the fields named here
 * (each read with its own projection); an array keeps its elements only when the projection says how to read them.
 * A container the projection does not look into is kept as an empty container of the same kind, so a mapping that
 * asks "is it an object?" gets the same answer. Duplicate names keep the last value, as {@link Json#read} does.
 *
 * <p>{@link #read} answers empty, never throws, whenever it cannot vouch that the result is what a full read would
 * give: the document is malformed or over a limit, its root is not an object, it is not UTF-8 (or holds an encoded
 * surrogate or an overlong form), or it is valid but unusual (nested over 63 levels below a skipped field; a name or
 * string within its limit in characters but over it in bytes; a number within the limit as Jackson counts its digits
 * but over it as a whole token). The caller then reads the full tree, which fails, or
 * succeeds, exactly as it always did. Immutable and thread-safe.
 *
 * <p>For webhook parsers whose frequent, large events are mapped from a few fields: build one projection per event
 * next to the mapping code (a field the mapping reads but the projection omits reads as absent, so compare both
 * paths in a test), map {@link #read}'s tree when present, else {@link Json#read} the body, and give the event a
 * {@link io.cikit.core.event.RawPayload#lazy lazy} raw payload.
 */
public final class JsonProjection {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** Scalars as they are; containers left empty. */
    public static final JsonProjection SCALAR = new JsonProjection(Map.of(), null);

    // never changed after construction: what with() copies and applyTo() walks
    private final Map<String, JsonProjection> fields;
    private final @Nullable JsonProjection elements;
    // the same fields for look-ups by undecoded bytes: bucketed by the name's length in bytes
    private final String[] names;
    private final byte[][] nameBytes;
    private final JsonProjection[] children;
    private final int[][] byLength;
    private final long[] heads;

    private JsonProjection(Map<String, JsonProjection> fields, @Nullable JsonProjection elements) {
        this.fields = fields;
        this.elements = elements;
        int count = fields.size();
        this.names = new String[count];
        this.nameBytes = new byte[count][];
        this.children = new JsonProjection[count];
        int longest = 0;
        Iterator<Map.Entry<String, JsonProjection>> entries = fields.entrySet().iterator();
        for (int k = 0; k < count; k++) {
            Map.Entry<String, JsonProjection> entry = entries.next();
            names[k] = entry.getKey();
            nameBytes[k] = entry.getKey().getBytes(StandardCharsets.UTF_8);
            children[k] = entry.getValue();
            longest = Math.max(longest, nameBytes[k].length);
        }
        this.byLength = new int[longest + 1][];
        this.heads = new long[count];
        for (int k = 0; k < count; k++) {
            int[] bucket = byLength[nameBytes[k].length];
            int[] grown = bucket == null ? new int[1] : Arrays.copyOf(bucket, bucket.length + 1);
            grown[grown.length - 1] = k;
            byte[] padded = Arrays.copyOf(nameBytes[k], Math.max(Long.BYTES, nameBytes[k].length));
            heads[k] = (long) LONGS.get(padded, 0) & headMask(nameBytes[k].length);
            byLength[nameBytes[k].length] = grown;
        }
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
     * The projected tree of a JSON object document, read with the given limits; empty whenever the full tree must be
     * read instead (see the class comment). Never throws.
     */
    public Optional<ObjectNode> read(byte[] json, JsonLimits limits) {
        return Optional.ofNullable(ProjectionReader.read(this, Objects.requireNonNull(json, "json"),
                Objects.requireNonNull(limits, "limits")));
    }

    /** What this projection keeps of a tree already read in full: the tree {@link #read} gives for the same document. */
    JsonNode applyTo(JsonNode node) {
        if (node.isObject()) {
            ObjectNode kept = JsonNodeFactory.instance.objectNode();
            fields.forEach((name, child) -> {
                JsonNode value = node.get(name);
                if (value != null) {
                    kept.set(name, child.applyTo(value));
                }
            });
            return kept;
        }
        if (node.isArray()) {
            ArrayNode kept = JsonNodeFactory.instance.arrayNode();
            if (elements != null) {
                node.forEach(element -> kept.add(elements.applyTo(element)));
            }
            return kept;
        }
        return node;
    }

    boolean looksIntoObjects() {
        return !fields.isEmpty();
    }

    @Nullable JsonProjection elementProjection() {
        return elements;
    }

    /** The index of the field whose UTF-8 name is {@code bytes[from, to)}, or -1. */
    int fieldIndex(byte[] bytes, int from, int to) {
        int length = to - from;
        if (length >= byLength.length) {
            return -1;
        }
        int[] bucket = byLength[length];
        if (bucket == null) {
            return -1;
        }
        if (from + Long.BYTES > bytes.length) {
            return slowIndex(bytes, from, to, bucket);
        }
        // names are compared by their first eight bytes in one step (a short name's word reaches past its closing quote)
        long head = (long) LONGS.get(bytes, from) & headMask(length);
        for (int k : bucket) {
            if (heads[k] == head && tailEquals(nameBytes[k], bytes, from)) {
                return k;
            }
        }
        return -1;
    }

    /** Whether the name's bytes past its first word equal those at {@code from}; names are short, so byte by byte. */
    private static boolean tailEquals(byte[] name, byte[] bytes, int from) {
        for (int k = Long.BYTES; k < name.length; k++) {
            if (name[k] != bytes[from + k]) {
                return false;
            }
        }
        return true;
    }

    private int slowIndex(byte[] bytes, int from, int to, int[] bucket) {
        for (int k : bucket) {
            if (Arrays.equals(nameBytes[k], 0, to - from, bytes, from, to)) {
                return k;
            }
        }
        return -1;
    }

    private static long headMask(int length) {
        return length >= Long.BYTES ? -1L : (1L << (length * Byte.SIZE)) - 1;
    }

    /** The index of the field with this name, or -1. */
    int fieldIndex(String name) {
        for (int k = 0; k < names.length; k++) {
            if (names[k].equals(name)) {
                return k;
            }
        }
        return -1;
    }

    String fieldName(int index) {
        return names[index];
    }

    JsonProjection fieldProjection(int index) {
        return children[index];
    }
}
