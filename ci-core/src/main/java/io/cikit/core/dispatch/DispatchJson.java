package io.cikit.core.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cikit.core.CiException;
import io.cikit.core.config.ProviderConfig;
import io.cikit.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.TreeSet;

/** Reading and writing boards, selectors and jobs as JSON (the shapes are documented in docs/dispatch.md). */
final class DispatchJson {
    /** Largest definition file read. */
    static final int MAX_FILE_BYTES = 4 << 20;

    private DispatchJson() {
    }

    static JsonNode readFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
            if (bytes.length > MAX_FILE_BYTES) {
                throw new InvalidDefinitionException(file + " is larger than " + MAX_FILE_BYTES + " bytes");
            }
            return Json.read(bytes);
        } catch (IOException e) {
            throw new InvalidDefinitionException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (CiException e) {
            if (e instanceof InvalidDefinitionException) {
                throw e;
            }
            throw new InvalidDefinitionException(file + ": " + e.getMessage(), e);
        }
    }

    // ---- boards

    static Board board(JsonNode n, String where) {
        requireObject(n, where);
        try {
            Board.Builder b = Board.builder(requiredText(n, "id", where), requiredText(n, "type", where));
            Json.nonBlank(n, "arch").ifPresent(b::arch);
            Json.nonBlank(n, "runner").ifPresent(b::runner);
            Json.nonBlank(n, "health").ifPresent(h -> b.health(health(h)));
            strings(n, "tags", where).forEach(b::tag);
            scalars(n, "attributes", where).forEach(b::attribute);
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new InvalidDefinitionException(where + ": " + e.getMessage(), e);
        }
    }

    static ObjectNode toJson(Board b) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("id", b.id());
        o.put("type", b.type());
        o.put("arch", b.arch());
        o.put("runner", b.runner());
        o.put("health", b.health().name());
        ArrayNode tags = o.putArray("tags");
        new TreeSet<>(b.tags()).forEach(tags::add);
        ObjectNode attrs = o.putObject("attributes");
        new TreeMap<>(b.attributes()).forEach(attrs::put);
        return o;
    }

    private static BoardHealth health(String text) {
        try {
            return BoardHealth.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return BoardHealth.UNKNOWN;
        }
    }

    // ---- selectors

    static BoardSelector selector(JsonNode n, String where) {
        if (n.isMissingNode() || n.isNull()) {
            return BoardSelector.any();
        }
        requireObject(n, where);
        BoardSelector.Builder b = BoardSelector.builder();
        Json.nonBlank(n, "board").ifPresent(b::board);
        Json.nonBlank(n, "type").ifPresent(b::type);
        Json.nonBlank(n, "arch").ifPresent(b::arch);
        strings(n, "tags", where).forEach(b::tag);
        JsonNode attrs = Json.at(n, "attributes");
        if (!attrs.isMissingNode() && !attrs.isNull()) {
            requireObject(attrs, where + ".attributes");
            for (Map.Entry<String, JsonNode> a : attrs.properties()) {
                b.attribute(a.getKey(), matcher(a.getValue(), where + ".attributes." + a.getKey()));
            }
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new InvalidDefinitionException(where + ": " + e.getMessage(), e);
        }
    }

    private static AttributeMatcher matcher(JsonNode v, String where) {
        try {
            if (v.isValueNode() && !v.isNull()) {
                return new AttributeMatcher.Equals(v.asText());
            }
            if (v.isArray()) {
                List<String> values = new ArrayList<>();
                v.forEach(e -> values.add(e.asText()));
                return new AttributeMatcher.OneOf(new java.util.HashSet<>(values));
            }
            if (v.isObject()) {
                if (v.has("regex")) {
                    return new AttributeMatcher.Matches(v.get("regex").asText());
                }
                if (v.has("min") || v.has("max")) {
                    return new AttributeMatcher.Range(number(v, "min", where), number(v, "max", where));
                }
                if (Json.bool(v, false, "present")) {
                    return new AttributeMatcher.Present();
                }
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidDefinitionException(where + ": " + e.getMessage(), e);
        }
        throw new InvalidDefinitionException(where + ": expected a string, an array, or an object with regex, min/max"
                + " or present");
    }

    private static OptionalDouble number(JsonNode v, String field, String where) {
        JsonNode n = v.get(field);
        if (n == null || n.isNull()) {
            return OptionalDouble.empty();
        }
        if (n.isNumber()) {
            return OptionalDouble.of(n.asDouble());
        }
        try {
            return OptionalDouble.of(Double.parseDouble(n.asText().strip()));
        } catch (NumberFormatException e) {
            throw new InvalidDefinitionException(where + "." + field + ": not a number: " + n.asText());
        }
    }

    static ObjectNode toJson(BoardSelector s) {
        ObjectNode o = Json.mapper().createObjectNode();
        s.boardId().ifPresent(v -> o.put("board", v));
        s.type().ifPresent(v -> o.put("type", v));
        s.arch().ifPresent(v -> o.put("arch", v));
        ArrayNode tags = o.putArray("tags");
        new TreeSet<>(s.tags()).forEach(tags::add);
        ObjectNode attrs = o.putObject("attributes");
        new TreeMap<>(s.attributes()).forEach((k, m) -> {
            if (m instanceof AttributeMatcher.Equals e) {
                attrs.put(k, e.value());
            } else if (m instanceof AttributeMatcher.OneOf one) {
                ArrayNode a = attrs.putArray(k);
                new TreeSet<>(one.values()).forEach(a::add);
            } else if (m instanceof AttributeMatcher.Matches r) {
                attrs.putObject(k).put("regex", r.regex());
            } else if (m instanceof AttributeMatcher.Range r) {
                ObjectNode ro = attrs.putObject(k);
                r.min().ifPresent(x -> ro.put("min", x));
                r.max().ifPresent(x -> ro.put("max", x));
            } else {
                attrs.putObject(k).put("present", true);
            }
        });
        return o;
    }

    // ---- jobs

    static TestJob job(JsonNode n, Path base, String where) {
        requireObject(n, where);
        try {
            TestJob.Builder b = TestJob.builder(artifact(n, "kernelImage", base, where)
                    .orElseThrow(() -> new InvalidDefinitionException(where + ": kernelImage is required")));
            Json.nonBlank(n, "id").ifPresent(b::id);
            Json.nonBlank(n, "name").ifPresent(b::name);
            b.selector(selector(Json.at(n, "selector"), where + ".selector"));
            artifact(n, "bspPackage", base, where).ifPresent(b::bspPackage);
            artifact(n, "dtb", base, where).ifPresent(b::dtb);
            artifact(n, "modules", base, where).ifPresent(b::modules);
            artifact(n, "rootfs", base, where).ifPresent(b::rootfs);
            strings(n, "suites", where).forEach(b::suite);
            strings(n, "commands", where).forEach(b::command);
            duration(n, "timeout", where).ifPresent(b::timeout);
            integer(n, "priority", where).ifPresent(b::priority);
            integer(n, "maxAttempts", where).ifPresent(b::maxAttempts);
            scalars(n, "parameters", where).forEach(b::parameter);
            JsonNode origin = Json.at(n, "origin");
            if (origin.isObject()) {
                b.origin(new JobOrigin(Json.text(origin, "repository").orElse(""), Json.text(origin, "commit").orElse(""),
                        Json.nonBlank(origin, "buildId")));
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new InvalidDefinitionException(where + ": " + e.getMessage(), e);
        }
    }

    static ObjectNode toJson(TestJob j) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("id", j.id());
        o.put("name", j.name());
        o.set("selector", toJson(j.selector()));
        o.put("kernelImage", j.kernelImage().toString());
        j.bspPackage().ifPresent(v -> o.put("bspPackage", v.toString()));
        j.dtb().ifPresent(v -> o.put("dtb", v.toString()));
        j.modules().ifPresent(v -> o.put("modules", v.toString()));
        j.rootfs().ifPresent(v -> o.put("rootfs", v.toString()));
        ArrayNode suites = o.putArray("suites");
        j.suites().forEach(suites::add);
        ArrayNode commands = o.putArray("commands");
        j.commands().forEach(commands::add);
        o.put("timeout", j.timeout().toString());
        o.put("priority", j.priority());
        o.put("maxAttempts", j.maxAttempts());
        ObjectNode params = o.putObject("parameters");
        new TreeMap<>(j.parameters()).forEach(params::put);
        j.origin().ifPresent(origin -> {
            ObjectNode on = o.putObject("origin");
            on.put("repository", origin.repository());
            on.put("commit", origin.commit());
            origin.buildId().ifPresent(v -> on.put("buildId", v));
        });
        return o;
    }

    private static Optional<URI> artifact(JsonNode n, String field, Path base, String where) {
        Optional<String> text = Json.nonBlank(n, field);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(TestJob.artifact(text.get(), base));
        } catch (RuntimeException e) {
            throw new InvalidDefinitionException(where + "." + field + ": not a path or URI: " + e.getMessage(), e);
        }
    }

    static Optional<Duration> duration(JsonNode n, String field, String where) {
        JsonNode v = Json.at(n, field);
        if (v.isMissingNode() || v.isNull()) {
            return Optional.empty();
        }
        if (v.isNumber()) {
            return Optional.of(Duration.ofMillis(Math.round(v.asDouble() * 1000)));
        }
        String text = v.asText();
        try {
            return ProviderConfig.of(k -> text).duration(field);
        } catch (CiException e) {
            throw new InvalidDefinitionException(where + "." + field + ": `" + text + "` is not a duration (30s, 10m,"
                    + " 2h, PT30S or seconds)", e);
        }
    }

    static Optional<Integer> integer(JsonNode n, String field, String where) {
        JsonNode v = Json.at(n, field);
        if (v.isMissingNode() || v.isNull()) {
            return Optional.empty();
        }
        if (v.isIntegralNumber() && v.canConvertToInt()) {
            return Optional.of(v.asInt());
        }
        try {
            return Optional.of(Integer.parseInt(v.asText().strip()));
        } catch (NumberFormatException e) {
            throw new InvalidDefinitionException(where + "." + field + ": not an integer: " + v.asText());
        }
    }

    static List<String> strings(JsonNode n, String field, String where) {
        JsonNode v = Json.at(n, field);
        if (v.isMissingNode() || v.isNull()) {
            return List.of();
        }
        if (v.isTextual()) {
            return List.of(v.asText());
        }
        if (!v.isArray()) {
            throw new InvalidDefinitionException(where + "." + field + ": expected an array of strings");
        }
        return Json.strings(n, field);
    }

    /** An object of scalars as strings (numbers and booleans as written). */
    static Map<String, String> scalars(JsonNode n, String field, String where) {
        JsonNode v = Json.at(n, field);
        if (v.isMissingNode() || v.isNull()) {
            return Map.of();
        }
        requireObject(v, where + "." + field);
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : v.properties()) {
            if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                out.put(e.getKey(), e.getValue().asText());
            } else if (e.getValue().isArray()) {
                List<String> items = new ArrayList<>();
                e.getValue().forEach(x -> items.add(x.asText()));
                out.put(e.getKey(), String.join(" ", items));
            } else if (!e.getValue().isNull()) {
                throw new InvalidDefinitionException(where + "." + field + "." + e.getKey() + ": expected a string");
            }
        }
        return out;
    }

    private static String requiredText(JsonNode n, String field, String where) {
        return Json.nonBlank(n, field).orElseThrow(() -> new InvalidDefinitionException(where + ": " + field
                + " is required"));
    }

    static void requireObject(JsonNode n, String where) {
        if (!n.isObject()) {
            throw new InvalidDefinitionException(where + ": expected a JSON object");
        }
    }
}
