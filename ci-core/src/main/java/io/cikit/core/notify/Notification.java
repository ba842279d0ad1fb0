package io.cikit.core.notify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Something to tell people about: a failed test, a broken build, a recovered board.
 *
 * <p>Immutable. {@code channels} are channel names ({@code "slack"}, {@code "email"}, {@code "teams"}, or any name
 * an SPI channel answers to), lower-case and distinct. {@code metadata} keeps insertion order (channels render it as
 * fields); a few keys have a meaning to the dispatcher: {@link #BRANCH}, {@link #BUILD}, {@link #BOARD},
 * {@link #FAILURE_KIND}.
 *
 * <p>Limits, enforced by the constructor ({@link IllegalArgumentException} beyond them) and met by the
 * {@link Builder}, which shortens over-long text instead: id {@value #MAX_ID} chars, title {@value #MAX_TITLE},
 * message {@value #MAX_MESSAGE}, {@value #MAX_METADATA_ENTRIES} metadata entries (keys {@value #MAX_METADATA_KEY},
 * values {@value #MAX_METADATA_VALUE} chars), {@value #MAX_CHANNELS} channels, {@value #MAX_RECIPIENTS} recipients,
 * test id / failure id / group key {@value #MAX_ID} chars each.
 *
 * @param id unique per notification; the idempotency key of each delivery is derived from it
 * @param groupKey overrides the key {@link GroupingPolicy} would derive
 */
public record Notification(
        String id,
        String title,
        String message,
        Severity severity,
        List<String> channels,
        List<Recipient> recipients,
        Map<String, String> metadata,
        Instant timestamp,
        Optional<String> testId,
        Optional<String> failureId,
        Optional<String> groupKey) {

    /** Metadata key: the branch the failure happened on. Part of the default group key. */
    public static final String BRANCH = "branch";
    /** Metadata key: the build (id or URL) the notification belongs to; used by build-broken inhibition. */
    public static final String BUILD = "build";
    /** Metadata key: the board the failure happened on; digests count distinct boards. */
    public static final String BOARD = "board";
    /** Metadata key: what kind of failure ({@code test-failed}, {@code build-broken}, …). Part of the group key. */
    public static final String FAILURE_KIND = "failure-kind";

    public static final int MAX_ID = 256;
    public static final int MAX_TITLE = 1_000;
    public static final int MAX_MESSAGE = 65_536;
    public static final int MAX_METADATA_ENTRIES = 64;
    public static final int MAX_METADATA_KEY = 128;
    public static final int MAX_METADATA_VALUE = 4_096;
    public static final int MAX_CHANNELS = 16;
    public static final int MAX_RECIPIENTS = 256;

    public Notification {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(channels, "channels");
        Objects.requireNonNull(recipients, "recipients");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(testId, "testId");
        Objects.requireNonNull(failureId, "failureId");
        Objects.requireNonNull(groupKey, "groupKey");
        if (id.isBlank()) {
            throw new IllegalArgumentException("a notification needs a non-blank id");
        }
        within("id", id, MAX_ID);
        within("title", title, MAX_TITLE);
        within("message", message, MAX_MESSAGE);
        testId.ifPresent(t -> within("testId", t, MAX_ID));
        failureId.ifPresent(t -> within("failureId", t, MAX_ID));
        groupKey.ifPresent(t -> within("groupKey", t, MAX_ID));
        channels = normaliseChannels(channels);
        recipients = List.copyOf(recipients);
        if (recipients.size() > MAX_RECIPIENTS) {
            throw new IllegalArgumentException("at most " + MAX_RECIPIENTS + " recipients, got " + recipients.size());
        }
        metadata = copyMetadata(metadata);
    }

    /** A builder with a random id and no timestamp yet ({@code build()} stamps the current time if none is set). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding every field of this notification. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.title = title;
        b.message = message;
        b.severity = severity;
        b.severitySet = true;
        b.channels.addAll(channels);
        b.recipients.addAll(recipients);
        b.metadata.putAll(metadata);
        b.timestamp = timestamp;
        b.testId = testId.orElse(null);
        b.failureId = failureId.orElse(null);
        b.groupKey = groupKey.orElse(null);
        return b;
    }

    /** The metadata value under a key, if present and not blank. */
    public Optional<String> meta(String key) {
        String v = metadata.get(key);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
    }

    /** This notification addressed to other channels. */
    public Notification withChannels(Collection<String> newChannels) {
        return new Notification(id, title, message, severity, List.copyOf(newChannels), recipients, metadata, timestamp,
                testId, failureId, groupKey);
    }

    /**
     * Lower-cases and checks a channel name: 1 to 64 of {@code a-z 0-9 . _ -}, starting with a letter or digit.
     * {@link IllegalArgumentException} when it is not one.
     */
    public static String channelName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (!validChannelName(n)) {
            throw new IllegalArgumentException("not a channel name (letters, digits, '.', '_', '-'; at most 64): " + name);
        }
        return n;
    }

    // a loop rather than a regex: journal replay checks every delivery's channel names
    private static boolean validChannelName(String n) {
        if (n.isEmpty() || n.length() > 64) {
            return false;
        }
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (!alnum && (i == 0 || (c != '.' && c != '_' && c != '-'))) {
                return false;
            }
        }
        return true;
    }

    private static List<String> normaliseChannels(List<String> channels) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String c : channels) {
            out.add(channelName(Objects.requireNonNull(c, "channel")));
        }
        if (out.size() > MAX_CHANNELS) {
            throw new IllegalArgumentException("at most " + MAX_CHANNELS + " channels, got " + out.size());
        }
        return List.copyOf(out);
    }

    private static Map<String, String> copyMetadata(Map<String, String> metadata) {
        if (metadata.size() > MAX_METADATA_ENTRIES) {
            throw new IllegalArgumentException("at most " + MAX_METADATA_ENTRIES + " metadata entries, got " + metadata.size());
        }
        LinkedHashMap<String, String> copy = new LinkedHashMap<>();
        metadata.forEach((k, v) -> {
            Objects.requireNonNull(k, "metadata key");
            Objects.requireNonNull(v, "metadata value");
            within("metadata key", k, MAX_METADATA_KEY);
            within("metadata value of " + k, v, MAX_METADATA_VALUE);
            copy.put(k, v);
        });
        return Collections.unmodifiableMap(copy);
    }

    private static void within(String what, String value, int max) {
        if (value.length() > max) {
            throw new IllegalArgumentException(what + " longer than " + max + " chars (" + value.length() + ")");
        }
    }

    /** Shortens text to at most {@code max} chars, ending in an ellipsis, never splitting a surrogate pair. */
    static String shorten(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }

    /**
     * Builds a {@link Notification}. Title and severity are required; over-long title, message and metadata values
     * are shortened (ending in "…") rather than refused. Not thread-safe.
     */
    public static final class Builder {
        private @Nullable String id;
        private String title = "";
        private String message = "";
        private Severity severity = Severity.INFO;
        private boolean severitySet;
        private final List<String> channels = new ArrayList<>();
        private final List<Recipient> recipients = new ArrayList<>();
        private final Map<String, String> metadata = new LinkedHashMap<>();
        private @Nullable Instant timestamp;
        private @Nullable String testId;
        private @Nullable String failureId;
        private @Nullable String groupKey;

        private Builder() {
        }

        public Builder id(String id) {
            this.id = Objects.requireNonNull(id, "id");
            return this;
        }

        public Builder title(String title) {
            this.title = shorten(Objects.requireNonNull(title, "title"), MAX_TITLE);
            return this;
        }

        public Builder message(String message) {
            this.message = shorten(Objects.requireNonNull(message, "message"), MAX_MESSAGE);
            return this;
        }

        public Builder severity(Severity severity) {
            this.severity = Objects.requireNonNull(severity, "severity");
            this.severitySet = true;
            return this;
        }

        /** Adds channels by name. */
        public Builder channels(String... names) {
            channels.addAll(List.of(names));
            return this;
        }

        /** Replaces the channels. */
        public Builder channels(Collection<String> names) {
            channels.clear();
            channels.addAll(names);
            return this;
        }

        public Builder recipient(Recipient recipient) {
            recipients.add(Objects.requireNonNull(recipient, "recipient"));
            return this;
        }

        public Builder recipients(Collection<Recipient> all) {
            all.forEach(this::recipient);
            return this;
        }

        /** Adds (or replaces) a metadata entry; the value is shortened to {@value #MAX_METADATA_VALUE} chars. */
        public Builder meta(String key, String value) {
            metadata.put(Objects.requireNonNull(key, "key"), shorten(Objects.requireNonNull(value, "value"), MAX_METADATA_VALUE));
            return this;
        }

        public Builder metadata(Map<String, String> entries) {
            entries.forEach(this::meta);
            return this;
        }

        public Builder timestamp(Instant timestamp) {
            this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
            return this;
        }

        public Builder testId(String testId) {
            this.testId = Objects.requireNonNull(testId, "testId");
            return this;
        }

        public Builder failureId(String failureId) {
            this.failureId = Objects.requireNonNull(failureId, "failureId");
            return this;
        }

        public Builder groupKey(String groupKey) {
            this.groupKey = Objects.requireNonNull(groupKey, "groupKey");
            return this;
        }

        /**
         * The notification. {@link IllegalStateException} without a title or severity; the constructor's
         * {@link IllegalArgumentException} for limits the builder does not shorten (ids, counts).
         */
        public Notification build() {
            if (title.isBlank()) {
                throw new IllegalStateException("a notification needs a title");
            }
            if (!severitySet) {
                throw new IllegalStateException("a notification needs a severity");
            }
            // a random id only when none was given: UUID.randomUUID() draws on a shared SecureRandom
            return new Notification(id != null ? id : UUID.randomUUID().toString(), title, message, severity, channels,
                    recipients, metadata,
                    timestamp != null ? timestamp : Instant.now(), Optional.ofNullable(testId),
                    Optional.ofNullable(failureId), Optional.ofNullable(groupKey));
        }
    }
}
