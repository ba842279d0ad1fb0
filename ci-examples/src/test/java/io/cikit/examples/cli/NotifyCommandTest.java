package io.cikit.examples.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cikit notify send} through the real Slack channel module and the example Discord channel, against WireMock. */
class NotifyCommandTest {
    @TempDir
    Path dir;

    private WireMockServer slack;

    @BeforeEach
    void start() {
        slack = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        slack.start();
    }

    @AfterEach
    void stop() {
        slack.stop();
    }

    @Test
    void sendDeliversToSlackAndReportsTheChannelResult() throws IOException {
        slack.stubFor(post(urlEqualTo("/services/T0/B0/x")).willReturn(aResponse().withStatus(200).withBody("ok")));
        Path config = Files.writeString(dir.resolve("cikit.properties"),
                "cikit.slack.webhook-url=" + slack.baseUrl() + "/services/T0/B0/x\n");

        CliRun run = CliRun.of("notify", "send", "--channel", "slack", "--config", config.toString(), "--severity", "error",
                "--title", "ltp.sem01 failed", "--message", "7 boards", "--meta", "branch=main");

        assertThat(run.exit()).isZero();
        assertThat(run.json().get(0).path("channel").asText()).isEqualTo("slack");
        assertThat(run.json().get(0).path("success").asBoolean()).isTrue();
        slack.verify(postRequestedFor(urlEqualTo("/services/T0/B0/x")).withRequestBody(containing("ltp.sem01 failed")));
    }

    @Test
    void theExampleDiscordChannelIsFoundThroughServiceLoaderAndPostsAnEmbed() throws IOException {
        slack.stubFor(post(urlPathEqualTo("/api/webhooks/1/tok")).willReturn(aResponse().withStatus(200).withBody("{}")));
        Path config = Files.writeString(dir.resolve("cikit.properties"),
                "cikit.discord.webhook-url=" + slack.baseUrl() + "/api/webhooks/1/tok\n");

        CliRun run = CliRun.of("notify", "send", "--channel", "discord", "--config", config.toString(), "--severity",
                "critical", "--title", "Kernel panic on imx8-01", "--message", "BUG: unable to handle page fault");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.json().get(0).path("channel").asText()).isEqualTo("discord");
        assertThat(run.json().get(0).path("success").asBoolean()).isTrue();
        slack.verify(postRequestedFor(urlPathEqualTo("/api/webhooks/1/tok")).withQueryParam("wait", equalTo("true"))
                .withRequestBody(matchingJsonPath("$.embeds[0].title", equalTo("Kernel panic on imx8-01"))));
    }

    @Test
    void aChannelThatIsNotConfiguredFailsWithExitOneAndSaysWhy() {
        CliRun run = CliRun.of("notify", "send", "--channel", "carrier-pigeon", "--title", "t", "--message", "m");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.json().get(0).path("success").asBoolean()).isFalse();
        assertThat(run.json().get(0).path("error").asText()).isNotBlank();
    }
}
