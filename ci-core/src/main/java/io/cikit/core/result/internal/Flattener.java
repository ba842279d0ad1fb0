package io.cikit.core.result.internal;

import io.cikit.core.result.TestResult;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns a tree of {@link Node}s into results in file order with dot-joined paths: every leaf, plus a parent whose
 * own FAIL/ERROR is not already told by a result below it. Suite attributes flow down to every result below.
 * Iterative, so depth costs heap, never stack.
 */
final class Flattener {
    private Flattener() {
    }

    static List<TestResult> flatten(List<Node> roots) {
        List<TestResult> out = new ArrayList<>();
        Deque<Frame> stack = new ArrayDeque<>();
        stack.push(new Frame(null, "", roots, Map.of()));
        while (!stack.isEmpty()) {
            Frame f = stack.peek();
            if (f.next < f.children.size()) {
                Node n = f.children.get(f.next++);
                String path = f.path.isEmpty() ? n.name : f.path + "." + n.name;
                if (n.children.isEmpty()) {
                    out.add(toResult(n, path, f.inherited));
                } else {
                    Map<String, String> inherited = f.inherited;
                    if (!n.inherited.isEmpty()) {
                        inherited = new LinkedHashMap<>(f.inherited);
                        inherited.putAll(n.inherited);
                    }
                    stack.push(new Frame(n, path, n.children, inherited));
                }
            } else {
                stack.pop();
                Node owner = f.owner;
                if (owner != null && owner.status.isBad() && !owner.badBelow) {
                    out.add(toResult(owner, f.path, f.inherited));
                }
            }
        }
        return out;
    }

    private static TestResult toResult(Node n, String path, Map<String, String> inherited) {
        TestResult.Builder b = TestResult.builder(path, n.status).duration(n.duration).message(n.message);
        n.measurements.forEach(b::measurement);
        inherited.forEach(b::attribute);
        n.inherited.forEach(b::attribute);
        n.attributes.forEach(b::attribute);
        return b.build();
    }

    private static final class Frame {
        final @Nullable Node owner;
        final String path;
        final List<Node> children;
        final Map<String, String> inherited;
        int next;

        Frame(@Nullable Node owner, String path, List<Node> children, Map<String, String> inherited) {
            this.owner = owner;
            this.path = path;
            this.children = children;
            this.inherited = inherited;
        }
    }
}
