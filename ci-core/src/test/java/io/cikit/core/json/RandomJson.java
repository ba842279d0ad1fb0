package io.cikit.core.json;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/**
 * Well-formed JSON object documents from a seed, in every style a sender might use (compact or indented, escapes,
 * non-ASCII text, every kind of number), with names that a test projection keeps or skips, and byte-level mutations
 * of them that aim at what a reader must check.
 */
final class RandomJson {
    private static final String[] NAMES = {"ref", "n", "sender", "login", "name", "labels", "added", "id", "x", "",
        "r\\u0065f", "caf\u00e9", "\uD83D\uDE80", "a\\\"b", "head_commit_sha", "head_commit_shb", "head_commit_sh", "compare_url",
        "compare_urL", "head_commit_sh\\u0061"};
    private static final String[] TEXTS = {"", "main", "refs/heads/main", "caf\u00e9", "\u5f20\u4e09", "\uD83D\uDE80 ok",
        "a\\\"b", "tab\\there", "\\u00e9\\uD83D\\uDE80", "\\uDC00", "\\/\\\\\\b\\f\\n\\r",
        "https://api.github.com/repos/octo/hello/compare/{base}...{head}", "\u007f", "twelve bytes"};
    private static final String[] NUMBERS = {"0", "-0", "7", "-12", "2147483647", "2147483648", "-2147483649",
        "9223372036854775807", "9223372036854775808", "123456789012345678901234567890", "1.5", "-0.0", "1e3", "1E+3",
        "2.5e-3", "1e400", "0.1"};
    private static final byte[] HOSTILE = {'"', '\\', '{', '}', '[', ']', ',', ':', '0', '-', '.', 'e', 'u', 't', 'n',
        ' ', '\n', 0x00, 0x1F, 0x7F, (byte) 0x80, (byte) 0xBF, (byte) 0xC0, (byte) 0xC3, (byte) 0xE0, (byte) 0xED,
        (byte) 0xA0, (byte) 0xF0, (byte) 0xF4, (byte) 0x90, (byte) 0xFF};

    private final Random random;
    private final StringBuilder out = new StringBuilder();
    private boolean indent;

    RandomJson(long seed) {
        this.random = new Random(seed);
    }

    /** A well-formed document whose root is an object. */
    byte[] document() {
        out.setLength(0);
        indent = random.nextBoolean();
        if (random.nextInt(20) == 0) {
            out.append('\uFEFF');
        }
        space(0);
        object(0);
        space(0);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The document with one to three bytes replaced, inserted or removed, or cut short. */
    byte[] mutate(byte[] document) {
        byte[] bytes = document;
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && bytes.length > 0; e++) {
            int at = random.nextInt(bytes.length);
            byte b = HOSTILE[random.nextInt(HOSTILE.length)];
            switch (random.nextInt(4)) {
                case 0 -> {
                    bytes = bytes.clone();
                    bytes[at] = b;
                }
                case 1 -> {
                    byte[] longer = new byte[bytes.length + 1];
                    System.arraycopy(bytes, 0, longer, 0, at);
                    longer[at] = b;
                    System.arraycopy(bytes, at, longer, at + 1, bytes.length - at);
                    bytes = longer;
                }
                case 2 -> {
                    ByteArrayOutputStream shorter = new ByteArrayOutputStream();
                    shorter.write(bytes, 0, at);
                    shorter.write(bytes, at + 1, bytes.length - at - 1);
                    bytes = shorter.toByteArray();
                }
                default -> bytes = Arrays.copyOf(bytes, at);
            }
        }
        return bytes;
    }

    private void object(int depth) {
        out.append('{');
        int size = depth > 3 ? random.nextInt(2) : random.nextInt(5);
        for (int k = 0; k < size; k++) {
            if (k > 0) {
                out.append(',');
            }
            space(depth + 1);
            out.append('"').append(NAMES[random.nextInt(NAMES.length)]).append('"');
            if (!indent && random.nextInt(4) == 0) {
                out.append(' ');
            }
            out.append(':');
            if (indent || random.nextInt(4) == 0) {
                out.append(' ');
            }
            value(depth + 1);
        }
        if (size > 0) {
            space(depth);
        }
        out.append('}');
    }

    private void array(int depth) {
        out.append('[');
        int size = depth > 3 ? random.nextInt(2) : random.nextInt(5);
        for (int k = 0; k < size; k++) {
            if (k > 0) {
                out.append(',');
            }
            space(depth + 1);
            value(depth + 1);
        }
        if (size > 0) {
            space(depth);
        }
        out.append(']');
    }

    private void value(int depth) {
        switch (random.nextInt(depth > 5 ? 4 : 6)) {
            case 0 -> out.append('"').append(TEXTS[random.nextInt(TEXTS.length)]).append('"');
            case 1 -> out.append(NUMBERS[random.nextInt(NUMBERS.length)]);
            case 2 -> out.append(new String[] {"true", "false", "null"}[random.nextInt(3)]);
            case 3 -> out.append('"').append("x".repeat(random.nextInt(30))).append('"');
            case 4 -> object(depth);
            default -> array(depth);
        }
    }

    private void space(int depth) {
        if (indent) {
            out.append(random.nextInt(10) == 0 ? "\r\n" : "\n").append(random.nextInt(10) == 0 ? "\t" : "  ".repeat(depth));
        } else if (random.nextInt(8) == 0) {
            out.append(' ');
        }
    }
}
