package io.cikit.core.dispatch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which boards a job may run on: a board type, an architecture, tags the board must all have (the job's tags ⊆ the
 * board's, as in LAVA) and conditions on attributes. An empty selector matches every board. Type and architecture
 * compare case-insensitively, the architecture after {@link Board#normaliseArch}.
 *
 * <p>Immutable and thread-safe; equal selectors share a queue lane in the {@link Dispatcher}.
 *
 * @param boardId one specific board (health checks use this); empty for any
 * @param type the board type; empty for any
 * @param arch the architecture; empty for any
 * @param tags tags every chosen board has
 * @param attributes conditions on the board's attributes, by attribute name
 */
public record BoardSelector(Optional<String> boardId, Optional<String> type, Optional<String> arch, Set<String> tags,
        Map<String, AttributeMatcher> attributes) {

    private static final BoardSelector ANY = new BoardSelector(Optional.empty(), Optional.empty(), Optional.empty(),
            Set.of(), Map.of());

    public BoardSelector {
        Objects.requireNonNull(boardId, "boardId");
        Objects.requireNonNull(type, "type");
        arch = Objects.requireNonNull(arch, "arch").map(Board::normaliseArch);
        tags = Set.copyOf(tags);
        attributes = Map.copyOf(attributes);
        if (tags.size() > Board.MAX_ENTRIES || attributes.size() > Board.MAX_ENTRIES) {
            throw new IllegalArgumentException("selector: more than " + Board.MAX_ENTRIES + " tags or attributes");
        }
    }

    /** Matches every board. */
    public static BoardSelector any() {
        return ANY;
    }

    /** Matches one board by id. */
    public static BoardSelector board(String id) {
        return new BoardSelector(Optional.of(id), Optional.empty(), Optional.empty(), Set.of(), Map.of());
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A selector from JSON: {@code {"board", "type", "arch", "tags": [...], "attributes": {"name": matcher}}}, every
     * field optional (see {@link AttributeMatcher} for matchers).
     *
     * @throws InvalidDefinitionException naming the offending field
     */
    public static BoardSelector fromJson(JsonNode json) {
        return DispatchJson.selector(json, "selector");
    }

    public ObjectNode toJson() {
        return DispatchJson.toJson(this);
    }

    /** Whether the board satisfies every condition (its health is not looked at). */
    public boolean matches(Board board) {
        if (boardId.isPresent() && !boardId.get().equals(board.id())) {
            return false;
        }
        if (type.isPresent() && !type.get().equalsIgnoreCase(board.type())) {
            return false;
        }
        if (arch.isPresent() && !arch.get().equals(board.arch())) {
            return false;
        }
        if (!board.tags().containsAll(tags)) {
            return false;
        }
        for (Map.Entry<String, AttributeMatcher> a : attributes.entrySet()) {
            if (!a.getValue().test(Optional.ofNullable(board.attributes().get(a.getKey())))) {
                return false;
            }
        }
        return true;
    }

    /** Builds a {@link BoardSelector}. Not thread-safe. */
    public static final class Builder {
        private Optional<String> boardId = Optional.empty();
        private Optional<String> type = Optional.empty();
        private Optional<String> arch = Optional.empty();
        private final Set<String> tags = new LinkedHashSet<>();
        private final Map<String, AttributeMatcher> attributes = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder board(String id) {
            this.boardId = Optional.of(id);
            return this;
        }

        public Builder type(String v) {
            this.type = Optional.of(v);
            return this;
        }

        public Builder arch(String v) {
            this.arch = Optional.of(v);
            return this;
        }

        public Builder tag(String v) {
            this.tags.add(Objects.requireNonNull(v, "tag"));
            return this;
        }

        /** The attribute must equal {@code value}. */
        public Builder attribute(String name, String value) {
            return attribute(name, new AttributeMatcher.Equals(value));
        }

        public Builder attribute(String name, AttributeMatcher matcher) {
            this.attributes.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(matcher, "matcher"));
            return this;
        }

        public BoardSelector build() {
            return new BoardSelector(boardId, type, arch, tags, attributes);
        }
    }
}
