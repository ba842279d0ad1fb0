package io.cikit.core.notify;

import io.cikit.core.DeliveryException;
import io.cikit.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * A minimal JSON-POST channel for the crash test: the idempotency key travels in an {@code Idempotency-Key} header,
 * the notification id in {@code X-Notification-Id}. Classifies answers the way the SPI asks (2xx ok; 429/503 with
 * Retry-After; 5xx/408/I/O retryable; other 4xx permanent).
 */
final class HttpHookChannel implements NotificationChannel {
    private final String name;
    private final URI target;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    HttpHookChannel(String name, URI target) {
        this.name = name;
        this.target = target;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void deliver(Notification n, String idempotencyKey) {
        byte[] body = Json.write(Map.of("id", n.id(), "title", n.title(), "severity", n.severity().name()));
        HttpRequest request = HttpRequest.newBuilder(target)
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .header("X-Notification-Id", n.id())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<Void> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new DeliveryException("POST " + target + " failed: " + e, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted", true);
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
            return;
        }
        if (status == 429 || status == 503) {
            long seconds = response.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L);
            throw new DeliveryException("HTTP " + status, Duration.ofSeconds(seconds));
        }
        throw new DeliveryException("HTTP " + status, status >= 500 || status == 408);
    }
}
