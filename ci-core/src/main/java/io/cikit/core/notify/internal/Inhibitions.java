package io.cikit.core.notify.internal;

import io.cikit.core.notify.InhibitionRule;
import io.cikit.core.notify.Notification;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The inhibitions open now, per rule and scope. Thread-safe; bounded to {@link #MAX_OPEN} entries. */
public final class Inhibitions {
    public static final int MAX_OPEN = 10_000;

    private record Open(String sourceId, Instant until) {
    }

    private final List<InhibitionRule> rules;
    private final LinkedHashMap<String, Open> open = new LinkedHashMap<>();

    public Inhibitions(List<InhibitionRule> rules) {
        this.rules = List.copyOf(rules);
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** Opens or closes inhibitions this notification is a source or resolver for. */
    public synchronized void observe(Notification n, Instant now) {
        for (InhibitionRule rule : rules) {
            Optional<String> scope = rule.scopeOf(n);
            if (scope.isEmpty()) {
                continue;
            }
            if (rule.resolves(n)) {
                open.remove(scope.get());
            } else if (rule.isSource(n)) {
                open.remove(scope.get());
                open.put(scope.get(), new Open(n.id(), now.plus(rule.duration())));
                trim(now);
            }
        }
    }

    /** Why this notification is muted now, if it is. */
    public synchronized Optional<String> mutedBy(Notification n, Instant now) {
        for (InhibitionRule rule : rules) {
            if (!rule.isTarget(n)) {
                continue;
            }
            Optional<String> scope = rule.scopeOf(n);
            if (scope.isEmpty()) {
                continue;
            }
            Open o = open.get(scope.get());
            if (o != null) {
                if (o.until().isAfter(now)) {
                    return Optional.of("inhibited by " + rule.name() + " notification " + o.sourceId());
                }
                open.remove(scope.get());
            }
        }
        return Optional.empty();
    }

    private void trim(Instant now) {
        if (open.size() <= MAX_OPEN) {
            return;
        }
        for (Iterator<Map.Entry<String, Open>> it = open.entrySet().iterator(); it.hasNext(); ) {
            if (!it.next().getValue().until().isAfter(now)) {
                it.remove();
            }
        }
        Iterator<String> oldest = open.keySet().iterator();
        while (open.size() > MAX_OPEN && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }
}
