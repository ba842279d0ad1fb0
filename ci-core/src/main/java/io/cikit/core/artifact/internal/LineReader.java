package io.cikit.core.artifact.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads text lines from a stream with a bounded line length; longer lines are skipped, not kept. */
final class LineReader {
    private final InputStream in;
    private final byte[] buf = new byte[64 * 1024];
    private final byte[] line;
    private int pos;
    private int len;
    private boolean eof;

    LineReader(InputStream in, int maxLineBytes) {
        this.in = in;
        this.line = new byte[maxLineBytes];
    }

    /** The next line without its terminator, or null at the end; over-long lines are returned as "". */
    String next() throws IOException {
        int n = 0;
        boolean overflow = false;
        boolean any = false;
        while (true) {
            if (pos == len) {
                if (eof) {
                    break;
                }
                len = in.read(buf, 0, buf.length);
                pos = 0;
                if (len < 0) {
                    len = 0;
                    eof = true;
                    break;
                }
                continue;
            }
            any = true;
            byte c = buf[pos++];
            if (c == '\n') {
                break;
            }
            if (n < line.length) {
                line[n++] = c;
            } else {
                overflow = true;
            }
        }
        if (!any) {
            return null;
        }
        if (overflow) {
            return "";
        }
        if (n > 0 && line[n - 1] == '\r') {
            n--;
        }
        return new String(line, 0, n, StandardCharsets.UTF_8);
    }
}
