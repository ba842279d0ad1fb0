package io.cikit.core.webhook;

import io.cikit.core.event.CiEvent;
import io.cikit.core.event.EventType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The handlers registered with a {@link Webhooks}, in registration order. Copy-on-write: registration is rare,
 * dispatch is frequent and must not see a half-changed table.
 */
final class HandlerTable {

    /** One registration: which events it takes and what to call. {@code description} names it in logs. */
    record Entry(String description, Predicate<CiEvent> accepts, Consumer<CiEvent> handler) {
        Entry {
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(accepts, "accepts");
            Objects.requireNonNull(handler, "handler");
        }
    }

    private final CopyOnWriteArrayList<Entry> entries = new CopyOnWriteArrayList<>();

    static <E extends CiEvent> Entry byClass(Class<E> type, Consumer<? super E> handler) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(handler, "handler");
        return new Entry(type.getSimpleName(), type::isInstance, event -> handler.accept(type.cast(event)));
    }

    static Entry byType(EventType type, Consumer<? super CiEvent> handler) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(handler, "handler");
        return new Entry(type.wireName(), event -> event.type() == type, handler::accept);
    }

    static Entry any(Consumer<? super CiEvent> handler) {
        Objects.requireNonNull(handler, "handler");
        return new Entry("any", event -> true, handler::accept);
    }

    void add(Entry entry) {
        entries.add(entry);
    }

    void addAll(List<Entry> more) {
        entries.addAll(more);
    }

    /** Removes exactly this registration (by identity: the same handler may be registered twice). */
    boolean remove(Entry entry) {
        return entries.removeIf(e -> e == entry);
    }

    /** The registrations that take this event, in registration order. */
    List<Entry> matching(CiEvent event) {
        // a loop, not a stream: this runs on every delivery, usually for one or two entries
        List<Entry> matching = List.of();
        for (Entry e : entries) {
            if (e.accepts().test(event)) {
                if (matching.isEmpty()) {
                    matching = new ArrayList<>(2);
                }
                matching.add(e);
            }
        }
        return matching;
    }

    int size() {
        return entries.size();
    }
}
