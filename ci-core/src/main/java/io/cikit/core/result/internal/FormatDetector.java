package io.cikit.core.result.internal;

import io.cikit.core.result.ResultFormat;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Decides a result file's format from its first bytes: XML with a {@code testsuite(s)}/{@code testcase} element is
 * JUnit; the first version line decides KTAP ({@code KTAP version}) or TAP ({@code TAP version}); failing those, a
 * plan or result line means TAP. Console prefixes and the kselftest {@code "# "} prefix are looked through.
 */
public final class FormatDetector {
    /** How much of the input is examined: KUnit output in a boot log usually starts within the first few hundred KiB. */
    public static final int HEAD_BYTES = 1024 * 1024;

    private FormatDetector() {
    }

    public static Optional<ResultFormat> detect(byte[] head, int length) {
        String text = new String(head, 0, Math.max(0, Math.min(length, head.length)), StandardCharsets.UTF_8);
        int i = 0;
        if (text.startsWith("\uFEFF")) {
            i = 1;
        }
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        if (i < text.length() && text.charAt(i) == '<') {
            return text.contains("<testsuite") || text.contains("<testcase")
                    ? Optional.of(ResultFormat.JUNIT) : Optional.empty();
        }
        boolean sawTap = false;
        for (String raw : text.split("\n", -1)) {
            String t = ConsolePrefix.strip(raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw).strip();
            while (t.startsWith("# ")) {
                t = t.substring(2).strip();
            }
            if (TapStreamParser.Run.isVersion(t)) {
                return Optional.of(t.startsWith("KTAP") ? ResultFormat.KTAP : ResultFormat.TAP);
            }
            if (!sawTap && (TapStreamParser.Run.isPlan(t) || ResultLine.parse(t) != null)) {
                sawTap = true;
            }
        }
        return sawTap ? Optional.of(ResultFormat.TAP) : Optional.empty();
    }
}
