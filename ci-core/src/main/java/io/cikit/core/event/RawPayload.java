package io.cikit.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import io.cikit.core.json.Json;
import io.cikit.core.json.JsonLimits;
import io.cikit.core.json.MalformedJsonException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The provider's own document an event was parsed from, so fields cikit does not model stay reachable.
 *
 * <p>Holds either a parsed tree ({@link #RawPayload(String, JsonNode)}) or the body's bytes, read into a tree the
 * first time {@link #json()} is asked for ({@link #lazy}): a parser that reads only the fields it maps can hand the
 * rest over without building a tree nobody may look at. Reading uses {@link Json#read(byte[], JsonLimits)} with the
 * limits given, once; the bytes are dropped afterwards.
 *
 * <p>Thread-safe: a lazy tree is built at most once and every caller gets the same tree, which is shared, so treat it
 * as read-only. Equality is by event name and tree ({@code equals} and {@code hashCode} build a lazy payload's
 * tree); {@code toString} names the event and the document's size, never its content.
 */
public final class RawPayload {
    private final String eventName;
    private final JsonLimits limits;
    private final int length;
    private final Object lock = new Object();
    private byte @Nullable [] body;
    private volatile @Nullable JsonNode json;

    /**
     * A payload whose tree is already parsed.
     *
     * @param eventName the provider's event name as sent ({@code push}, {@code Merge Request Hook}, …)
     * @param json the parsed body; shared, so treat it as read-only
     */
    public RawPayload(String eventName, JsonNode json) {
        this.eventName = Objects.requireNonNull(eventName, "eventName");
        this.json = Objects.requireNonNull(json, "json");
        this.limits = JsonLimits.DEFAULT;
        this.length = -1;
        this.body = null;
    }

    private RawPayload(String eventName, byte[] body, JsonLimits limits) {
        this.eventName = Objects.requireNonNull(eventName, "eventName");
        this.body = Objects.requireNonNull(body, "body");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.length = body.length;
        this.json = null;
    }

    /**
     * A payload kept as the JSON bytes it arrived as, read into a tree on the first {@link #json()}.
     *
     * <p>The array is not copied: the payload takes ownership of it, so the caller must not change it afterwards (a
     * {@code WebhookRequest}'s body is handed over the same way). The bytes should be one JSON document the caller
     * has already read through (to validate it); otherwise {@link #json()} is where the failure shows.
     *
     * @param eventName the provider's event name as sent
     * @param json the body: one UTF-8 (or UTF-16/32) JSON document
     * @param limits the bounds to read it with, the same the caller validated it with
     */
    public static RawPayload lazy(String eventName, byte[] json, JsonLimits limits) {
        return new RawPayload(eventName, json, limits);
    }

    /** The provider's event name as sent ({@code push}, {@code Merge Request Hook}, …). */
    public String eventName() {
        return eventName;
    }

    /**
     * The parsed body, built on the first call for a {@link #lazy} payload; shared, so treat it as read-only.
     *
     * @throws MalformedJsonException when a lazy payload's bytes are not a JSON document within its limits (a failed
     *     read is not remembered: the next call tries again and fails the same way)
     */
    public JsonNode json() {
        JsonNode tree = json;
        if (tree != null) {
            return tree;
        }
        synchronized (lock) {
            tree = json;
            if (tree == null) {
                byte[] bytes = Objects.requireNonNull(body, "body");
                tree = Json.read(bytes, limits);
                json = tree;
                body = null;
            }
            return tree;
        }
    }

    /** Whether the tree has been built (always for a payload made from a tree): lets diagnostics tell without paying. */
    public boolean isParsed() {
        return json != null;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o == this || o instanceof RawPayload other && eventName.equals(other.eventName) && json().equals(other.json());
    }

    @Override
    public int hashCode() {
        return 31 * eventName.hashCode() + json().hashCode();
    }

    @Override
    public String toString() {
        JsonNode tree = json;
        String content = tree != null ? "json=" + tree.getNodeType() + " of " + tree.size() + " entries"
                : length + " bytes, not read yet";
        return "RawPayload[eventName=" + eventName + ", " + content + "]";
    }
}
