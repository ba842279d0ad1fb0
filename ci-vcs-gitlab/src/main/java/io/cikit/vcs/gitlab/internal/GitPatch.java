package io.cikit.vcs.gitlab.internal;

import io.cikit.vcs.gitlab.GitLabFileDiff;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * GitLab's per-file diffs as one patch in {@code git diff} form, which {@code git apply} takes: per file a
 * {@code diff --git a/<old> b/<new>} line, the mode, creation, deletion and rename lines, {@code ---}/{@code +++}
 * lines ({@code /dev/null} for a created or deleted file) when there are hunks, then GitLab's hunks. Names are
 * quoted as git quotes them when they hold a quote, a backslash or a control character.
 *
 * <p>A patch is whole or absent, as GitHub's diff is: when GitLab left a file's text out ({@code too_large},
 * {@code collapsed}, or an empty diff for a file whose content changed) or the text is not a diff, there is none.
 * Its size follows from GitLab's reply, which the transport bounds ({@code maxReplyBytes}). Stateless.
 */
public final class GitPatch {
    private static final Pattern MODE = Pattern.compile("[0-7]{6}");
    private static final Pattern HUNK = Pattern.compile("@@ -\\d{1,9}(?:,(\\d{1,9}))? \\+\\d{1,9}(?:,(\\d{1,9}))? @@.*", Pattern.DOTALL);
    private static final String REGULAR_FILE = "100644";
    private static final String DEV_NULL = "/dev/null";

    private GitPatch() {
    }

    /** The patch of these file diffs, in their order; empty when one of them cannot be written whole. */
    public static Optional<String> of(List<GitLabFileDiff> diffs) {
        StringBuilder patch = new StringBuilder();
        for (GitLabFileDiff d : diffs) {
            if (!whole(d)) {
                return Optional.empty();
            }
            append(patch, d);
        }
        return Optional.of(patch.toString());
    }

    /**
     * Whether the file's change can be written whole: GitLab did not leave its text out, the text is hunks (or a
     * binary notice), and an empty text goes with a change that has no content (creating or deleting an empty file, a
     * rename, a mode change).
     */
    static boolean whole(GitLabFileDiff d) {
        if (d.diffLeftOut() || d.oldPath().isBlank() || d.newPath().isBlank()) {
            return false;
        }
        String text = d.diff();
        if (text.isEmpty()) {
            return d.newFile() || d.deletedFile() || renamed(d) || modeChange(d).isPresent();
        }
        return binaryNotice(text) || hunks(text);
    }

    private static void append(StringBuilder patch, GitLabFileDiff d) {
        String oldPath = d.newFile() ? d.newPath() : d.oldPath();
        String newPath = d.deletedFile() ? d.oldPath() : d.newPath();
        patch.append("diff --git ").append(quoted("a/" + oldPath)).append(' ').append(quoted("b/" + newPath)).append('\n');
        if (d.newFile()) {
            patch.append("new file mode ").append(mode(d.bMode()).orElse(REGULAR_FILE)).append('\n');
        } else if (d.deletedFile()) {
            patch.append("deleted file mode ").append(mode(d.aMode()).orElse(REGULAR_FILE)).append('\n');
        } else {
            modeChange(d).ifPresent(change -> patch.append(change));
        }
        if (renamed(d)) {
            patch.append("rename from ").append(quoted(oldPath)).append('\n');
            patch.append("rename to ").append(quoted(newPath)).append('\n');
        }
        String text = d.diff();
        if (text.isEmpty()) {
            return;
        }
        if (!binaryNotice(text)) {
            patch.append("--- ").append(d.newFile() ? DEV_NULL : label("a/" + oldPath)).append('\n');
            patch.append("+++ ").append(d.deletedFile() ? DEV_NULL : label("b/" + newPath)).append('\n');
        }
        patch.append(text);
        if (!text.endsWith("\n")) {
            patch.append('\n');
        }
    }

    private static boolean renamed(GitLabFileDiff d) {
        return d.renamedFile() && !d.newFile() && !d.deletedFile() && !d.oldPath().equals(d.newPath());
    }

    /** The {@code old mode}/{@code new mode} lines when both modes are known and differ. */
    private static Optional<String> modeChange(GitLabFileDiff d) {
        if (d.newFile() || d.deletedFile()) {
            return Optional.empty();
        }
        Optional<String> before = mode(d.aMode());
        Optional<String> after = mode(d.bMode());
        if (before.isEmpty() || after.isEmpty() || before.equals(after)) {
            return Optional.empty();
        }
        return Optional.of("old mode " + before.get() + "\nnew mode " + after.get() + "\n");
    }

    /** A git file mode; GitLab says {@code 0} (or nothing) for the side where the file does not exist. */
    private static Optional<String> mode(Optional<String> given) {
        return given.map(String::strip).filter(m -> MODE.matcher(m).matches() && !m.equals("000000"));
    }

    private static boolean binaryNotice(String text) {
        String line = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        return line.startsWith("Binary files ") && line.endsWith(" differ") && line.indexOf('\n') < 0;
    }

    /**
     * Whether the text is unified diff hunks and nothing else: hunk headers, each followed by exactly the context,
     * removed and added lines its counts say (an empty line counts as an empty context line), and "\ No newline at
     * end of file" markers. A line beyond a hunk's counts that is not the next header (a {@code ---} or
     * {@code diff --git} line smuggled into a file's text, which {@code git apply} would read as another file) means it
     * is not.
     */
    private static boolean hunks(String text) {
        String[] lines = text.split("\n", -1);
        int count = text.endsWith("\n") ? lines.length - 1 : lines.length;
        long oldLeft = 0;
        long newLeft = 0;
        boolean any = false;
        for (int i = 0; i < count; i++) {
            String line = lines[i];
            if (line.startsWith("\\")) {
                continue;
            }
            if (oldLeft == 0 && newLeft == 0) {
                Matcher header = HUNK.matcher(line);
                if (!header.matches()) {
                    return false;
                }
                oldLeft = lineCount(header.group(1));
                newLeft = lineCount(header.group(2));
                any = true;
                continue;
            }
            char first = line.isEmpty() ? ' ' : line.charAt(0);
            switch (first) {
                case ' ' -> {
                    oldLeft--;
                    newLeft--;
                }
                case '-' -> oldLeft--;
                case '+' -> newLeft--;
                default -> {
                    return false;
                }
            }
            if (oldLeft < 0 || newLeft < 0) {
                return false;
            }
        }
        return any && oldLeft == 0 && newLeft == 0;
    }

    /** A hunk header's line count: 1 when left out ({@code @@ -3 +3 @@}). */
    private static long lineCount(@Nullable String given) {
        return given == null ? 1 : Long.parseLong(given);
    }

    /** A name on a {@code ---}/{@code +++} line: as git writes it, with a tab after an unquoted name holding a space. */
    private static String label(String name) {
        String quoted = quoted(name);
        return quoted.equals(name) && name.indexOf(' ') >= 0 ? name + "\t" : quoted;
    }

    /** The name, or git's C-style quoting of it when it holds a quote, a backslash or a control character. */
    static String quoted(String name) {
        boolean plain = name.chars().noneMatch(c -> c == '"' || c == '\\' || c < 0x20 || c == 0x7f);
        if (plain) {
            return name;
        }
        StringBuilder out = new StringBuilder(name.length() + 8).append('"');
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\u0007' -> out.append("\\a");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\u000b' -> out.append("\\v");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\%03o", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
