package io.cikit.build.actions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cikit.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The GitHub Actions fixtures copied from the shared set into src/test/resources/github. */
final class Fixtures {
    static final String RUN = "workflow_run.completed.json";
    static final String JOB = "workflow_job.completed.json";

    private Fixtures() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/github/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode tree(String name) {
        return (ObjectNode) Json.read(bytes(name)).deepCopy();
    }
}
