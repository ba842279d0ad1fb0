package io.cikit.notify.teams;

import io.cikit.core.json.Json;
import io.cikit.core.notify.Notification;
import io.cikit.core.notify.Recipient;
import io.cikit.core.notify.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a notification as a Teams message: an Adaptive Card v1.5 inside the Workflows envelope, or a legacy
 * MessageCard. The serialised message is kept under {@value #BUDGET_BYTES} UTF-8 bytes (Teams refuses ~28 KB): the
 * message text, then facts, then mentions are cut until it fits. Stateless, thread-safe.
 */
final class TeamsCard {
    /** Bytes the serialised message may take (Teams' limit is about 28 KB; the rest is headroom). */
    static final int BUDGET_BYTES = 27_000;
    static final int MAX_TITLE = 500;
    static final int MAX_FACT_TITLE = 128;
    static final int MAX_FACT_VALUE = 1_000;
    static final int MAX_MENTIONS = 20;

    private TeamsCard() {
    }

    static byte[] adaptive(Notification n) {
        return fit(n, (note, message, facts, mentions) -> adaptiveMessage(note, message, facts, mentions));
    }

    static byte[] messageCard(Notification n) {
        return fit(n, (note, message, facts, mentions) -> messageCardMessage(note, message, facts));
    }

    private interface Renderer {
        Map<String, Object> render(Notification n, String message, List<Map.Entry<String, String>> facts, int mentions);
    }

    private static byte[] fit(Notification n, Renderer renderer) {
        String message = clean(n.message());
        List<Map.Entry<String, String>> facts = new ArrayList<>();
        n.metadata().forEach((k, v) -> facts.add(Map.entry(cut(clean(k), MAX_FACT_TITLE), cut(clean(v), MAX_FACT_VALUE))));
        int mentions = MAX_MENTIONS;
        while (true) {
            byte[] body = Json.write(renderer.render(n, message, facts, mentions));
            if (body.length <= BUDGET_BYTES) {
                return body;
            }
            if (message.length() > 200) {
                message = cut(message, message.length() / 2);
            } else if (!facts.isEmpty()) {
                facts.remove(facts.size() - 1);
            } else if (mentions > 0) {
                mentions = 0;
            } else {
                // cannot happen: a title is at most MAX_TITLE chars
                throw new IllegalStateException("a Teams card with only a title is over budget");
            }
        }
    }

    private static Map<String, Object> adaptiveMessage(Notification n, String message, List<Map.Entry<String, String>> facts,
                                                       int maxMentions) {
        List<Object> body = new ArrayList<>();
        body.add(Map.of("type", "TextBlock", "text", cut(clean(n.title()), MAX_TITLE), "size", "Large", "weight", "Bolder",
                "wrap", true, "color", colour(n.severity())));
        body.add(Map.of("type", "TextBlock", "text", n.severity().name(), "isSubtle", true, "spacing", "None", "wrap", true));
        if (!message.isBlank()) {
            body.add(Map.of("type", "TextBlock", "text", message, "wrap", true));
        }
        List<Object> factList = new ArrayList<>();
        for (Map.Entry<String, String> f : facts) {
            factList.add(Map.of("title", f.getKey(), "value", f.getValue()));
        }
        n.testId().ifPresent(t -> factList.add(Map.of("title", "test", "value", clean(t))));
        n.failureId().ifPresent(t -> factList.add(Map.of("title", "failure", "value", clean(t))));
        if (!factList.isEmpty()) {
            body.add(Map.of("type", "FactSet", "facts", factList));
        }
        List<Object> entities = new ArrayList<>();
        StringBuilder mentionText = new StringBuilder();
        for (Recipient r : n.recipients()) {
            if (entities.size() >= maxMentions) {
                break;
            }
            if (r.teamsUserId().isPresent() && !r.teamsUserId().get().isBlank()) {
                String name = cut(clean(r.name()).replace("<", "").replace(">", ""), 100);
                String at = "<at>" + name + "</at>";
                mentionText.append(mentionText.length() == 0 ? "" : " ").append(at);
                entities.add(Map.of("type", "mention", "text", at,
                        "mentioned", Map.of("id", cut(clean(r.teamsUserId().get()), 200), "name", name)));
            }
        }
        if (!entities.isEmpty()) {
            body.add(Map.of("type", "TextBlock", "text", mentionText.toString(), "wrap", true));
        }
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.5");
        card.put("body", body);
        if (!entities.isEmpty()) {
            card.put("msteams", Map.of("entities", entities));
        }
        Map<String, Object> attachment = new LinkedHashMap<>();
        attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
        attachment.put("contentUrl", null);
        attachment.put("content", card);
        List<Object> attachments = new ArrayList<>();
        attachments.add(attachment);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", "message");
        out.put("attachments", attachments);
        return out;
    }

    private static Map<String, Object> messageCardMessage(Notification n, String message, List<Map.Entry<String, String>> facts) {
        List<Object> factList = new ArrayList<>();
        for (Map.Entry<String, String> f : facts) {
            factList.add(Map.of("name", f.getKey(), "value", f.getValue()));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("@type", "MessageCard");
        out.put("@context", "https://schema.org/extensions");
        out.put("themeColor", hex(n.severity()));
        out.put("summary", cut("[" + n.severity() + "] " + clean(n.title()), 200));
        out.put("title", cut(clean(n.title()), MAX_TITLE));
        if (!message.isBlank()) {
            out.put("text", message);
        }
        if (!factList.isEmpty()) {
            out.put("sections", List.of(Map.of("facts", factList)));
        }
        return out;
    }

    /** Adaptive Card text colour per severity. */
    static String colour(Severity s) {
        return switch (s) {
            case INFO -> "Accent";
            case WARNING -> "Warning";
            case ERROR, CRITICAL -> "Attention";
        };
    }

    static String hex(Severity s) {
        return switch (s) {
            case INFO -> "2E86DE";
            case WARNING -> "F0AD4E";
            case ERROR -> "D9534F";
            case CRITICAL -> "8B0000";
        };
    }

    /** Lone surrogates to U+FFFD and control characters (except newline and tab) to a space. */
    static String clean(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                sb.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                sb.append('\uFFFD');
            } else if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) {
                sb.append(' ');
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** At most {@code max} chars, ending in "…" when cut, never splitting a surrogate pair. */
    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }
}
