package io.cikit.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.cikit.core.config.Secret;
import io.cikit.core.event.PushEvent;
import io.cikit.core.http.Headers;
import io.cikit.core.webhook.WebhookRequest;
import io.cikit.core.webhook.WebhookResult;
import io.cikit.core.webhook.Webhooks;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The embedding snippet of docs/webhooks.md, run behind the JDK's own HTTP server with real HTTP requests. */
class WebhooksEmbeddingTest {
    private static final Secret SECRET = Secret.of("example-secret");
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final RecordingHandler<PushEvent> pushes = new RecordingHandler<>();
    private HttpServer server;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.stop(0);
        }
        executor.shutdown();
        assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    private int start() throws IOException {
        // snippet:embedding start
        Webhooks webhooks = Webhooks.builder()
                .parser(new ExampleWebhookParser())               // or found on the class path (ci-vcs-github, …)
                .secret("example", SECRET)                        // one or more per provider: rotation
                .maxPayloadBytes(64 * 1024)
                .meterRegistry(new SimpleMeterRegistry())
                .handlerExecutor(executor)                        // acknowledge first, process after
                .on(PushEvent.class, pushes)
                .build();

        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/webhooks/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String provider = path.substring("/webhooks/".length());         // "/webhooks/github" → "github"
            // read at most one byte past the cap: a larger body is refused (413) without reading the rest
            byte[] body = exchange.getRequestBody().readNBytes((int) Math.min(webhooks.maxPayloadBytes() + 1, Integer.MAX_VALUE - 8));
            WebhookRequest request = new WebhookRequest(Headers.ofMulti(exchange.getRequestHeaders()), body, Optional.of(path));

            WebhookResult result = webhooks.handle(provider, request);      // never throws

            byte[] answer = result.outcome().getBytes(UTF_8);
            exchange.sendResponseHeaders(result.httpStatus(), answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        // snippet:embedding end
        return server.getAddress().getPort();
    }

    @Test
    void aSignedPushIsAnswered202AndReachesTheHandler() throws Exception {
        int port = start();
        byte[] body = ("{\"repository\":{\"full_name\":\"lab/linux\"},\"ref\":\"refs/heads/main\","
                + "\"after\":\"59b20b8d5c6ff8d09518454d4dd8b7a30f095ab5\",\"commits\":[]}").getBytes(UTF_8);

        HttpResponse<String> first = post(port, "example", ExampleWebhookParser.request(SECRET, "push", "delivery-1", body));
        HttpResponse<String> again = post(port, "example", ExampleWebhookParser.request(SECRET, "push", "delivery-1", body));

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(first.body()).isEqualTo("accepted");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo("duplicate");
        List<PushEvent> received = pushes.await(1, Duration.ofSeconds(10));
        assertThat(received).singleElement().satisfies(push -> assertThat(push.branch()).contains("main"));
    }

    @Test
    void badDeliveriesGetTheStatusTheSenderShouldSee() throws Exception {
        int port = start();
        byte[] body = "{\"zen\":\"hi\"}".getBytes(UTF_8);

        assertThat(post(port, "example", ExampleWebhookParser.request(Secret.of("wrong"), "ping", "d-1", body)).statusCode())
                .isEqualTo(401);
        assertThat(post(port, "example", ExampleWebhookParser.request(SECRET, "ping", "d-2", new byte[64 * 1024 + 10])).statusCode())
                .isEqualTo(413);
        assertThat(post(port, "github", ExampleWebhookParser.request(SECRET, "ping", "d-3", body)).statusCode())
                .isEqualTo(400);
        assertThat(post(port, "example", ExampleWebhookParser.request(SECRET, "ping", "d-4", body)).statusCode())
                .isEqualTo(200);
    }

    private static HttpResponse<String> post(int port, String provider, WebhookRequest request) throws Exception {
        HttpRequest.Builder http = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/" + provider))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().asMap().forEach((name, values) -> values.forEach(v -> http.header(name, v)));
        return CLIENT.send(http.build(), HttpResponse.BodyHandlers.ofString());
    }
}
