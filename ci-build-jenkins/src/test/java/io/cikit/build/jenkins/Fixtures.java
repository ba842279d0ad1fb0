package io.cikit.build.jenkins;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cikit.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The Jenkins fixtures copied from the shared set into src/test/resources/jenkins. */
final class Fixtures {
    static final String FINALIZED = "notification.finalized.json";
    static final String STARTED = "notification.started.json";
    static final String SEED = "seed-format.success.json";

    private Fixtures() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/jenkins/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fixture as a mutable tree, for tests that change one field. */
    static ObjectNode tree(String name) {
        return (ObjectNode) Json.read(bytes(name)).deepCopy();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
