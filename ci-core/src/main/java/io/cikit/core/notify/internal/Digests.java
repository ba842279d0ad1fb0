package io.cikit.core.notify.internal;

import io.cikit.core.notify.Notification;
import io.cikit.core.notify.Recipient;
import io.cikit.core.notify.Severity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Builds the one notification that stands for a group, and the fingerprint that recognises a repeat. Both depend
 * only on the set of members, never on the order they arrived in. Stateless.
 */
public final class Digests {
    /** Members are listed in this order: oldest first, ties by id. */
    public static final Comparator<Notification> ORDER =
            Comparator.comparing(Notification::timestamp).thenComparing(Notification::id);

    private static final int MAX_BOARDS_LISTED = 50;

    private Digests() {
    }

    /**
     * What makes two notifications "the same" for repeat suppression: title, message, severity, test id, failure
     * id and metadata; not id, timestamp, channels or recipients.
     */
    public static String fingerprint(Notification n) {
        MessageDigest sha = sha256();
        update(sha, n.title());
        update(sha, n.message());
        update(sha, n.severity().name());
        update(sha, n.testId().orElse("\u0001"));
        update(sha, n.failureId().orElse("\u0001"));
        String[] keys = n.metadata().keySet().toArray(new String[0]);
        java.util.Arrays.sort(keys);
        for (String key : keys) {
            update(sha, key);
            update(sha, n.metadata().get(key));
        }
        return HexFormat.of().formatHex(sha.digest(), 0, 16);
    }

    /**
     * The digest for a group's members (at least two) on one channel. Its id is derived from the channel, the key
     * and the member ids, so re-forming the same group after a crash yields the same id and idempotency key.
     */
    public static Notification digest(String channel, String key, List<Notification> members, int maxLines) {
        if (members.size() < 2) {
            throw new IllegalArgumentException("a digest needs at least two members");
        }
        List<Notification> sorted = new ArrayList<>(members);
        sorted.sort(ORDER);
        int n = sorted.size();
        TreeSet<String> boards = new TreeSet<>();
        for (Notification m : sorted) {
            m.meta(Notification.BOARD).ifPresent(boards::add);
        }
        Optional<String> testId = common(sorted, Notification::testId);
        Optional<String> branch = common(sorted, m -> m.meta(Notification.BRANCH));
        Optional<String> failureId = common(sorted, Notification::failureId);

        StringBuilder title = new StringBuilder();
        if (testId.isPresent() && boards.size() > 1) {
            title.append(boards.size()).append(" boards failed `").append(testId.get()).append('`');
        } else if (testId.isPresent() && boards.size() == 1) {
            title.append(boards.first()).append(" failed `").append(testId.get()).append("` ").append(n).append(" times");
        } else if (testId.isPresent()) {
            title.append(n).append(" failures of `").append(testId.get()).append('`');
        } else {
            title.append(n).append(" notifications: ").append(sorted.get(0).title());
        }
        branch.ifPresent(b -> title.append(" on ").append(b));

        StringBuilder message = new StringBuilder();
        int listed = Math.min(n, maxLines);
        for (int i = 0; i < listed; i++) {
            Notification m = sorted.get(i);
            message.append("- ");
            if (m.severity() != Severity.INFO) {
                message.append('[').append(m.severity()).append("] ");
            }
            m.meta(Notification.BOARD).ifPresent(b -> message.append(b).append(": "));
            message.append(m.title());
            m.failureId().filter(f -> failureId.isEmpty()).ifPresent(f -> message.append(" (").append(f).append(')'));
            message.append('\n');
        }
        if (n > listed) {
            message.append("… and ").append(n - listed).append(" more\n");
        }

        Severity severity = Severity.INFO;
        Instant latest = Instant.MIN;
        LinkedHashSet<Recipient> recipients = new LinkedHashSet<>();
        for (Notification m : sorted) {
            severity = severity.max(m.severity());
            latest = m.timestamp().isAfter(latest) ? m.timestamp() : latest;
            recipients.addAll(m.recipients());
        }

        TreeMap<String, String> meta = new TreeMap<>();
        for (Map.Entry<String, String> e : sorted.get(0).metadata().entrySet()) {
            if (e.getKey().equals(Notification.BOARD)) {
                continue;
            }
            boolean shared = sorted.stream().allMatch(m -> e.getValue().equals(m.metadata().get(e.getKey())));
            if (shared && meta.size() < Notification.MAX_METADATA_ENTRIES - 3) {
                meta.put(e.getKey(), e.getValue());
            }
        }
        if (!boards.isEmpty()) {
            List<String> shown = boards.stream().limit(MAX_BOARDS_LISTED).toList();
            String list = String.join(", ", shown) + (boards.size() > shown.size() ? ", +" + (boards.size() - shown.size()) + " more" : "");
            meta.put("boards", list);
        }
        meta.put("group-key", key);
        meta.put("group-size", Integer.toString(n));

        MessageDigest sha = sha256();
        update(sha, channel);
        update(sha, key);
        for (Notification m : sorted.stream().sorted(Comparator.comparing(Notification::id)).toList()) {
            update(sha, m.id());
        }
        String id = "digest-" + HexFormat.of().formatHex(sha.digest(), 0, 16);

        Notification.Builder b = Notification.builder()
                .id(id)
                .title(title.toString())
                .message(message.toString())
                .severity(severity)
                .channels(channel)
                .recipients(List.copyOf(recipients).subList(0, Math.min(recipients.size(), Notification.MAX_RECIPIENTS)))
                .metadata(meta)
                .timestamp(latest)
                .groupKey(shorten(key));
        testId.ifPresent(b::testId);
        failureId.ifPresent(b::failureId);
        return b.build();
    }

    private static String shorten(String key) {
        return key.length() <= Notification.MAX_ID ? key : key.substring(0, Notification.MAX_ID);
    }

    private static <T> Optional<T> common(List<Notification> members, Function<Notification, Optional<T>> field) {
        Optional<T> first = field.apply(members.get(0));
        if (first.isEmpty()) {
            return first;
        }
        for (Notification m : members) {
            if (!Objects.equals(field.apply(m), first)) {
                return Optional.empty();
            }
        }
        return first;
    }

    private static void update(MessageDigest sha, String s) {
        sha.update(s.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
