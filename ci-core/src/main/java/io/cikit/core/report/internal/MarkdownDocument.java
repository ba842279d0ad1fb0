package io.cikit.core.report.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A Markdown document built from blocks, rendered whole or cut to a size. Cuts fall only between blocks or between
 * table rows — never inside a line, a table row or a code fence — and a cut document ends with a note (and the link
 * to the full report, when there is one). Not thread-safe.
 */
public final class MarkdownDocument {

    private sealed interface Block permits Lines, Table, Fence {
    }

    /** Lines kept or dropped together. */
    private record Lines(List<String> lines) implements Block {
    }

    /** A table: header and separator always together, rows may be cut. */
    private record Table(String header, String separator, List<String> rows) implements Block {
    }

    /** A fenced code block: all or nothing. */
    private record Fence(List<String> lines) implements Block {
    }

    private final List<Block> blocks = new ArrayList<>();

    public MarkdownDocument lines(String... lines) {
        blocks.add(new Lines(List.of(lines)));
        return this;
    }

    public MarkdownDocument lines(List<String> lines) {
        if (!lines.isEmpty()) {
            blocks.add(new Lines(List.copyOf(lines)));
        }
        return this;
    }

    /** A table with the given column headers; {@code alignments} like {@code ---}, {@code ---:}. */
    public MarkdownDocument table(List<String> headers, List<String> alignments, List<List<String>> rows) {
        List<String> rendered = new ArrayList<>(rows.size());
        for (List<String> row : rows) {
            rendered.add(row(row));
        }
        blocks.add(new Table(row(headers), row(alignments), rendered));
        return this;
    }

    /** A fenced block (the content must not contain a line starting with three backticks). */
    public MarkdownDocument fence(String info, List<String> content) {
        List<String> lines = new ArrayList<>(content.size() + 2);
        lines.add("```" + info);
        lines.addAll(content);
        lines.add("```");
        blocks.add(new Fence(lines));
        return this;
    }

    /** The whole document. */
    public String render() {
        return render(Integer.MAX_VALUE, "");
    }

    /**
     * The document cut to at most {@code maxChars} characters, ending in {@code note} (on its own paragraph) when
     * anything had to go. If even the note does not fit, the note itself is shortened.
     */
    public String render(int maxChars, String note) {
        StringBuilder full = new StringBuilder();
        List<String> lines = allLines();
        for (String line : lines) {
            full.append(line).append('\n');
        }
        if (full.length() <= maxChars) {
            return full.toString();
        }
        String ending = "\n" + note + "\n";
        if (ending.length() > maxChars) {
            return note.substring(0, Math.max(0, maxChars - 1)) + "\n";
        }
        int budget = maxChars - ending.length();
        StringBuilder out = new StringBuilder();
        for (Block block : blocks) {
            List<String> candidate = blockLines(block);
            int blockLength = length(candidate) + (out.length() == 0 ? 0 : 1);
            if (out.length() + blockLength <= budget) {
                append(out, candidate);
                continue;
            }
            if (block instanceof Table t) {
                List<String> partial = new ArrayList<>(List.of(t.header(), t.separator()));
                int length = (out.length() == 0 ? 0 : 1) + length(partial);
                int kept = 0;
                for (String row : t.rows()) {
                    if (out.length() + length + row.length() + 1 > budget) {
                        break;
                    }
                    partial.add(row);
                    length += row.length() + 1;
                    kept++;
                }
                if (kept > 0) {
                    append(out, partial);
                }
            }
            break;
        }
        return out.append(ending).toString();
    }

    private List<String> allLines() {
        List<String> lines = new ArrayList<>();
        for (Block block : blocks) {
            if (!lines.isEmpty()) {
                lines.add("");
            }
            lines.addAll(blockLines(block));
        }
        return lines;
    }

    private static void append(StringBuilder out, List<String> lines) {
        if (out.length() > 0) {
            out.append('\n');
        }
        for (String line : lines) {
            out.append(line).append('\n');
        }
    }

    private static List<String> blockLines(Block block) {
        if (block instanceof Lines l) {
            return l.lines();
        }
        if (block instanceof Fence f) {
            return f.lines();
        }
        Table t = (Table) block;
        List<String> lines = new ArrayList<>(t.rows().size() + 2);
        lines.add(t.header());
        lines.add(t.separator());
        lines.addAll(t.rows());
        return lines;
    }

    private static int length(List<String> lines) {
        int n = 0;
        for (String line : lines) {
            n += line.length() + 1;
        }
        return n;
    }

    private static String row(List<String> cells) {
        return "| " + String.join(" | ", cells) + " |";
    }
}
