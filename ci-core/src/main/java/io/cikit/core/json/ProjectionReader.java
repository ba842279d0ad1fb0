package io.cikit.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serial;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * One pass over a UTF-8 JSON document that checks everything {@link Json#read} would reject and builds the nodes of
 * the projected fields only. It accepts a strict subset of what Jackson accepts (RFC 8259 grammar, well-formed UTF-8
 * without surrogates or overlong forms, the limits measured in bytes, which are never fewer than characters) and
 * gives up, with {@link #read} answering null, on anything else, valid or not; the caller then reads the full tree,
 * which decides. So a tree from here is always the one a full read followed by the projection would give.
 *
 * <p>Why by hand: Jackson's tokenizer, even building nothing, was the larger part of a verified webhook read; this
 * scanner passes over strings and indentation eight bytes at a time and never decodes a name it does not keep.
 * Single use, not thread-safe; made per document.
 */
final class ProjectionReader {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH = 0x8080808080808080L;
    private static final long QUOTES = 0x2222222222222222L;
    private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;
    private static final long CONTROLS = 0x2020202020202020L;
    private static final long SPACES = 0x2020202020202020L;
    private static final int TRUE = 0x65757274; // "true", little-endian
    private static final int ALSE = 0x65736c61; // "alse"
    private static final int NULL = 0x6c6c756e; // "null"
    /** Containers a skip tracks in one long; deeper documents go to the full read. */
    private static final int MAX_SKIP_LEVELS = 63;
    private static final int ESCAPED = 1;
    private static final int NON_ASCII = 2;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final byte[] b;
    private final int n;
    private final int maxDepth;
    private final int maxString;
    private final int maxName;
    private final int maxNumber;
    /** What the last {@link #string} saw: {@link #ESCAPED}, {@link #NON_ASCII}. */
    private int flags;
    /** Where a node-building method stopped. */
    private int pos;

    private ProjectionReader(byte[] json, JsonLimits limits) {
        this.b = json;
        this.n = json.length;
        this.maxDepth = limits.maxNestingDepth();
        this.maxString = limits.maxStringLength();
        this.maxName = limits.maxNameLength();
        this.maxNumber = limits.maxNumberLength();
    }

    /** The projected tree, or null whenever the full read must decide. */
    static @Nullable ObjectNode read(JsonProjection projection, byte[] json, JsonLimits limits) {
        try {
            return new ProjectionReader(json, limits).document(projection);
        } catch (GiveUp e) {
            return null;
        }
    }

    private ObjectNode document(JsonProjection projection) {
        int i = startsWithBom() ? 3 : 0;
        i = ws(i);
        if (at(i) != '{' || maxDepth < 1) {
            throw GiveUp.INSTANCE;
        }
        pos = i + 1;
        ObjectNode root = object(projection, 1);
        if (ws(pos) != n) {
            throw GiveUp.INSTANCE;
        }
        return root;
    }

    private boolean startsWithBom() {
        return n >= 3 && b[0] == (byte) 0xEF && b[1] == (byte) 0xBB && b[2] == (byte) 0xBF;
    }

    // ---- building the kept part; recursion is as deep as the projection, never as the document

    /** The object whose '{' ends just before {@link #pos}, at nesting depth {@code depth}. */
    private ObjectNode object(JsonProjection projection, int depth) {
        ObjectNode node = NODES.objectNode();
        int i = ws(pos);
        byte c = at(i);
        if (c == '}') {
            pos = i + 1;
            return node;
        }
        for (;;) {
            if (c != '"') {
                throw GiveUp.INSTANCE;
            }
            int start = i + 1;
            i = name(start);
            int field = flags == 0 ? projection.fieldIndex(b, start, i - 1) : projection.fieldIndex(decode(start, i - 1));
            i = ws(i);
            if (at(i) != ':') {
                throw GiveUp.INSTANCE;
            }
            i = ws(i + 1);
            if (field < 0) {
                i = skip(i, depth);
            } else {
                pos = i;
                node.replace(projection.fieldName(field), value(projection.fieldProjection(field), depth));
                i = pos;
            }
            i = ws(i);
            c = at(i);
            if (c == '}') {
                pos = i + 1;
                return node;
            }
            if (c != ',') {
                throw GiveUp.INSTANCE;
            }
            i = ws(i + 1);
            c = at(i);
        }
    }

    private ArrayNode array(JsonProjection each, int depth) {
        ArrayNode node = NODES.arrayNode();
        int i = ws(pos);
        if (at(i) == ']') {
            pos = i + 1;
            return node;
        }
        for (;;) {
            pos = i;
            node.add(value(each, depth));
            i = ws(pos);
            byte c = at(i);
            if (c == ']') {
                pos = i + 1;
                return node;
            }
            if (c != ',') {
                throw GiveUp.INSTANCE;
            }
            i = ws(i + 1);
        }
    }

    /** The value starting at {@link #pos}, inside a container at depth {@code depth}, as far as the projection looks. */
    private JsonNode value(JsonProjection projection, int depth) {
        int i = pos;
        byte c = at(i);
        switch (c) {
            case '{':
                if (!projection.looksIntoObjects()) {
                    pos = skip(i, depth);
                    return NODES.objectNode();
                }
                if (depth + 1 > maxDepth) {
                    throw GiveUp.INSTANCE;
                }
                pos = i + 1;
                return object(projection, depth + 1);
            case '[':
                JsonProjection each = projection.elementProjection();
                if (each == null) {
                    pos = skip(i, depth);
                    return NODES.arrayNode();
                }
                if (depth + 1 > maxDepth) {
                    throw GiveUp.INSTANCE;
                }
                pos = i + 1;
                return array(each, depth + 1);
            case '"': {
                int end = string(i + 1);
                if (end - i - 2 > maxString) {
                    throw GiveUp.INSTANCE;
                }
                pos = end;
                return NODES.textNode(flags == 0 ? new String(b, i + 1, end - i - 2, StandardCharsets.ISO_8859_1)
                        : decode(i + 1, end - 1));
            }
            case 't':
                pos = literal(i);
                return NODES.booleanNode(true);
            case 'f':
                pos = literal(i);
                return NODES.booleanNode(false);
            case 'n':
                pos = literal(i);
                return NODES.nullNode();
            default:
                int end = number(i);
                pos = end;
                return numberNode(i, end);
        }
    }

    /** The node Jackson's tree reader makes of a number: int, long or big integer when integral, else a double. */
    private JsonNode numberNode(int from, int to) {
        boolean integral = true;
        for (int k = from; k < to; k++) {
            byte c = b[k];
            if (c == '.' || c == 'e' || c == 'E') {
                integral = false;
                break;
            }
        }
        String text = new String(b, from, to - from, StandardCharsets.ISO_8859_1);
        if (!integral) {
            return NODES.numberNode(Double.parseDouble(text));
        }
        int digits = to - from - (b[from] == '-' ? 1 : 0);
        if (digits <= 18) {
            long value = Long.parseLong(text);
            return value == (int) value ? NODES.numberNode((int) value) : NODES.numberNode(value);
        }
        BigInteger big = new BigInteger(text);
        return big.bitLength() < Long.SIZE ? NODES.numberNode(big.longValue()) : NODES.numberNode(big);
    }

    // ---- checking what is not kept

    /** Passes over the value at {@code i} (inside a container at depth {@code depth}) and answers where it ends. */
    private int skip(int i, int depth) {
        byte c = at(i);
        return c == '{' || c == '[' ? skipContainer(i, depth) : scalar(i, c);
    }

    /**
     * Passes over the container opening at {@code start} without recursion: one bit per open container says whether
     * it is an object, so the closing bracket and what follows a comma can be checked.
     */
    private int skipContainer(int start, int depth) {
        long objects = 0;
        int level = 0;
        boolean object = false;
        int i = start;
        byte c = b[i];
        for (;;) {
            // here c, at i, starts a value
            if (c == '{' || c == '[') {
                object = c == '{';
                level++;
                if (level > MAX_SKIP_LEVELS || depth + level > maxDepth) {
                    throw GiveUp.INSTANCE;
                }
                objects = objects << 1 | (object ? 1 : 0);
                i = ws(i + 1);
                c = at(i);
                if (c != (object ? '}' : ']')) {
                    if (object) {
                        i = nameAndColon(i, c);
                        c = at(i);
                    }
                    continue;
                }
            } else {
                i = ws(scalar(i, c));
                c = at(i);
            }
            // here c, at i, follows a value or is the closer of an empty container
            for (;;) {
                if (c == ',') {
                    i = ws(i + 1);
                    c = at(i);
                    if (object) {
                        i = nameAndColon(i, c);
                        c = at(i);
                    }
                    break;
                }
                if (c != (object ? '}' : ']')) {
                    throw GiveUp.INSTANCE;
                }
                i++;
                if (--level == 0) {
                    return i;
                }
                objects >>>= 1;
                object = (objects & 1) != 0;
                i = ws(i);
                c = at(i);
            }
        }
    }

    private int nameAndColon(int i, byte c) {
        if (c != '"') {
            throw GiveUp.INSTANCE;
        }
        int end = ws(name(i + 1));
        if (at(end) != ':') {
            throw GiveUp.INSTANCE;
        }
        return ws(end + 1);
    }

    /** A string, number or literal at {@code i}; where it ends. */
    private int scalar(int i, byte c) {
        switch (c) {
            case '"': {
                int end = string(i + 1);
                if (end - i - 2 > maxString) {
                    throw GiveUp.INSTANCE;
                }
                return end;
            }
            case 't':
            case 'f':
            case 'n':
                return literal(i);
            default:
                return number(i);
        }
    }

    private int name(int from) {
        int end = string(from);
        if (end - from - 1 > maxName) {
            throw GiveUp.INSTANCE;
        }
        return end;
    }

    // ---- tokens

    /**
     * The end (past the closing quote) of the string whose content starts at {@code i}; sets {@link #flags}. Eight
     * bytes at a time while none is a quote, a backslash, a control character or non-ASCII (see {@link #special}).
     */
    private int string(int i) {
        int seen = 0;
        for (;;) {
            while (i + Long.BYTES <= n) {
                long hits = special((long) LONGS.get(b, i));
                if (hits != 0) {
                    i += Long.numberOfTrailingZeros(hits) >>> 3;
                    break;
                }
                i += Long.BYTES;
            }
            if (i >= n) {
                throw GiveUp.INSTANCE;
            }
            byte c = b[i];
            if (c == '"') {
                flags = seen;
                return i + 1;
            }
            if (c == '\\') {
                seen |= ESCAPED;
                i = escape(i + 1);
            } else if (c < 0) {
                seen |= NON_ASCII;
                i = utf8(i);
            } else if (c < 0x20) {
                throw GiveUp.INSTANCE;
            } else {
                i++;
            }
        }
    }

    /**
     * The high bit of the lowest byte of {@code w} that is a quote, a backslash, a control character or non-ASCII, and
     * maybe of bytes above it; zero when there is none. A subtraction borrows out of a byte only when that byte is
     * one sought (equal to the quote or backslash, or below 0x20), so no false flag lies below a true one. Without a
     * borrow, a high bit comes out only from a non-ASCII byte, and every non-ASCII byte sets one: 0x80-0x9F through
     * the quote term (they become 0xA0-0xBF), 0xA0-0xFF through the control term. So the usual {@code & ~x} of the
     * "has a zero byte" trick is not needed. A property test holds this to a byte-by-byte check.
     */
    static long special(long w) {
        return ((w ^ QUOTES) - ONES | (w ^ BACKSLASHES) - ONES | w - CONTROLS) & HIGH;
    }

    private int escape(int i) {
        switch (at(i)) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
                return i + 1;
            case 'u':
                if (i + 4 >= n) {
                    throw GiveUp.INSTANCE;
                }
                for (int k = i + 1; k <= i + 4; k++) {
                    hex(b[k]);
                }
                return i + 5;
            default:
                throw GiveUp.INSTANCE;
        }
    }

    /** One well-formed UTF-8 sequence starting at {@code i} (no overlong forms, no surrogates, at most U+10FFFF). */
    private int utf8(int i) {
        int lead = b[i] & 0xFF;
        int second = at(i + 1) & 0xFF;
        if (lead < 0xC2) {
            throw GiveUp.INSTANCE;
        }
        if (lead < 0xE0) {
            continuation(i + 1);
            return i + 2;
        }
        if (lead < 0xF0) {
            if (lead == 0xE0 && second < 0xA0 || lead == 0xED && second >= 0xA0) {
                throw GiveUp.INSTANCE;
            }
            continuation(i + 1);
            continuation(i + 2);
            return i + 3;
        }
        if (lead > 0xF4 || lead == 0xF0 && second < 0x90 || lead == 0xF4 && second >= 0x90) {
            throw GiveUp.INSTANCE;
        }
        continuation(i + 1);
        continuation(i + 2);
        continuation(i + 3);
        return i + 4;
    }

    private void continuation(int i) {
        if ((at(i) & 0xC0) != 0x80) {
            throw GiveUp.INSTANCE;
        }
    }

    private int literal(int i) {
        if (i + Integer.BYTES <= n) {
            int word = (int) INTS.get(b, i);
            if (word == TRUE || word == NULL) {
                return i + 4;
            }
            if (b[i] == 'f' && i + 5 <= n && (int) INTS.get(b, i + 1) == ALSE) {
                return i + 5;
            }
        }
        throw GiveUp.INSTANCE;
    }

    /** {@code -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?}, no longer than the limit. */
    private int number(int start) {
        int i = start;
        if (at(i) == '-') {
            i++;
        }
        byte c = at(i);
        if (c == '0') {
            i++;
        } else if (c >= '1' && c <= '9') {
            i = digits(i + 1);
        } else {
            throw GiveUp.INSTANCE;
        }
        if (at(i) == '.') {
            i = atLeastOneDigit(i + 1);
        }
        c = at(i);
        if (c == 'e' || c == 'E') {
            c = at(++i);
            if (c == '+' || c == '-') {
                i++;
            }
            i = atLeastOneDigit(i);
        }
        if (i - start > maxNumber) {
            throw GiveUp.INSTANCE;
        }
        return i;
    }

    private int atLeastOneDigit(int i) {
        byte c = at(i);
        if (c < '0' || c > '9') {
            throw GiveUp.INSTANCE;
        }
        return digits(i + 1);
    }

    private int digits(int i) {
        while (i < n && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        return i;
    }

    /** The first byte at or after {@code i} that is not JSON whitespace. */
    private int ws(int i) {
        if (i < n) {
            byte c = b[i];
            // compact documents: nothing to skip; indented ones: one space after every colon
            if (c > ' ') {
                return i;
            }
            if (c == ' ' && i + 1 < n && b[i + 1] > ' ') {
                return i + 1;
            }
        }
        return whitespace(i);
    }

    /** Indentation: runs of spaces eight bytes at a time (the first byte that is not a space ends the run exactly). */
    private int whitespace(int i) {
        for (;;) {
            byte c = at(i);
            if (c == ' ') {
                if (i + Long.BYTES <= n) {
                    long other = (long) LONGS.get(b, i) ^ SPACES;
                    i += other == 0 ? Long.BYTES : Long.numberOfTrailingZeros(other) >>> 3;
                } else {
                    i++;
                }
            } else if (c == '\n' || c == '\t' || c == '\r') {
                i++;
            } else {
                return i;
            }
        }
    }

    /** The byte at {@code i}, or 0 past the end: no rule of the grammar accepts a 0 byte, so running out fails there. */
    private byte at(int i) {
        return i < n ? b[i] : 0;
    }

    // ---- decoding the strings that are kept

    /** The text of a checked string's content {@code [from, to)} holding escapes or non-ASCII bytes. */
    private String decode(int from, int to) {
        StringBuilder text = new StringBuilder(to - from);
        int run = from;
        int i = from;
        while (i < to) {
            if (b[i] != '\\') {
                i++;
                continue;
            }
            text.append(new String(b, run, i - run, StandardCharsets.UTF_8));
            byte c = b[i + 1];
            switch (c) {
                case 'b' -> text.append('\b');
                case 'f' -> text.append('\f');
                case 'n' -> text.append('\n');
                case 'r' -> text.append('\r');
                case 't' -> text.append('\t');
                case 'u' -> text.append((char) (hex(b[i + 2]) << 12 | hex(b[i + 3]) << 8 | hex(b[i + 4]) << 4 | hex(b[i + 5])));
                default -> text.append((char) c);
            }
            i += c == 'u' ? 6 : 2;
            run = i;
        }
        return text.append(new String(b, run, to - run, StandardCharsets.UTF_8)).toString();
    }

    private static int hex(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        throw GiveUp.INSTANCE;
    }

    /** The scanner cannot vouch for the document; thrown once, caught in {@link #read}, never seen outside. */
    private static final class GiveUp extends RuntimeException {
        @Serial
        private static final long serialVersionUID = 1L;
        static final GiveUp INSTANCE = new GiveUp();

        private GiveUp() {
            super("not read by the projection", null, false, false);
        }
    }
}
