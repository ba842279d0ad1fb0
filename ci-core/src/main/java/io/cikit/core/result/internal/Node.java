package io.cikit.core.result.internal;

import io.cikit.core.result.Measurement;
import io.cikit.core.result.TestStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A test while its file is being read: mutable, with subtests. Flattened into results at the end. */
final class Node {
    final String name;
    TestStatus status = TestStatus.ERROR;
    @Nullable Duration duration;
    @Nullable String message;
    final List<Measurement> measurements = new ArrayList<>(0);
    final Map<String, String> attributes = new LinkedHashMap<>();
    /** Suite attributes (KUnit {@code # module: x}) every result below this node carries. */
    final Map<String, String> inherited = new LinkedHashMap<>(0);
    final List<Node> children = new ArrayList<>(0);
    /** Whether some result emitted below this node is FAIL or ERROR. */
    boolean badBelow;

    Node(String name) {
        this.name = name;
    }

    void computeBadBelow() {
        for (Node c : children) {
            if (c.status.isBad() || c.badBelow) {
                badBelow = true;
                return;
            }
        }
    }
}
