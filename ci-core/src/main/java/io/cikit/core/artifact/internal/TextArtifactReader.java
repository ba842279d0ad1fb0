package io.cikit.core.artifact.internal;

import io.cikit.core.artifact.ArtifactReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Text artifacts: tells a kernel {@code .config} ({@link KconfigReader}), a {@code System.map} or a Yocto manifest
 * ({@link SymbolListReaders}) or a JSON document ({@link JsonArtifactReader}) from its first lines, where every
 * complete line must fit the format; the chosen reader then streams the rest line by line.
 */
final class TextArtifactReader {
    private static final int SAMPLE = 64 * 1024;

    private TextArtifactReader() {
    }

    /** No NUL bytes and almost no control characters in the first bytes. */
    static boolean looksLikeText(byte[] h, int n) {
        int sample = Math.min(n, SAMPLE);
        int control = 0;
        for (int i = 0; i < sample; i++) {
            int c = h[i] & 0xFF;
            if (c == 0) {
                return false;
            }
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != 0x0C && c != 0x1B) {
                control++;
            }
        }
        return sample > 0 && control * 100 <= sample;
    }

    static void read(Inspection ctx, ForwardInput in, ArtifactReport.Builder b) throws IOException {
        List<String> lines = sampleLines(in);
        String first = firstNonBlank(lines);
        if (first.startsWith("{") || first.startsWith("\uFEFF{")) {
            JsonArtifactReader.read(ctx, in, b);
        } else if (KconfigReader.matches(lines)) {
            KconfigReader.read(ctx, in, b);
        } else if (allMatch(lines, SymbolListReaders.MAP_LINE, 3)) {
            SymbolListReaders.readSystemMap(ctx, in, b);
        } else if (allMatch(lines, SymbolListReaders.MANIFEST_LINE, 1)) {
            SymbolListReaders.readManifest(ctx, in, b);
        } else {
            b.unknown("text of no known kind");
        }
    }

    /** The complete lines in the head (the last, possibly cut, line only when the head holds everything). */
    private static List<String> sampleLines(ForwardInput in) {
        int n = Math.min(in.headLen(), SAMPLE);
        String text = new String(in.head(), 0, n, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (!(in.headIsAll() && n == in.headLen()) || lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        lines.replaceAll(l -> l.endsWith("\r") ? l.substring(0, l.length() - 1) : l);
        return lines;
    }

    private static String firstNonBlank(List<String> lines) {
        for (String l : lines) {
            if (!l.isBlank()) {
                return l.strip();
            }
        }
        return "";
    }

    private static boolean allMatch(List<String> lines, Pattern p, int atLeast) {
        int matched = 0;
        for (String l : lines) {
            if (l.isEmpty()) {
                continue;
            }
            if (!p.matcher(l).matches()) {
                return false;
            }
            matched++;
        }
        return matched >= atLeast;
    }
}
