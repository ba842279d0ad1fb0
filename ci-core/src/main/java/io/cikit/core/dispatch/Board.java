package io.cikit.core.dispatch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One test board (or emulated machine) in a lab: what it is, what it offers, which runner drives it and its health.
 *
 * <p>Immutable; a {@link BoardPool} replaces a board's record when its health changes. The id names directories, so
 * it is restricted to {@code [A-Za-z0-9][A-Za-z0-9._-]{0,127}}. The architecture is normalised to the names
 * {@code cikit artifact inspect} prints ({@code aarch64} → {@code arm64}, {@code amd64} → {@code x86_64},
 * {@code armhf}/{@code armv7} → {@code arm}); anything else is kept in lower case.
 *
 * @param id unique id in its pool ({@code rpi4-01})
 * @param type the board type jobs select on ({@code rpi4}, {@code qemu-arm64}), LAVA's device type
 * @param arch CPU architecture ({@code arm64}, {@code x86_64}, …); empty when not known
 * @param tags capabilities a job may require ({@code usb}, {@code camera}), LAVA's device tags
 * @param attributes further facts ({@code ram_gb=4}, {@code soc=bcm2711}) and runner settings ({@code qemu.memory})
 * @param runner the name of the {@link HardwareRunner} that drives it ({@code local}, {@code qemu})
 * @param health whether it takes jobs
 */
public record Board(String id, String type, String arch, Set<String> tags, Map<String, String> attributes,
        String runner, BoardHealth health) {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    /** Bounds a board description read from a file. */
    static final int MAX_ENTRIES = 256;

    public Board {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(runner, "runner");
        Objects.requireNonNull(health, "health");
        checkId(id, "board id");
        if (type.isBlank()) {
            throw new IllegalArgumentException("board " + id + ": type is blank");
        }
        if (runner.isBlank()) {
            throw new IllegalArgumentException("board " + id + ": runner is blank");
        }
        if (tags.size() > MAX_ENTRIES || attributes.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException("board " + id + ": more than " + MAX_ENTRIES + " tags or attributes");
        }
        arch = normaliseArch(arch);
        tags = Set.copyOf(tags);
        attributes = Map.copyOf(attributes);
    }

    public static Builder builder(String id, String type) {
        return new Builder(id, type);
    }

    public Builder toBuilder() {
        Builder b = new Builder(id, type).arch(arch).runner(runner).health(health);
        b.tags.addAll(tags);
        b.attributes.putAll(attributes);
        return b;
    }

    /**
     * A board from JSON: {@code {"id", "type", "arch", "runner", "health", "tags": [...], "attributes": {...}}}; only
     * id and type are required, an unknown health is UNKNOWN.
     *
     * @throws InvalidDefinitionException naming the offending field
     */
    public static Board fromJson(JsonNode json) {
        return DispatchJson.board(json, "board");
    }

    /** This board as the JSON {@link #fromJson} reads. */
    public ObjectNode toJson() {
        return DispatchJson.toJson(this);
    }

    /** This board with another health. */
    public Board withHealth(BoardHealth newHealth) {
        return newHealth == health ? this : new Board(id, type, arch, tags, attributes, runner, newHealth);
    }

    /**
     * The name cikit uses for an architecture: {@code aarch64} → {@code arm64}, {@code amd64}/{@code x86-64} →
     * {@code x86_64}, {@code armhf}/{@code armv7}/{@code armv7l}/{@code armel} → {@code arm}, {@code riscv} →
     * {@code riscv64}, {@code i686}/{@code x86} → {@code i386}; others in lower case as given.
     */
    public static String normaliseArch(String arch) {
        String a = arch.strip().toLowerCase(Locale.ROOT);
        return switch (a) {
            case "aarch64", "armv8", "arm64" -> "arm64";
            case "amd64", "x86-64", "x64", "x86_64" -> "x86_64";
            case "armhf", "armv7", "armv7l", "armel", "armv7a", "arm" -> "arm";
            case "riscv", "riscv64", "rv64" -> "riscv64";
            case "i686", "i586", "i486", "x86", "i386" -> "i386";
            default -> a;
        };
    }

    static void checkId(String id, String what) {
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException(what + " must match [A-Za-z0-9][A-Za-z0-9._-]{0,127}: `"
                    + (id.length() > 80 ? id.substring(0, 80) + "…" : id) + "`");
        }
    }

    /** Builds a {@link Board}: arch defaults to empty, runner to {@code local}, health to UNKNOWN. Not thread-safe. */
    public static final class Builder {
        private final String id;
        private final String type;
        private String arch = "";
        private String runner = "local";
        private BoardHealth health = BoardHealth.UNKNOWN;
        private final Set<String> tags = new LinkedHashSet<>();
        private final Map<String, String> attributes = new LinkedHashMap<>();

        private Builder(String id, String type) {
            this.id = Objects.requireNonNull(id, "id");
            this.type = Objects.requireNonNull(type, "type");
        }

        public Builder arch(String v) {
            this.arch = Objects.requireNonNull(v, "arch");
            return this;
        }

        public Builder runner(String v) {
            this.runner = Objects.requireNonNull(v, "runner");
            return this;
        }

        public Builder health(BoardHealth v) {
            this.health = Objects.requireNonNull(v, "health");
            return this;
        }

        public Builder tag(String v) {
            this.tags.add(Objects.requireNonNull(v, "tag"));
            return this;
        }

        public Builder tags(Set<String> v) {
            v.forEach(this::tag);
            return this;
        }

        public Builder attribute(String key, String value) {
            this.attributes.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder attributes(Map<String, String> v) {
            v.forEach(this::attribute);
            return this;
        }

        public Board build() {
            return new Board(id, type, arch, tags, attributes, runner, health);
        }
    }
}
