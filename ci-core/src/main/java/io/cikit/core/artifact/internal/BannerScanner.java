package io.cikit.core.artifact.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a marker string followed by a kernel release in a stream of bytes, across chunk boundaries, keeping a
 * bounded window: the kernel's {@code Linux version <release> (<user>@<host>) …} banner, or a module's
 * {@code vermagic=<release> …}. Format strings such as {@code Linux version %s} do not count.
 */
final class BannerScanner {
    private static final int TAIL = 320;
    private static final int CHUNK = 64 * 1024;
    private static final Pattern BANNER_RELEASE = Pattern.compile("^(\\d+\\.\\d+[^\\s()%]*) \\(");
    private static final Pattern VERMAGIC_RELEASE = Pattern.compile("^(\\d+\\.\\d+[^\\s()%]*)( |$)");

    private final byte[] marker;
    private final Pattern release;

    private BannerScanner(String marker, Pattern release) {
        this.marker = marker.getBytes(StandardCharsets.US_ASCII);
        this.release = release;
        this.buf = new byte[CHUNK + this.marker.length + TAIL];
    }

    /** Looks for {@code Linux version <release> (}. */
    static BannerScanner linuxBanner() {
        return new BannerScanner("Linux version ", BANNER_RELEASE);
    }

    /** Looks for a module's {@code vermagic=<release> }. */
    static BannerScanner vermagic() {
        return new BannerScanner("vermagic=", VERMAGIC_RELEASE);
    }

    /** A banner found: the release and the whole banner line. */
    record Banner(String release, String line) {
    }

    private final byte[] buf;
    private int filled;
    private Banner found;

    /** Feeds bytes; returns true once a banner has been found (further input is ignored). */
    boolean feed(byte[] b, int off, int len) {
        while (len > 0 && found == null) {
            int n = Math.min(len, buf.length - filled);
            System.arraycopy(b, off, buf, filled, n);
            filled += n;
            off += n;
            len -= n;
            scan(false);
        }
        return found != null;
    }

    /** Ends the input; returns the banner, if any. */
    Optional<Banner> finish() {
        if (found == null) {
            scan(true);
        }
        return Optional.ofNullable(found);
    }

    Optional<Banner> found() {
        return Optional.ofNullable(found);
    }

    /** Reads {@code in} to the end or until a banner appears. */
    Optional<Banner> scan(InputStream in) throws IOException {
        byte[] chunk = new byte[CHUNK];
        int n;
        while ((n = in.read(chunk, 0, chunk.length)) >= 0) {
            if (feed(chunk, 0, n)) {
                return found();
            }
        }
        return finish();
    }

    private void scan(boolean atEnd) {
        int i = 0;
        while (true) {
            int hit = Bytes.indexOf(buf, i, filled, marker);
            if (hit < 0) {
                break;
            }
            int start = hit + marker.length;
            if (!atEnd && filled - start < TAIL && !terminated(start)) {
                // the banner may continue in the next chunk: keep it and look again then
                compact(hit);
                return;
            }
            Banner b = parse(start);
            if (b != null) {
                found = b;
                return;
            }
            i = hit + 1;
        }
        if (!atEnd) {
            // the last bytes may start a match that the next chunk completes
            compact(Math.max(0, filled - (marker.length - 1)));
        }
    }

    private void compact(int from) {
        System.arraycopy(buf, from, buf, 0, filled - from);
        filled -= from;
    }

    private boolean terminated(int start) {
        for (int j = start; j < filled; j++) {
            if (buf[j] == 0 || buf[j] == '\n') {
                return true;
            }
        }
        return false;
    }

    private Banner parse(int start) {
        int end = start;
        int limit = Math.min(filled, start + TAIL);
        while (end < limit && buf[end] != 0 && buf[end] != '\n') {
            int c = buf[end] & 0xFF;
            if (c < 0x20 || c > 0x7E) {
                return null;
            }
            end++;
        }
        String rest = new String(buf, start, end - start, StandardCharsets.US_ASCII);
        Matcher m = release.matcher(rest);
        if (!m.find()) {
            return null;
        }
        return new Banner(m.group(1), new String(marker, StandardCharsets.US_ASCII) + rest);
    }

    /** Whether a string is shaped like a kernel release ({@code 6.1.0-56-amd64}). */
    static boolean isRelease(String s) {
        return s != null && s.length() <= 128 && s.matches("\\d+\\.\\d+[\\x21-\\x7E&&[^()/%]]*");
    }
}
