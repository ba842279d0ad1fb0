package io.cikit.core.notify;

import io.cikit.core.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The JSON a {@link WebhookChannel} posts: every field of the notification, always present ({@code null} when
 * absent), in a fixed order. Text is sent as it is except that a lone half of a surrogate pair becomes U+FFFD, so
 * the body is valid UTF-8 for any receiver. Stateless.
 */
final class WebhookBody {
    /** Bumped only for an incompatible change; fields may be added without it. */
    static final int VERSION = 1;

    private WebhookBody() {
    }

    static byte[] of(Notification n, String idempotencyKey) {
        Map<String, @Nullable Object> body = new LinkedHashMap<>();
        body.put("version", VERSION);
        body.put("id", clean(n.id()));
        body.put("idempotencyKey", idempotencyKey);
        body.put("title", clean(n.title()));
        body.put("message", clean(n.message()));
        body.put("severity", n.severity().name().toLowerCase(Locale.ROOT));
        body.put("testId", optional(n.testId()));
        body.put("failureId", optional(n.failureId()));
        body.put("groupKey", optional(n.groupKey()));
        Map<String, String> metadata = new LinkedHashMap<>();
        n.metadata().forEach((k, v) -> metadata.put(clean(k), clean(v)));
        body.put("metadata", metadata);
        List<Map<String, @Nullable Object>> recipients = new ArrayList<>(n.recipients().size());
        for (Recipient r : n.recipients()) {
            Map<String, @Nullable Object> one = new LinkedHashMap<>();
            one.put("name", clean(r.name()));
            one.put("email", optional(r.email()));
            one.put("slackUserId", optional(r.slackUserId()));
            one.put("teamsUserId", optional(r.teamsUserId()));
            recipients.add(one);
        }
        body.put("recipients", recipients);
        body.put("timestamp", n.timestamp().toString());
        return Json.write(body);
    }

    private static @Nullable String optional(Optional<String> value) {
        return value.map(WebhookBody::clean).orElse(null);
    }

    /** Replaces each lone surrogate with U+FFFD; everything else (control characters included) JSON escapes. */
    static String clean(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean paired = Character.isHighSurrogate(c) ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                    : !Character.isLowSurrogate(c) || i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
            if (!paired) {
                if (out == null) {
                    out = new StringBuilder(s.length()).append(s, 0, i);
                }
                out.append('\uFFFD');
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }
}
