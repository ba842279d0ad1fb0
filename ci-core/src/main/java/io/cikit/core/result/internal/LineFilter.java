package io.cikit.core.result.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The cheap first look at every console line, so ordinary lines are never decoded. Three tools:
 * <ul>
 *   <li>{@link #findNewline}: eight bytes at a time (SWAR), not one;</li>
 *   <li>"anywhere" literals, at least {@value #MIN_ANYWHERE} bytes long: only every {@value #STEP}th position of a
 *       line is looked at. Each literal registers its 4-byte windows at offsets 0 to {@value #STEP}-1 in a 64 Ki
 *       hash table, so any occurrence puts exactly one registered window on a sampled position; a table hit (rare)
 *       then compares the bytes;</li>
 *   <li>"start" literals (short tokens like {@code BUG:}) compared only where the message begins, after console
 *       prefixes and blanks.</li>
 * </ul>
 * Literals can be switched off and on ({@link #enable}; the table is rebuilt, which takes microseconds).
 * Not thread-safe.
 */
public final class LineFilter {
    static final int MIN_ANYWHERE = 8;
    static final int STEP = MIN_ANYWHERE - 3;
    private static final int BITS = 16;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[][] literals;
    private final boolean[] atStart;
    private final byte[] table = new byte[1 << BITS];
    /** Per slot: pairs of (literal id, offset of the registered window in the literal). */
    private final int[][] buckets = new int[1 << BITS][];
    private int[] startIds = new int[0];
    /** First bytes of the enabled start literals: most messages are rejected on their first byte. */
    private final boolean[] startFirst = new boolean[256];

    /** Literal ids are their positions: {@code anywhere} first, then {@code start}. At most 64 in all. */
    public LineFilter(List<String> anywhere, List<String> start) {
        int n = anywhere.size() + start.size();
        if (n > 64) {
            throw new IllegalArgumentException("at most 64 literals");
        }
        literals = new byte[n][];
        atStart = new boolean[n];
        for (int i = 0; i < n; i++) {
            boolean s = i >= anywhere.size();
            String lit = s ? start.get(i - anywhere.size()) : anywhere.get(i);
            literals[i] = lit.getBytes(StandardCharsets.UTF_8);
            atStart[i] = s;
            if (!s && literals[i].length < MIN_ANYWHERE) {
                throw new IllegalArgumentException("anywhere literal shorter than " + MIN_ANYWHERE + " bytes: " + lit);
            }
            if (s && literals[i].length == 0) {
                throw new IllegalArgumentException("empty literal");
            }
        }
        enable(n == 64 ? -1L : (1L << n) - 1);
    }

    /** Looks only for the literals whose bit is set. */
    public void enable(long mask) {
        Arrays.fill(table, (byte) 0);
        Arrays.fill(buckets, null);
        int[] starts = new int[literals.length];
        int ns = 0;
        for (int id = 0; id < literals.length; id++) {
            if ((mask & (1L << id)) == 0) {
                continue;
            }
            if (atStart[id]) {
                starts[ns++] = id;
                continue;
            }
            for (int off = 0; off < STEP; off++) {
                int slot = slot((int) INTS.get(literals[id], off));
                table[slot] = 1;
                int[] old = buckets[slot];
                int[] grown = old == null ? new int[2] : Arrays.copyOf(old, old.length + 2);
                grown[grown.length - 2] = id;
                grown[grown.length - 1] = off;
                buckets[slot] = grown;
            }
        }
        startIds = Arrays.copyOf(starts, ns);
        Arrays.fill(startFirst, false);
        for (int id : startIds) {
            startFirst[literals[id][0] & 0xFF] = true;
        }
    }

    /** The index of the first {@code \n} in {@code b[from, to)}, or -1. */
    public static int findNewline(byte[] b, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long v = (long) LONGS.get(b, i) ^ 0x0A0A0A0A0A0A0A0AL;
            long zero = (v - 0x0101010101010101L) & ~v & 0x8080808080808080L;
            if (zero != 0) {
                // the lowest flagged byte is exact; borrows can only flag bytes above it
                return i + (Long.numberOfTrailingZeros(zero) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** The enabled literals (bit i = literal i) found in the line {@code b[from, to)}. */
    public long scan(byte[] b, int from, int to) {
        long found = 0;
        final byte[] t = table;
        for (int p = from; p + 4 <= to; p += STEP) {
            int w = (int) INTS.get(b, p);
            if (t[slot(w)] != 0) {
                found |= verify(b, from, to, p, w);
            }
        }
        if (startIds.length > 0) {
            int m = messageStart(b, from, to);
            if (m >= to || !startFirst[b[m] & 0xFF]) {
                return found;
            }
            for (int id : startIds) {
                if (regionMatches(b, m, to, literals[id])) {
                    found |= 1L << id;
                }
            }
        }
        return found;
    }

    /** Where the message starts: after console prefixes ({@link ConsolePrefix}) and blanks. */
    static int messageStart(byte[] b, int from, int to) {
        int m = from + ConsolePrefix.end(b, from, to);
        while (m < to && (b[m] == ' ' || b[m] == '\t')) {
            m++;
        }
        return m;
    }

    private long verify(byte[] b, int from, int to, int p, int window) {
        long found = 0;
        int[] bucket = buckets[slot(window)];
        for (int k = 0; k < bucket.length; k += 2) {
            int id = bucket[k];
            int start = p - bucket[k + 1];
            if (start >= from && regionMatches(b, start, to, literals[id])) {
                found |= 1L << id;
            }
        }
        return found;
    }

    private static boolean regionMatches(byte[] b, int at, int to, byte[] lit) {
        if (at + lit.length > to) {
            return false;
        }
        for (int k = 0; k < lit.length; k++) {
            if (b[at + k] != lit[k]) {
                return false;
            }
        }
        return true;
    }

    private static int slot(int window) {
        return (window * 0x9E3779B1) >>> (32 - BITS);
    }
}
