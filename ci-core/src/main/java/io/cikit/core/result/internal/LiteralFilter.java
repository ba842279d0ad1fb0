package io.cikit.core.result.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The cheap first look at every console line: finds the end of the line and, in the same pass, which of up to 64
 * literals occur in it. Each literal is anchored on its first four bytes; a rolling 32-bit window of the last four
 * bytes is hashed into a 64 Ki-entry table, and only a table hit (rare) compares bytes. A line with no hit never
 * becomes a {@code String}. Literals can be switched off and on (the table is rebuilt, which takes microseconds).
 *
 * <p>Not thread-safe: {@link #hits()} belongs to the last scan.
 */
public final class LiteralFilter {
    private static final int BITS = 16;
    private final byte[][] literals;
    private final int[] anchors;
    private final byte[] table = new byte[1 << BITS];
    private final int[][] buckets = new int[1 << BITS][];
    private long hits;

    public LiteralFilter(List<String> literals) {
        if (literals.size() > 64) {
            throw new IllegalArgumentException("at most 64 literals");
        }
        this.literals = new byte[literals.size()][];
        this.anchors = new int[literals.size()];
        for (int i = 0; i < literals.size(); i++) {
            byte[] b = literals.get(i).getBytes(StandardCharsets.UTF_8);
            if (b.length < 4) {
                throw new IllegalArgumentException("literal shorter than 4 bytes: " + literals.get(i));
            }
            this.literals[i] = b;
            this.anchors[i] = (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
        }
        enable(-1L >>> (64 - Math.max(1, literals.size())));
    }

    /** Looks only for the literals whose bit is set. */
    public void enable(long mask) {
        java.util.Arrays.fill(table, (byte) 0);
        java.util.Arrays.fill(buckets, null);
        for (int i = 0; i < literals.length; i++) {
            if ((mask & (1L << i)) == 0) {
                continue;
            }
            int slot = slot(anchors[i]);
            table[slot] = 1;
            int[] old = buckets[slot];
            int[] grown = old == null ? new int[1] : java.util.Arrays.copyOf(old, old.length + 1);
            grown[grown.length - 1] = i;
            buckets[slot] = grown;
        }
    }

    /**
     * Scans {@code b[from, to)} up to the first {@code \n}. Returns its index, or -1 when there is none; either way
     * {@link #hits()} then holds the literals found before it.
     */
    public int scanLine(byte[] b, int from, int to) {
        final byte[] t = table;
        int w = 0;
        long found = 0;
        for (int i = from; i < to; i++) {
            int c = b[i];
            if (c == '\n') {
                hits = found;
                return i;
            }
            w = (w << 8) | (c & 0xFF);
            if (t[slot(w)] != 0) {
                found |= verify(b, from, i - 3, to, w);
            }
        }
        hits = found;
        return -1;
    }

    /** The literals (bit i = literal i) found by the last {@link #scanLine}. */
    public long hits() {
        return hits;
    }

    private long verify(byte[] b, int lineStart, int start, int to, int window) {
        if (start < lineStart) {
            return 0;
        }
        long found = 0;
        for (int id : buckets[slot(window)]) {
            if (anchors[id] != window) {
                continue;
            }
            byte[] lit = literals[id];
            int end = start + lit.length;
            if (end > to) {
                continue;
            }
            boolean match = true;
            for (int k = 4; k < lit.length; k++) {
                if (b[start + k] != lit[k]) {
                    match = false;
                    break;
                }
            }
            if (match) {
                found |= 1L << id;
            }
        }
        return found;
    }

    private static int slot(int window) {
        return (window * 0x9E3779B1) >>> (32 - BITS);
    }
}
