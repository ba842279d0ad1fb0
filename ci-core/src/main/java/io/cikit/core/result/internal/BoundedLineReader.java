package io.cikit.core.result.internal;

import java.io.IOException;
import java.io.Reader;
import org.jspecify.annotations.Nullable;

/**
 * Splits a character stream into lines on {@code \n}, dropping a trailing {@code \r}, and keeps at most
 * {@code maxLineChars} characters of any line (the rest of an overlong line is read and thrown away), so one line
 * without a terminator cannot exhaust the heap. Not thread-safe.
 */
public final class BoundedLineReader {
    private final Reader in;
    private final int maxLineChars;
    private final char[] buf = new char[8192];
    private int pos;
    private int len;
    private boolean eof;
    private final StringBuilder line = new StringBuilder();

    public BoundedLineReader(Reader in, int maxLineChars) {
        this.in = in;
        this.maxLineChars = maxLineChars;
    }

    /** The next line without its terminator, or null at end of input. */
    public @Nullable String next() throws IOException {
        line.setLength(0);
        boolean any = false;
        while (true) {
            if (pos >= len) {
                if (eof || !fill()) {
                    return any ? finish() : null;
                }
            }
            any = true;
            int start = pos;
            while (pos < len && buf[pos] != '\n') {
                pos++;
            }
            int room = maxLineChars - line.length();
            if (room > 0) {
                line.append(buf, start, Math.min(room, pos - start));
            }
            if (pos < len) {
                pos++;
                return finish();
            }
        }
    }

    private boolean fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            eof = true;
            return false;
        }
        pos = 0;
        len = n;
        return true;
    }

    private String finish() {
        int l = line.length();
        if (l > 0 && line.charAt(l - 1) == '\r') {
            line.setLength(l - 1);
        }
        return line.toString();
    }
}
