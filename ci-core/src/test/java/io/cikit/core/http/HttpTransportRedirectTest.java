package io.cikit.core.http;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.status;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.cikit.core.config.Secret;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Server {@code api} is addressed as {@code localhost}, server {@code storage} as {@code 127.0.0.1}: two hosts. */
class HttpTransportRedirectTest {
    private static final Secret TOKEN = Secret.of("ghp_s3cr3tt0ken");

    private static WireMockServer api;
    private static WireMockServer storage;

    @BeforeAll
    static void start() {
        api = Stubs.server();
        storage = Stubs.otherServer();
    }


    @BeforeEach
    void reset() {
        api.resetAll();
        storage.resetAll();
    }

    private static HttpTransport.Builder transport() {
        return HttpTransport.builder().meterRegistry(new SimpleMeterRegistry()).retryPolicy(RetryPolicy.none());
    }

    private static HttpCall artifactCall() {
        return HttpCall.get(Stubs.localhost(api, "/repos/o/r/actions/artifacts/7/zip"))
                .bearer(TOKEN)
                .header("PRIVATE-TOKEN", TOKEN)
                .header("Cookie", "session=abc")
                .header("Accept", "application/vnd.github+json")
                .operation("actions.artifact")
                .build();
    }

    @Test
    void aRedirectToAnAllowListedHostIsFollowedWithoutCredentials() {
        api.stubFor(any(urlPathEqualTo("/repos/o/r/actions/artifacts/7/zip")).willReturn(status(302)
                .withHeader("Location", Stubs.loopbackIp(storage, "/blob/7.zip?sig=abc&se=2030").toString())));
        storage.stubFor(any(urlPathEqualTo("/blob/7.zip")).willReturn(ok("zip-bytes")));

        HttpReply reply = transport().allowRedirectHosts("127.0.0.1").build().send(artifactCall());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text()).isEqualTo("zip-bytes");
        assertThat(reply.uri().getHost()).isEqualTo("127.0.0.1");
        api.verify(getRequestedFor(urlPathEqualTo("/repos/o/r/actions/artifacts/7/zip"))
                .withHeader("Authorization", equalTo("Bearer ghp_s3cr3tt0ken"))
                .withHeader("PRIVATE-TOKEN", equalTo("ghp_s3cr3tt0ken")));
        storage.verify(1, getRequestedFor(urlPathEqualTo("/blob/7.zip"))
                .withHeader("Authorization", absent())
                .withHeader("PRIVATE-TOKEN", absent())
                .withHeader("Cookie", absent())
                .withHeader("Accept", equalTo("application/vnd.github+json"))
                .withQueryParam("sig", equalTo("abc")));
    }

    @Test
    void aRedirectToAHostNotAllowListedIsRefusedAndNotFollowed() {
        api.stubFor(any(urlPathEqualTo("/repos/o/r/actions/artifacts/7/zip")).willReturn(status(302)
                .withHeader("Location", Stubs.loopbackIp(storage, "/blob/7.zip?sig=abc").toString())));

        HttpTransport t = transport().allowRedirectHosts("*.blob.core.windows.net").build();

        assertThatThrownBy(() -> t.send(artifactCall()))
                .isInstanceOfSatisfying(RedirectRefusedException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.status()).isEqualTo(302);
                    assertThat(e).hasMessageContaining("127.0.0.1").hasMessageContaining("allowRedirectHosts")
                            .hasMessageNotContaining("s3cr3t");
                });
        storage.verify(0, anyRequestedFor(urlPathEqualTo("/blob/7.zip")));
    }

    @Test
    void aRedirectWithinTheSameOriginKeepsCredentials() {
        api.stubFor(any(urlPathEqualTo("/old")).willReturn(status(301).withHeader("Location", "/new")));
        api.stubFor(any(urlPathEqualTo("/new")).willReturn(ok("moved")));

        HttpReply reply = transport().build().send(HttpCall.get(Stubs.localhost(api, "/old")).bearer(TOKEN).build());

        assertThat(reply.text()).isEqualTo("moved");
        api.verify(getRequestedFor(urlPathEqualTo("/new")).withHeader("Authorization", equalTo("Bearer ghp_s3cr3tt0ken")));
    }

    @Test
    void theSameHostOnAnotherPortIsAllowedButGetsNoCredentials() {
        api.stubFor(any(urlPathEqualTo("/old")).willReturn(status(307)
                .withHeader("Location", Stubs.localhost(storage, "/elsewhere").toString())));
        storage.stubFor(any(urlPathEqualTo("/elsewhere")).willReturn(ok("there")));

        HttpReply reply = transport().build().send(HttpCall.get(Stubs.localhost(api, "/old")).bearer(TOKEN)
                .header("X-Api-Key", "plain-but-sensitive").build());

        assertThat(reply.text()).isEqualTo("there");
        storage.verify(getRequestedFor(urlPathEqualTo("/elsewhere"))
                .withHeader("Authorization", absent())
                .withHeader("X-Api-Key", absent()));
    }

    @Test
    void seeOtherTurnsAPostIntoAGetWithoutBody() {
        api.stubFor(any(urlPathEqualTo("/job/build/buildWithParameters"))
                .willReturn(status(303).withHeader("Location", "/queue/item/5/")));
        api.stubFor(any(urlPathEqualTo("/queue/item/5/")).willReturn(ok("queued")));

        HttpReply reply = transport().build().send(HttpCall.post(Stubs.localhost(api, "/job/build/buildWithParameters"))
                .json(Map.of("BOARD", "rpi4")).build());

        assertThat(reply.text()).isEqualTo("queued");
        api.verify(1, getRequestedFor(urlPathEqualTo("/queue/item/5/")).withHeader("Content-Type", absent()));
        api.verify(0, postRequestedFor(urlPathEqualTo("/queue/item/5/")));
    }

    @Test
    void temporaryRedirectKeepsMethodAndBody() {
        api.stubFor(any(urlPathEqualTo("/v1/comments")).willReturn(status(307).withHeader("Location", "/v2/comments")));
        api.stubFor(any(urlPathEqualTo("/v2/comments")).willReturn(status(201)));

        HttpReply reply = transport().build().send(HttpCall.post(Stubs.localhost(api, "/v1/comments"))
                .json(Map.of("body", "hello")).build());

        assertThat(reply.status()).isEqualTo(201);
        api.verify(postRequestedFor(urlPathEqualTo("/v2/comments")).withRequestBody(equalToJson("{\"body\":\"hello\"}")));
    }

    @Test
    void aRedirectLoopStopsAfterFiveHops() {
        api.stubFor(any(urlPathEqualTo("/loop")).willReturn(status(302).withHeader("Location", "/loop")));

        assertThatThrownBy(() -> transport().build().send(HttpCall.get(Stubs.localhost(api, "/loop")).build()))
                .isInstanceOf(RedirectRefusedException.class)
                .hasMessageContaining("more than 5");
        api.verify(6, getRequestedFor(urlPathEqualTo("/loop")));
    }

    @Test
    void aRedirectWithoutLocationIsReturnedAsIs() {
        api.stubFor(any(urlPathEqualTo("/odd")).willReturn(status(302)));

        HttpReply reply = transport().build().send(HttpCall.get(Stubs.localhost(api, "/odd")).build());

        assertThat(reply.status()).isEqualTo(302);
    }

    @Test
    void anUnreadableLocationIsRefused() {
        api.stubFor(any(urlPathEqualTo("/bad")).willReturn(status(302).withHeader("Location", "http://exa mple.com/<>")));

        assertThatThrownBy(() -> transport().build().send(HttpCall.get(Stubs.localhost(api, "/bad")).build()))
                .isInstanceOf(RedirectRefusedException.class)
                .hasMessageContaining("unreadable Location");
    }

    @Test
    void aRedirectToANonHttpSchemeIsRefused() {
        api.stubFor(any(urlPathEqualTo("/ftp")).willReturn(status(302).withHeader("Location", "file:///etc/passwd")));

        assertThatThrownBy(() -> transport().build().send(HttpCall.get(Stubs.localhost(api, "/ftp")).build()))
                .isInstanceOf(RedirectRefusedException.class)
                .hasMessageContaining("non-HTTP");
    }
}
