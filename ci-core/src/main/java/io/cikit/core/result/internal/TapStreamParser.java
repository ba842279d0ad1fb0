package io.cikit.core.result.internal;

import io.cikit.core.result.ResultFormat;
import io.cikit.core.result.ResultFormatException;
import io.cikit.core.result.ResultLimits;
import io.cikit.core.result.Measurement;
import io.cikit.core.result.TestResult;
import io.cikit.core.result.TestResults;
import io.cikit.core.result.TestStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads the TAP family (KTAP v1, TAP 13, TAP 14) line by line into a tree of tests and flattens it into results.
 *
 * <p>Nesting is tracked with an explicit stack, never recursion, so hostile depth cannot overflow the Java stack.
 * A subtest starts with a version line (KTAP), a {@code # Subtest:} header (TAP 14, KUnit), deeper indentation (TAP
 * only) or a {@code # TAP version} line under the kselftest runner's {@code "# "} prefix; it ends at its parent's
 * result line, recognised by smaller indentation or prefix, by a satisfied plan, or by its number. See
 * docs/results.md for the full rules.
 */
public final class TapStreamParser {
    private final ResultFormat format;
    private final ResultLimits limits;

    public TapStreamParser(ResultFormat format, ResultLimits limits) {
        if (format != ResultFormat.KTAP && format != ResultFormat.TAP) {
            throw new IllegalArgumentException("TAP-family format expected, got " + format);
        }
        this.format = format;
        this.limits = limits;
    }

    public TestResults parse(InputStream in) {
        BoundedInputStream bounded = new BoundedInputStream(in, limits.maxBytes());
        Run run = new Run(format == ResultFormat.TAP, limits);
        BoundedLineReader reader = new BoundedLineReader(new InputStreamReader(bounded, StandardCharsets.UTF_8),
                limits.maxLineChars());
        boolean truncated = false;
        try {
            long count = 0;
            String line;
            while ((line = reader.next()) != null) {
                if (++count > limits.maxLines()) {
                    truncated = true;
                    break;
                }
                if (!run.accept(line)) {
                    truncated = run.overLimit;
                    break;
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new ResultFormatException("cannot read " + format.id() + " input: " + e.getMessage(), e);
        }
        truncated |= bounded.exceeded();
        List<TestResult> results = run.finish();
        return new TestResults(format, results, truncated || run.overLimit);
    }

    /** One parse: the block stack and the nodes built so far. */
    static final class Run {
        private final boolean tapDialect;
        private final ResultLimits limits;
        private final Deque<Block> stack = new ArrayDeque<>();
        private final Block root = new Block(0, -1);
        private boolean rootStarted;
        private int nodes;
        boolean overLimit;
        private boolean bailed;
        private String bailReason = "";
        // YAML block handling: the result a following "---" block would belong to, and the block being collected
        private @Nullable Node yamlOwner;
        private int yamlOwnerIndent;
        private @Nullable List<String> yamlLines;
        private int yamlIndent;

        Run(boolean tapDialect, ResultLimits limits) {
            this.tapDialect = tapDialect;
            this.limits = limits;
            stack.push(root);
        }

        /** Feeds one line; false once parsing must stop (bail out, result limit). */
        boolean accept(String raw) {
            if (bailed || overLimit) {
                return false;
            }
            String s = ConsolePrefix.strip(raw);
            Block top = stack.peek();
            int c = prefixes(s, top.prefix);
            String rest = c == 0 ? s : stripPrefixes(s, c);
            int indent = indent(rest);
            String t = rest.substring(indent).strip();

            if (yamlLines != null) {
                if (t.equals("...")) {
                    applyYaml();
                    return true;
                }
                if (t.isEmpty() || indent > yamlOwnerIndent) {
                    if (yamlLines.size() < 1000) {
                        yamlLines.add(rest.length() > yamlIndent ? rest.substring(Math.min(yamlIndent, indent)) : rest);
                    }
                    return true;
                }
                applyYaml();
            }
            if (yamlOwner != null) {
                if (t.equals("---") && indent > yamlOwnerIndent) {
                    yamlLines = new ArrayList<>();
                    yamlIndent = indent;
                    return true;
                }
                yamlOwner = null;
            }

            if (t.isEmpty()) {
                return true;
            }
            if (isVersion(t)) {
                version(c, indent);
            } else if (t.startsWith("#")) {
                String d = t.substring(1).strip();
                if (isVersion(d) && t.length() > 1 && t.charAt(1) == ' ' && stack.size() < limits.maxDepth()) {
                    // a kselftest runner prints a test's own TAP under "# ": the prefix is one more nesting level
                    version(c + 1, indent(rest.substring(indent + 2)));
                } else if (d.regionMatches(true, 0, "Subtest:", 0, 8)) {
                    subtest(c, indent, d.substring(8).strip());
                } else {
                    diagnostic(d);
                }
            } else if (t.startsWith("ok") || t.startsWith("not ok")) {
                ResultLine r = ResultLine.parse(t);
                if (r == null) {
                    unknown(t);
                } else {
                    result(r, c, indent);
                }
            } else if (isPlan(t)) {
                plan(t, c, indent);
            } else if (t.regionMatches(true, 0, "Bail out!", 0, 9)) {
                bail(t.substring(9).strip());
                return false;
            } else if (!t.startsWith("pragma ")) {
                unknown(t);
            }
            return !overLimit;
        }

        List<TestResult> finish() {
            if (yamlLines != null) {
                applyYaml();
            }
            String reason = bailed ? "bail out" + (bailReason.isEmpty() ? "" : ": " + bailReason)
                    : "no result line: the output ended before this test finished";
            while (stack.size() > 1) {
                Block closed = stack.pop();
                closeWithoutResult(closed, stack.peek(), reason);
            }
            addMissing(root, root.children, bailed ? "missing from plan (" + reason + ")" : "missing from plan");
            return Flattener.flatten(root.children);
        }

        // ---- line kinds ----

        private void version(int c, int indent) {
            if (!rootStarted && stack.size() == 1 && c == 0) {
                rootStarted = true;
                root.indent = indent;
                return;
            }
            popOutside(c, indent);
            Block top = stack.peek();
            if (top == root && c == 0 && (root.indent < 0 || indent <= root.indent) && root.documentDone()) {
                // a second top-level document (KUnit prints one per module load)
                addMissing(root, root.children, "missing from plan");
                root.docStart = root.children.size();
                root.plan = -1;
                root.lastNumber = 0;
                return;
            }
            if (stack.size() >= limits.maxDepth()) {
                return;
            }
            if (top != root && sameLevel(top, c, indent) && top.plan >= 0 && top.docCount() >= top.plan) {
                Block closed = stack.pop();
                closeWithoutResult(closed, stack.peek(), "no result line for this test");
            }
            Block child = new Block(c, indent);
            child.fresh = true;
            stack.push(child);
        }

        private void subtest(int c, int indent, String name) {
            popOutside(c, indent);
            Block top = stack.peek();
            if (top.fresh && top.nameHint == null && c == top.prefix) {
                top.nameHint = name;
                return;
            }
            if (stack.size() >= limits.maxDepth()) {
                diagnostic("Subtest: " + name);
                return;
            }
            Block child = new Block(c, -1);
            child.nameHint = name;
            child.fresh = true;
            stack.push(child);
        }

        private void plan(String t, int c, int indent) {
            popOutside(c, indent);
            Block top = openImplicitChild(c, indent);
            if (top.indent < 0) {
                top.indent = indent;
            }
            int n = planCount(t);
            if (top.plan < 0) {
                top.plan = n;
            } else if (top == root && root.documentDone()) {
                addMissing(root, root.children, "missing from plan");
                root.docStart = root.children.size();
                root.plan = n;
                root.lastNumber = 0;
            }
            top.fresh = false;
        }

        private void result(ResultLine r, int c, int indent) {
            while (stack.size() > 1) {
                Block top = stack.peek();
                if (!outside(top, c, indent)) {
                    break;
                }
                Block closed = stack.pop();
                Block parent = stack.peek();
                if (!outside(parent, c, indent)) {
                    closeWithResult(closed, parent, r, indent);
                    return;
                }
                closeWithoutResult(closed, parent, "no result line for this test");
            }
            Block top = openImplicitChild(c, indent);
            if (top.indent < 0) {
                top.indent = indent;
            }
            if (stack.size() > 1 && belongsToParent(top, r)) {
                Block closed = stack.pop();
                closeWithResult(closed, stack.peek(), r, indent);
                return;
            }
            top.fresh = false;
            Node leaf = node(r, top, null);
            top.add(leaf, r.number());
            expectYaml(leaf, indent);
        }

        private void bail(String reason) {
            bailed = true;
            bailReason = reason;
        }

        private void diagnostic(String d) {
            Block top = stack.peek();
            int colon = d.indexOf(": ");
            if (colon > 0 && colon < 64 && isAttributeKey(d, colon)) {
                String key = d.substring(0, colon);
                String value = d.substring(colon + 2).strip();
                if (key.startsWith("test.") && key.length() > 5) {
                    // KUnit test attribute, printed just before the test's result line
                    top.pendingAttributes.put(key.substring(5), value);
                    return;
                }
                if (top.nameHint != null && top.plan < 0 && top.children.isEmpty() && top.attributes.size() < 32) {
                    // KUnit suite attribute, printed between "# Subtest:" and the plan
                    top.attributes.put(key, value);
                    return;
                }
            }
            top.note(d, limits.maxMessageChars());
        }

        private void unknown(String t) {
            stack.peek().note(t, limits.maxMessageChars());
        }

        // ---- structure ----

        private void popOutside(int c, int indent) {
            while (stack.size() > 1 && outside(stack.peek(), c, indent)) {
                Block closed = stack.pop();
                closeWithoutResult(closed, stack.peek(), "no result line for this test");
            }
        }

        private Block openImplicitChild(int c, int indent) {
            Block top = stack.peek();
            if (tapDialect && top.indent >= 0 && c == top.prefix && indent > top.indent
                    && stack.size() < limits.maxDepth()) {
                Block child = new Block(c, indent);
                stack.push(child);
                return child;
            }
            return top;
        }

        private boolean belongsToParent(Block top, ResultLine r) {
            if (top.plan >= 0) {
                return top.docCount() >= top.plan;
            }
            // no plan: a number that does not continue this block's count but does continue the parent's
            Block parent = parentOf(top);
            return r.number() > 0 && top.lastNumber > 0 && r.number() != top.lastNumber + 1
                    && parent != null && r.number() == parent.lastNumber + 1;
        }

        private @Nullable Block parentOf(Block b) {
            boolean next = false;
            for (Block x : stack) {
                if (next) {
                    return x;
                }
                next = x == b;
            }
            return null;
        }

        private static boolean outside(Block b, int c, int indent) {
            return c < b.prefix || (c == b.prefix && b.indent >= 0 && indent < b.indent);
        }

        private static boolean sameLevel(Block b, int c, int indent) {
            return c == b.prefix && (b.indent < 0 || indent == b.indent);
        }

        private void closeWithResult(Block closed, Block parent, ResultLine r, int indent) {
            Node n = node(r, closed, parent);
            addMissing(closed, n.children, "missing from plan");
            n.computeBadBelow();
            parent.add(n, r.number());
            expectYaml(n, indent);
        }

        private void closeWithoutResult(Block closed, Block parent, String reason) {
            Node n = new Node(closed.nameHint != null ? closed.nameHint : String.valueOf(parent.docCount() + 1));
            n.status = TestStatus.ERROR;
            String context = closed.takeNotes();
            n.message = bound(lines(parent.takeNotes(), context, reason));
            n.inherited.putAll(closed.attributes);
            n.children.addAll(closed.children);
            int before = n.children.size();
            addMissing(closed, n.children, "missing from plan" + (bailed ? " (" + reason + ")" : ""));
            if (n.children.size() > before && !context.isEmpty()) {
                // what the console said after the last result is the best clue why the next ones never came
                Node first = n.children.get(before);
                first.message = bound(lines(context, first.message == null ? "" : first.message));
            }
            n.computeBadBelow();
            count();
            parent.add(n, -1);
        }

        private Node node(ResultLine r, Block own, @Nullable Block parent) {
            String name = r.description();
            if (name.isEmpty()) {
                name = own.nameHint != null && parent != null ? own.nameHint
                        : r.number() > 0 ? String.valueOf(r.number()) : String.valueOf(own.docCount() + 1);
            }
            Node n = new Node(name);
            n.status = r.status();
            String before = parent == null ? own.takeNotes() : lines(parent.takeNotes(), own.takeNotes());
            n.message = bound(lines(before, r.reason()));
            if (parent != null) {
                n.inherited.putAll(own.attributes);
                n.children.addAll(own.children);
            }
            if (!r.directive().isEmpty()) {
                n.attributes.put("directive", r.directive());
            }
            Block attrSource = parent == null ? own : parent;
            n.attributes.putAll(attrSource.pendingAttributes);
            attrSource.pendingAttributes.clear();
            if (parent != null) {
                n.attributes.putAll(own.pendingAttributes);
                own.pendingAttributes.clear();
            }
            String data = r.data() + (n.message == null ? "" : "\n" + n.message);
            DiagnosticData.measurement(name, data).ifPresent(n.measurements::add);
            DiagnosticData.durationMillis(data).ifPresent(d -> n.duration = d);
            count();
            return n;
        }

        private void addMissing(Block b, List<Node> into, String why) {
            if (b.plan < 0) {
                return;
            }
            int have = b.docCount();
            int made = 0;
            for (int i = have + 1; i <= b.plan && !overLimit; i++) {
                if (made == limits.maxMissingPerPlan()) {
                    Node rest = new Node("missing_" + i + "_to_" + b.plan);
                    rest.status = TestStatus.ERROR;
                    rest.message = (b.plan - i + 1) + " results " + why;
                    into.add(rest);
                    count();
                    break;
                }
                Node m = new Node("missing_" + i);
                m.status = TestStatus.ERROR;
                m.message = why;
                into.add(m);
                made++;
                count();
            }
            b.plan = have;
        }

        private void count() {
            if (++nodes >= limits.maxResults()) {
                overLimit = true;
            }
        }

        private void expectYaml(Node owner, int indent) {
            yamlOwner = owner;
            yamlOwnerIndent = indent;
        }

        private void applyYaml() {
            Node owner = yamlOwner;
            List<String> lines = yamlLines;
            yamlLines = null;
            yamlOwner = null;
            if (owner == null || lines == null) {
                return;
            }
            Map<String, String> yaml = Yamlish.read(lines);
            for (Map.Entry<String, String> e : yaml.entrySet()) {
                String k = e.getKey();
                String v = e.getValue();
                switch (k) {
                    case "message" -> owner.message = lines(v, owner.message == null ? "" : owner.message);
                    case "duration_ms" -> DiagnosticData.millis(v).ifPresent(d -> owner.duration = d);
                    case "measurement" -> DiagnosticData.number(v).ifPresent(d -> owner.measurements.add(
                            new Measurement(owner.name, d, yaml.getOrDefault("units",
                                    yaml.getOrDefault("unit", "")))));
                    default -> {
                        if (owner.attributes.size() < 64) {
                            owner.attributes.put(k, v);
                        }
                    }
                }
            }
            owner.message = bound(owner.message);
        }

        private @Nullable String bound(@Nullable String message) {
            int max = limits.maxMessageChars();
            if (message == null || message.isEmpty()) {
                return null;
            }
            // keep the end: the result's own reason comes last and matters most
            return message.length() <= max ? message : message.substring(message.length() - max);
        }

        // ---- small parsing helpers ----

        /** The non-empty parts joined by newlines, in order. */
        private static String lines(String... parts) {
            StringBuilder sb = new StringBuilder();
            for (String p : parts) {
                if (!p.isEmpty()) {
                    if (sb.length() > 0) {
                        sb.append('\n');
                    }
                    sb.append(p);
                }
            }
            return sb.toString();
        }

        private static boolean isAttributeKey(String d, int colon) {
            for (int i = 0; i < colon; i++) {
                char ch = d.charAt(i);
                if (!(Character.isLetterOrDigit(ch) || ch == '.' || ch == '_' || ch == '-')) {
                    return false;
                }
            }
            return true;
        }

        static boolean isVersion(String t) {
            int p = t.startsWith("KTAP version ") ? 13 : t.startsWith("TAP version ") ? 12 : -1;
            if (p < 0 || p >= t.length()) {
                return false;
            }
            for (int i = p; i < t.length(); i++) {
                if (!Character.isDigit(t.charAt(i))) {
                    return false;
                }
            }
            return true;
        }

        static boolean isPlan(String t) {
            if (!t.startsWith("1..")) {
                return false;
            }
            int i = 3;
            int digits = 0;
            while (i < t.length() && Character.isDigit(t.charAt(i))) {
                i++;
                digits++;
            }
            return digits > 0 && (i == t.length() || t.charAt(i) == ' ' || t.charAt(i) == '#');
        }

        private static int planCount(String t) {
            int i = 3;
            long n = 0;
            while (i < t.length() && Character.isDigit(t.charAt(i))) {
                n = Math.min(Integer.MAX_VALUE, n * 10 + (t.charAt(i) - '0'));
                i++;
            }
            return (int) n;
        }

        private static int prefixes(String s, int max) {
            int c = 0;
            int i = 0;
            while (c < max && i < s.length() && s.charAt(i) == '#' && (i + 1 == s.length() || s.charAt(i + 1) == ' ')) {
                i += i + 1 == s.length() ? 1 : 2;
                c++;
            }
            return c;
        }

        private static String stripPrefixes(String s, int c) {
            int i = 0;
            for (int k = 0; k < c; k++) {
                i += i + 1 >= s.length() ? 1 : 2;
            }
            return s.substring(Math.min(i, s.length()));
        }

        private static int indent(String s) {
            int i = 0;
            while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
                i++;
            }
            return i;
        }
    }

    /** An open test set: the subtests of a test whose result line has not come yet (or the whole document). */
    static final class Block {
        final int prefix;
        int indent;
        int plan = -1;
        int docStart;
        int lastNumber;
        boolean fresh;
        @Nullable String nameHint;
        final List<Node> children = new ArrayList<>();
        final Map<String, String> attributes = new LinkedHashMap<>();
        final Map<String, String> pendingAttributes = new LinkedHashMap<>();
        private final ArrayDeque<String> notes = new ArrayDeque<>();
        private int noteChars;

        Block(int prefix, int indent) {
            this.prefix = prefix;
            this.indent = indent;
        }

        int docCount() {
            return children.size() - docStart;
        }

        boolean documentDone() {
            return plan >= 0 ? docCount() >= plan : docCount() > 0;
        }

        void add(Node n, int number) {
            children.add(n);
            lastNumber = number > 0 ? number : lastNumber + 1;
        }

        void note(String line, int maxChars) {
            notes.addLast(line.length() > maxChars ? line.substring(0, maxChars) : line);
            noteChars += line.length() + 1;
            // the newest diagnostics are the ones next to the result line: drop the oldest
            while (noteChars > maxChars && notes.size() > 1) {
                noteChars -= notes.removeFirst().length() + 1;
            }
        }

        String takeNotes() {
            if (notes.isEmpty()) {
                return "";
            }
            String s = String.join("\n", notes);
            notes.clear();
            noteChars = 0;
            return s;
        }
    }
}
