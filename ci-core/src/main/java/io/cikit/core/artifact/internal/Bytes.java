package io.cikit.core.artifact.internal;

import java.nio.charset.StandardCharsets;

/** Bounds-checked reads of little- and big-endian fields from a byte buffer holding {@code len} valid bytes. */
final class Bytes {
    private Bytes() {
    }

    static boolean has(int len, long off, int n) {
        return off >= 0 && n >= 0 && off + n <= len;
    }

    static int u8(byte[] b, int off) {
        return b[off] & 0xFF;
    }

    static int u16le(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8;
    }

    static int u16be(byte[] b, int off) {
        return (b[off] & 0xFF) << 8 | (b[off + 1] & 0xFF);
    }

    static long u32le(byte[] b, int off) {
        return (u16le(b, off) | (long) u16le(b, off + 2) << 16) & 0xFFFF_FFFFL;
    }

    static long u32be(byte[] b, int off) {
        return ((long) u16be(b, off) << 16 | u16be(b, off + 2)) & 0xFFFF_FFFFL;
    }

    static long u64le(byte[] b, int off) {
        return u32le(b, off) | u32le(b, off + 4) << 32;
    }

    static long u64be(byte[] b, int off) {
        return u32be(b, off) << 32 | u32be(b, off + 4);
    }

    /** Whether {@code magic} sits at {@code off} within the first {@code len} bytes. */
    static boolean at(byte[] b, int len, int off, byte[] magic) {
        if (!has(len, off, magic.length)) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (b[off + i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    static boolean at(byte[] b, int len, int off, String asciiMagic) {
        return at(b, len, off, ascii(asciiMagic));
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** First index of {@code pattern} in {@code b[from, to)}, or -1. */
    static int indexOf(byte[] b, int from, int to, byte[] pattern) {
        int last = to - pattern.length;
        byte first = pattern[0];
        for (int i = Math.max(0, from); i <= last; i++) {
            if (b[i] != first) {
                continue;
            }
            int j = 1;
            while (j < pattern.length && b[i + j] == pattern[j]) {
                j++;
            }
            if (j == pattern.length) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The printable ASCII string at {@code off} up to a NUL (or {@code max} bytes, or the end of the valid bytes),
     * or null when it holds a non-printable byte before the NUL.
     */
    static String cstring(byte[] b, int len, int off, int max) {
        if (off < 0 || off >= len) {
            return null;
        }
        int end = off;
        int limit = (int) Math.min(len, (long) off + max);
        while (end < limit && b[end] != 0) {
            int c = b[end] & 0xFF;
            if (c < 0x20 || c > 0x7E) {
                return null;
            }
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.ISO_8859_1);
    }

    /** A NUL-padded ASCII field with trailing NULs removed, or null when not printable. */
    static String paddedAscii(byte[] b, int off, int n) {
        int end = off;
        while (end < off + n && b[end] != 0) {
            int c = b[end] & 0xFF;
            if (c < 0x20 || c > 0x7E) {
                return null;
            }
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.ISO_8859_1);
    }

    static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length * 2);
        for (byte x : b) {
            sb.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
        }
        return sb.toString();
    }
}
