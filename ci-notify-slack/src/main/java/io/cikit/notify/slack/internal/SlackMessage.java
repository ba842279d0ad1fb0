package io.cikit.notify.slack.internal;

import io.cikit.core.notify.Notification;
import io.cikit.core.notify.Recipient;
import io.cikit.core.notify.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;

/**
 * Renders a {@link Notification} as a Slack message ({@code text} plus Block Kit {@code blocks}) that respects
 * Slack's limits before it is sent: {@value #MAX_BLOCKS} blocks, header {@value #MAX_HEADER} chars, section text
 * {@value #MAX_SECTION_TEXT}, {@value #MAX_FIELDS} fields of {@value #MAX_FIELD_TEXT} chars per section,
 * top-level text {@value #MAX_TOP_TEXT}, and a budget of {@value #DEFAULT_BUDGET} chars over all text of the
 * message (Slack refuses messages well below the sum of the per-part limits). What does not fit is cut with "…"
 * (see {@link SlackText#truncate}) or left out with a note saying how much was left out.
 *
 * <p>Stateless and thread-safe.
 */
public final class SlackMessage {
    public static final int MAX_BLOCKS = 50;
    public static final int MAX_HEADER = 150;
    public static final int MAX_SECTION_TEXT = 3_000;
    public static final int MAX_FIELDS = 10;
    public static final int MAX_FIELD_TEXT = 2_000;
    public static final int MAX_TOP_TEXT = 40_000;
    public static final int MAX_CONTEXT_TEXT = 2_000;
    /** Whole-message text budget; Slack has refused messages near 13,000 chars in total. */
    public static final int DEFAULT_BUDGET = 12_000;
    /** The shortest piece worth sending; below it a part is left out instead of cut. */
    private static final int MIN_PIECE = 16;
    private static final int MAX_MENTIONS = 50;

    private SlackMessage() {
    }

    /** The emoji shown before the title for a severity. */
    public static String emoji(Severity severity) {
        return switch (severity) {
            case INFO -> ":information_source:";
            case WARNING -> ":warning:";
            case ERROR -> ":x:";
            case CRITICAL -> ":rotating_light:";
        };
    }

    /** The message body for a webhook or {@code chat.postMessage} (without {@code channel}/{@code thread_ts}). */
    public static Map<String, Object> render(Notification n) {
        return render(n, DEFAULT_BUDGET);
    }

    /** Like {@link #render(Notification)} with another whole-message budget (at least 1,000). */
    public static Map<String, Object> render(Notification n, int budget) {
        if (budget < 1_000) {
            throw new IllegalArgumentException("budget must be at least 1000: " + budget);
        }
        Budget left = new Budget(budget);
        List<Map<String, Object>> blocks = new ArrayList<>();

        String title = SlackText.clean(n.title()).replace('\n', ' ');
        String headerText = left.take(emoji(n.severity()) + " " + title, MAX_HEADER);
        String fallback = left.take("[" + n.severity() + "] " + SlackText.escape(title), Math.min(MAX_TOP_TEXT, 500));
        blocks.add(Map.of("type", "header", "text", plain(headerText)));

        if (!n.message().isBlank()) {
            String body = left.take(SlackText.escape(n.message()), MAX_SECTION_TEXT);
            if (!body.isEmpty()) {
                blocks.add(section(body));
            }
        }

        // reserve the closing context (severity, ids, mentions) so fields cannot starve it
        String context = contextText(n);
        int contextReserve = Math.min(context.length(), 600) + 40;
        left.reserve(contextReserve);

        List<Entry<String, String>> entries = new ArrayList<>(n.metadata().entrySet());
        int shown = 0;
        List<Object> fields = new ArrayList<>();
        for (Entry<String, String> e : entries) {
            if (blocks.size() >= MAX_BLOCKS - 2) {
                break;
            }
            String field = field(e.getKey(), e.getValue());
            String taken = left.take(field, MAX_FIELD_TEXT);
            if (taken.isEmpty()) {
                break;
            }
            fields.add(mrkdwn(taken));
            shown++;
            if (fields.size() == MAX_FIELDS) {
                blocks.add(Map.of("type", "section", "fields", List.copyOf(fields)));
                fields.clear();
            }
        }
        if (!fields.isEmpty()) {
            blocks.add(Map.of("type", "section", "fields", List.copyOf(fields)));
        }
        left.release(contextReserve);
        int omitted = entries.size() - shown;
        String closing = omitted > 0 ? context + " · _" + omitted + " more field(s) left out_" : context;
        String contextTaken = left.take(closing, MAX_CONTEXT_TEXT);
        if (!contextTaken.isEmpty()) {
            blocks.add(Map.of("type", "context", "elements", List.of(mrkdwn(contextTaken))));
        }

        Map<String, Object> message = new LinkedHashMap<>();
        message.put("text", fallback);
        message.put("blocks", List.copyOf(blocks));
        return message;
    }

    private static String field(String key, String value) {
        String v = SlackText.isLinkable(value) ? SlackText.link(value, value) : SlackText.escape(value);
        return "*" + SlackText.escape(key).replace('\n', ' ') + "*\n" + v;
    }

    private static String contextText(Notification n) {
        StringBuilder sb = new StringBuilder();
        sb.append(emoji(n.severity())).append(" *").append(n.severity()).append('*');
        n.testId().ifPresent(t -> sb.append(" · test `").append(SlackText.escape(t).replace("`", "'")).append('`'));
        n.failureId().ifPresent(f -> sb.append(" · failure ").append(SlackText.escape(f)));
        sb.append(" · <!date^").append(n.timestamp().getEpochSecond()).append("^{date_short_pretty} {time}|")
                .append(n.timestamp()).append('>');
        int mentions = 0;
        for (Recipient r : n.recipients()) {
            if (mentions == MAX_MENTIONS) {
                break;
            }
            if (r.slackUserId().filter(SlackMessage::isSlackId).isPresent()) {
                String id = r.slackUserId().orElseThrow();
                // user ids mention a person, S… ids a user group
                sb.append(mentions == 0 ? " · " : " ").append(id.startsWith("S") ? "<!subteam^" + id + ">" : "<@" + id + ">");
                mentions++;
            }
        }
        return sb.toString();
    }

    private static boolean isSlackId(String id) {
        if (id.isEmpty() || id.length() > 32) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, Object> section(String text) {
        return Map.of("type", "section", "text", mrkdwn(text));
    }

    private static Map<String, Object> mrkdwn(String text) {
        return Map.of("type", "mrkdwn", "text", text);
    }

    private static Map<String, Object> plain(String text) {
        return Map.of("type", "plain_text", "text", text, "emoji", true);
    }

    /** Chars left for the whole message. */
    private static final class Budget {
        private int left;

        Budget(int total) {
            this.left = total;
        }

        /** The text cut to its own limit and to what is left; empty when too little is left to be worth it. */
        String take(String text, int limit) {
            int max = Math.min(limit, left);
            if (max < Math.min(MIN_PIECE, text.length()) || max < 1) {
                return "";
            }
            String out = SlackText.truncate(text, max);
            left -= out.length();
            return out;
        }

        void reserve(int n) {
            left -= n;
        }

        void release(int n) {
            left += n;
        }
    }
}
