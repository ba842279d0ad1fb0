package io.cikit.examples.discord;

import io.cikit.core.json.Json;
import io.cikit.core.notify.Notification;
import io.cikit.core.notify.Severity;
import io.cikit.core.report.Truncation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Discord webhook message made from a notification: a one-line {@code content} and one embed (title, message as
 * description, colour by severity, test id / failure id / metadata as fields, timestamp), cut to Discord's limits.
 *
 * <p>Limits ({@code https://discord.com/developers/docs/resources/message#embed-object-embed-limits}): content
 * {@value #MAX_CONTENT} characters; embed title {@value #MAX_TITLE}, description {@value #MAX_DESCRIPTION}, at most
 * {@value #MAX_FIELDS} fields with names of {@value #MAX_FIELD_NAME} and values of {@value #MAX_FIELD_VALUE}, and
 * {@value #MAX_EMBED_TOTAL} characters in the whole embed. Lengths are counted in UTF-16 chars, never fewer than
 * the characters Discord counts; a cut never splits a surrogate pair and ends in "…". When fields do not fit, the
 * last one says how many were left out. A lone surrogate becomes U+FFFD; blank field text becomes "—" (Discord
 * refuses empty fields).
 *
 * @param content the message line above the embed
 * @param title the embed title
 * @param description the embed description; empty when the notification has no message
 * @param color the embed colour, {@code 0xRRGGBB}
 * @param fields the embed fields, in order
 * @param timestamp shown by Discord in the reader's time zone
 */
record DiscordMessage(String content, String title, String description, int color, List<Field> fields, Instant timestamp) {
    static final int MAX_CONTENT = 2_000;
    static final int MAX_TITLE = 256;
    static final int MAX_DESCRIPTION = 4_096;
    static final int MAX_FIELDS = 25;
    static final int MAX_FIELD_NAME = 256;
    static final int MAX_FIELD_VALUE = 1_024;
    static final int MAX_EMBED_TOTAL = 6_000;
    /** Room kept for the "… and N more" field: 1 + "and 99999 more".length() is well under it. */
    private static final int MORE_FIELD_ROOM = 20;
    private static final int INLINE_UP_TO = 40;

    /** One embed field. */
    record Field(String name, String value, boolean inline) {
        Field {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    DiscordMessage {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        fields = List.copyOf(fields);
        Objects.requireNonNull(timestamp, "timestamp");
    }

    static DiscordMessage of(Notification n) {
        String title = cut(clean(n.title()), MAX_TITLE);
        String description = cut(clean(n.message()), MAX_DESCRIPTION);
        String content = cut("**" + n.severity().name() + "** " + clean(n.title()), MAX_CONTENT);
        List<Field> wanted = new ArrayList<>();
        n.testId().ifPresent(t -> wanted.add(field("test", t)));
        n.failureId().ifPresent(f -> wanted.add(field("failure", f)));
        n.metadata().forEach((k, v) -> wanted.add(field(k, v)));
        List<Field> fields = fit(wanted, MAX_EMBED_TOTAL - title.length() - description.length());
        return new DiscordMessage(content, title, description, color(n.severity()), fields, n.timestamp());
    }

    /** Characters Discord counts against {@value #MAX_EMBED_TOTAL}: title, description, field names and values. */
    int embedChars() {
        int total = title.length() + description.length();
        for (Field f : fields) {
            total += f.name().length() + f.value().length();
        }
        return total;
    }

    /** The execute-webhook body. Mentions are off: a title saying {@code @everyone} pings nobody. */
    byte[] json(Optional<String> username) {
        Map<String, Object> embed = new LinkedHashMap<>();
        embed.put("title", title);
        if (!description.isEmpty()) {
            embed.put("description", description);
        }
        embed.put("color", color);
        List<Map<String, Object>> fieldList = new ArrayList<>();
        for (Field f : fields) {
            fieldList.add(Map.of("name", f.name(), "value", f.value(), "inline", f.inline()));
        }
        embed.put("fields", fieldList);
        embed.put("timestamp", timestamp.toString());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("content", content);
        username.ifPresent(u -> body.put("username", u));
        body.put("allowed_mentions", Map.of("parse", List.of()));
        body.put("embeds", List.of(embed));
        return Json.write(body);
    }

    /** Keeps fields while they fit the count and the character budget; the last slot says what was left out. */
    private static List<Field> fit(List<Field> wanted, int budget) {
        List<Field> out = new ArrayList<>();
        int left = budget;
        for (int i = 0; i < wanted.size(); i++) {
            boolean lastWanted = i == wanted.size() - 1;
            int room = lastWanted ? left : left - MORE_FIELD_ROOM;
            if (out.size() == MAX_FIELDS - 1 && !lastWanted || room < 2) {
                break;
            }
            Field f = wanted.get(i);
            String name = cut(f.name(), Math.min(MAX_FIELD_NAME, room - 1));
            String value = cut(f.value(), Math.min(MAX_FIELD_VALUE, room - name.length()));
            out.add(new Field(name, value, value.length() <= INLINE_UP_TO));
            left -= name.length() + value.length();
        }
        int leftOut = wanted.size() - out.size();
        if (leftOut > 0) {
            out.add(new Field("…", "and " + leftOut + " more", false));
        }
        return out;
    }

    private static Field field(String name, String value) {
        return new Field(nonBlank(clean(name)), nonBlank(clean(value)), false);
    }

    private static int color(Severity severity) {
        return switch (severity) {
            case INFO -> 0x3498DB;
            case WARNING -> 0xF1C40F;
            case ERROR -> 0xE74C3C;
            case CRITICAL -> 0x992D22;
        };
    }

    private static String nonBlank(String s) {
        return s.isBlank() ? "—" : s;
    }

    /** At most {@code max} chars, ending in "…" when cut, never splitting a surrogate pair. */
    static String cut(String s, int max) {
        return Truncation.ellipsis(s, max);
    }

    /** Each lone surrogate becomes U+FFFD, so the JSON is valid UTF-8 whatever the notification holds. */
    static String clean(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.append(c).append(s.charAt(++i));
            } else {
                out.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        // the text may be long and is the notification's business, not a log's
        return "DiscordMessage[fields=" + fields.size() + ", embedChars=" + embedChars() + "]";
    }
}
