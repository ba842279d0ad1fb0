package io.cikit.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.cikit.core.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** One in-process run of the command line: exit code, stdout and stderr. */
record CliRun(int exit, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = CikitCommand.run(new PrintWriter(out), new PrintWriter(err), args);
        return new CliRun(exit, out.toString(), err.toString());
    }

    JsonNode json() {
        return Json.read(out.getBytes(StandardCharsets.UTF_8));
    }

    List<JsonNode> jsonLines() {
        return Arrays.stream(out.split("\n")).filter(l -> !l.isBlank())
                .map(l -> Json.read(l.getBytes(StandardCharsets.UTF_8))).toList();
    }
}
