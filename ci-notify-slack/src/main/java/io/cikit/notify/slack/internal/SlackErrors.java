package io.cikit.notify.slack.internal;

import io.cikit.core.DeliveryException;
import io.cikit.core.http.HttpReply;
import io.cikit.core.notify.HttpDeliveryFailures;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Turns Slack's answers into delivery outcomes. Incoming webhooks answer with a status and a text body
 * ({@code ok}, {@code invalid_payload}, {@code channel_not_found}, …); {@code chat.postMessage} answers HTTP 200
 * with {@code {"ok":false,"error":"…"}} for logical errors. Retryable: 5xx, 408, 429 (with its
 * {@code Retry-After}), and the Web API's transient errors; everything else is permanent. Thread-safe.
 */
public final class SlackErrors {
    /** Web API error strings that may pass on their own. */
    private static final Set<String> TRANSIENT_API_ERRORS = Set.of("ratelimited", "rate_limited", "internal_error",
            "fatal_error", "service_unavailable", "request_timeout", "rollup_error", "team_added_to_org");
    private static final int MAX_ERROR_TEXT = 200;

    private SlackErrors() {
    }

    /** Throws for any webhook reply that is not a 2xx; returns for a delivered message. */
    public static void checkWebhookReply(HttpReply reply) {
        int status = reply.status();
        if (status >= 200 && status < 300) {
            return;
        }
        throw forStatus("Slack webhook", status, errorText(reply), reply.retryAfter());
    }

    /** The {@code ts} of a posted message; throws for an HTTP or logical error. */
    public static Optional<String> checkApiReply(HttpReply reply) {
        int status = reply.status();
        if (status < 200 || status >= 300) {
            throw forStatus("Slack chat.postMessage", status, errorText(reply), reply.retryAfter());
        }
        com.fasterxml.jackson.databind.JsonNode json;
        try {
            json = reply.json();
        } catch (RuntimeException e) {
            // Slack always answers JSON here; anything else came from a proxy that may recover
            throw new DeliveryException("Slack chat.postMessage answered HTTP " + status + " with a body that is not JSON", true);
        }
        if (json.path("ok").asBoolean(false)) {
            String ts = json.path("ts").asText("");
            return ts.isEmpty() ? Optional.empty() : Optional.of(ts);
        }
        String error = oneLine(json.path("error").asText("unknown_error"));
        if (TRANSIENT_API_ERRORS.contains(error)) {
            Optional<Duration> wait = reply.retryAfter();
            String message = "Slack chat.postMessage: " + error;
            throw wait.isPresent() ? new DeliveryException(message, wait.get()) : new DeliveryException(message, true);
        }
        throw new DeliveryException("Slack chat.postMessage refused the message: " + error, false);
    }

    static DeliveryException forStatus(String what, int status, String error, Optional<Duration> retryAfter) {
        String message = what + " answered HTTP " + status + (error.isEmpty() ? "" : ": " + error);
        return HttpDeliveryFailures.failure(status, retryAfter, message);
    }

    private static String errorText(HttpReply reply) {
        try {
            return oneLine(reply.text());
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static String oneLine(String text) {
        String s = SlackText.clean(text).replaceAll("\\s+", " ").strip();
        return SlackText.truncate(s, MAX_ERROR_TEXT);
    }
}
