package io.cikit.notify.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.cikit.core.DeliveryException;
import io.cikit.core.config.Secret;
import io.cikit.core.json.Json;
import io.cikit.core.notify.Notification;
import io.cikit.core.notify.Severity;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SlackPostMessageChannelTest {
    private static final String PATH = "/api/chat.postMessage";
    private WireMockServer slack;
    private SlackChannel channel;

    @BeforeEach
    void start() {
        slack = new WireMockServer(wireMockConfig().dynamicPort());
        slack.start();
        channel = SlackChannel.builder().token(Secret.of("xoxb-test")).channel("C0LAB")
                .api(URI.create(slack.baseUrl() + "/api/")).timeout(Duration.ofSeconds(2)).build();
    }

    @AfterEach
    void stop() {
        channel.close();
        slack.stop();
    }

    @Test
    void followUpsOfAGroupAreThreadedUnderTheFirstMessage() {
        slack.stubFor(post(urlEqualTo(PATH)).willReturn(okJson("{\"ok\":true,\"channel\":\"C0LAB\",\"ts\":\"1700000000.000100\"}")));

        channel.deliver(grouped("g1", "first"), "k1");
        channel.deliver(grouped("g1", "second"), "k2");
        channel.deliver(grouped("g2", "other"), "k3");

        List<JsonNode> bodies = slack.findAll(postRequestedFor(urlEqualTo(PATH))).stream().map(r -> Json.read(r.getBody())).toList();
        assertThat(bodies).hasSize(3);
        assertThat(bodies.get(0).path("channel").asText()).isEqualTo("C0LAB");
        assertThat(bodies.get(0).has("thread_ts")).isFalse();
        assertThat(bodies.get(1).path("thread_ts").asText()).isEqualTo("1700000000.000100");
        assertThat(bodies.get(2).has("thread_ts")).isFalse();
        slack.verify(3, postRequestedFor(urlEqualTo(PATH)).withHeader("Authorization", equalTo("Bearer xoxb-test")));
    }

    @Test
    void aLogicalErrorOnHttp200IsPermanent() {
        slack.stubFor(post(urlEqualTo(PATH)).willReturn(okJson("{\"ok\":false,\"error\":\"channel_not_found\"}")));

        DeliveryException e = catchThrowableOfType(DeliveryException.class, () -> channel.deliver(grouped("g", "x"), "k"));

        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("channel_not_found").doesNotContain("xoxb");
    }

    @Test
    void aTransientLogicalErrorIsRetryable() {
        slack.stubFor(post(urlEqualTo(PATH)).willReturn(okJson("{\"ok\":false,\"error\":\"internal_error\"}")));

        DeliveryException e = catchThrowableOfType(DeliveryException.class, () -> channel.deliver(grouped("g", "x"), "k"));

        assertThat(e.retryable()).isTrue();
    }

    @Test
    void http429WithRetryAfterIsRetryableAfterThatWait() {
        slack.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "12")));

        DeliveryException e = catchThrowableOfType(DeliveryException.class, () -> channel.deliver(grouped("g", "x"), "k"));

        assertThat(e.retryAfter()).contains(Duration.ofSeconds(12));
    }

    @Test
    void aReplyThatIsNotJsonIsRetryableNotACrash() {
        slack.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200).withBody("<html>proxy</html>")));

        DeliveryException e = catchThrowableOfType(DeliveryException.class, () -> channel.deliver(grouped("g", "x"), "k"));

        assertThat(e.retryable()).isTrue();
    }

    private static Notification grouped(String group, String title) {
        return Notification.builder().title(title).severity(Severity.WARNING).channels("slack").groupKey(group).build();
    }
}
