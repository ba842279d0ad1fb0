package io.cikit.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.cikit.core.json.Json;
import java.io.PrintWriter;

/** Writes one JSON document (or one JSON Lines line) to the command's stdout. */
final class JsonOut {
    private JsonOut() {
    }

    static void print(PrintWriter out, Object value, boolean pretty) {
        ObjectWriter writer = pretty ? Json.mapper().writerWithDefaultPrettyPrinter() : Json.mapper().writer();
        try {
            out.println(writer.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render output as JSON: " + e.getOriginalMessage(), e);
        }
        out.flush();
    }
}
