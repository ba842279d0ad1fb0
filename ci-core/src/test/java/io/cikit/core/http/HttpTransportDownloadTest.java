package io.cikit.core.http;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.status;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.cikit.core.config.Secret;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpTransportDownloadTest {
    private static final byte[] IMAGE = randomBytes(200_000);

    private static WireMockServer server;
    private static WireMockServer storage;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        server = Stubs.server();
        storage = Stubs.otherServer();
    }


    @BeforeEach
    void reset() {
        server.resetAll();
        storage.resetAll();
    }

    private static HttpTransport.Builder transport() {
        return HttpTransport.builder()
                .meterRegistry(new SimpleMeterRegistry())
                .sleeper(new RecordingSleeper())
                .retryPolicy(RetryPolicy.builder().initialBackoff(Duration.ofMillis(5)).build());
    }

    @Test
    void streamsTheBodyToTheTargetWithItsSizeAndSha256() throws Exception {
        server.stubFor(any(urlPathEqualTo("/Image")).willReturn(ok().withBody(IMAGE)));
        Path target = dir.resolve("boot/Image");

        Download d = transport().build().download(HttpCall.get(Stubs.localhost(server, "/Image")).build(), target, 1 << 20);

        assertThat(d.path()).isEqualTo(target.toAbsolutePath());
        assertThat(d.sizeBytes()).isEqualTo(IMAGE.length);
        assertThat(d.sha256()).isEqualTo(sha256(IMAGE));
        assertThat(d.finalUri()).isEqualTo(Stubs.localhost(server, "/Image"));
        assertThat(Files.readAllBytes(target)).isEqualTo(IMAGE);
        assertThat(filesIn(target.getParent())).containsExactly("Image");
    }

    @Test
    void aDeclaredLengthOverTheCapFailsBeforeReadingAndLeavesNoFile() throws IOException {
        server.stubFor(any(urlPathEqualTo("/Image")).willReturn(ok().withBody(IMAGE)));
        Path target = dir.resolve("Image");

        assertThatThrownBy(() -> transport().build()
                .download(HttpCall.get(Stubs.localhost(server, "/Image")).build(), target, 1000))
                .isInstanceOfSatisfying(ReplyTooLargeException.class, e -> {
                    assertThat(e.limitBytes()).isEqualTo(1000);
                    assertThat(e.retryable()).isFalse();
                });
        assertThat(filesIn(dir)).isEmpty();
        server.verify(1, anyRequestedFor(urlPathEqualTo("/Image")));
    }

    @Test
    void aStreamPassingTheCapIsCutAndThePartialFileDeleted() throws IOException {
        // chunked, so no Content-Length warns in advance: the cap must hold while streaming
        server.stubFor(any(urlPathEqualTo("/Image")).willReturn(ok().withBody(IMAGE).withChunkedDribbleDelay(20, 200)));
        Path target = dir.resolve("Image");

        assertThatThrownBy(() -> transport().build()
                .download(HttpCall.get(Stubs.localhost(server, "/Image")).build(), target, 50_000))
                .isInstanceOf(ReplyTooLargeException.class)
                .hasMessageContaining("stream went past the limit");
        assertThat(filesIn(dir)).isEmpty();
    }

    @Test
    void aFailedDownloadLeavesAnExistingTargetUntouched() throws IOException {
        Path target = dir.resolve("Image");
        Files.write(target, new byte[] {1, 2, 3});
        server.stubFor(any(urlPathEqualTo("/Image")).willReturn(ok().withBody(IMAGE)));

        assertThatThrownBy(() -> transport().build()
                .download(HttpCall.get(Stubs.localhost(server, "/Image")).build(), target, 10))
                .isInstanceOf(ReplyTooLargeException.class);
        assertThat(Files.readAllBytes(target)).containsExactly(1, 2, 3);
        assertThat(filesIn(dir)).containsExactly("Image");
    }

    @Test
    void aNotFoundDownloadThrowsTheStatusAndWritesNothing() throws IOException {
        server.stubFor(any(urlPathEqualTo("/gone")).willReturn(status(404).withBody("{\"message\":\"Not Found\"}")));

        assertThatThrownBy(() -> transport().build()
                .download(HttpCall.get(Stubs.localhost(server, "/gone")).build(), dir.resolve("x"), 1000))
                .isInstanceOfSatisfying(HttpStatusException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.bodySnippet()).contains("Not Found");
                });
        assertThat(filesIn(dir)).isEmpty();
    }

    @Test
    void aBrokenStreamIsRetriedAndTheRetryWritesAFreshFile() throws Exception {
        Stubs.sequence(server, "/Image",
                aResponse().withStatus(200).withFault(Fault.RANDOM_DATA_THEN_CLOSE),
                aResponse().withStatus(200).withFault(Fault.MALFORMED_RESPONSE_CHUNK),
                ok().withBody(IMAGE));
        Path target = dir.resolve("Image");

        Download d = transport().build().download(HttpCall.get(Stubs.localhost(server, "/Image")).build(), target, 1 << 20);

        assertThat(d.sha256()).isEqualTo(sha256(IMAGE));
        assertThat(Files.readAllBytes(target)).isEqualTo(IMAGE);
        assertThat(filesIn(dir)).containsExactly("Image");
    }

    @Test
    void aSlowButSteadyBodyIsNotCutByTheRequestTimeout() throws Exception {
        // 10 chunks over ~1 s: longer than the timeout in total, never silent for that long
        server.stubFor(any(urlPathEqualTo("/Image")).willReturn(ok().withBody(IMAGE).withChunkedDribbleDelay(10, 1000)));
        HttpTransport t = transport().requestTimeout(Duration.ofMillis(800)).build();

        Download d = t.download(HttpCall.get(Stubs.localhost(server, "/Image")).build(), dir.resolve("Image"), 1 << 20);

        assertThat(d.sha256()).isEqualTo(sha256(IMAGE));
    }

    @Test
    void anArtifactRedirectToStorageIsDownloadedWithoutTheToken() throws Exception {
        server.stubFor(any(urlPathEqualTo("/repos/o/r/actions/artifacts/9/zip")).willReturn(status(302)
                .withHeader("Location", Stubs.loopbackIp(storage, "/blob/9.zip?sig=x").toString())));
        storage.stubFor(any(urlPathEqualTo("/blob/9.zip")).willReturn(ok().withBody(IMAGE)));
        HttpTransport t = transport().allowRedirectHosts("127.0.0.1").build();

        Download d = t.download(HttpCall.get(Stubs.localhost(server, "/repos/o/r/actions/artifacts/9/zip"))
                .bearer(Secret.of("ghp_token")).build(), dir.resolve("artifact.zip"), 1 << 20);

        assertThat(d.finalUri().getHost()).isEqualTo("127.0.0.1");
        assertThat(d.sha256()).isEqualTo(sha256(IMAGE));
        storage.verify(getRequestedFor(urlPathEqualTo("/blob/9.zip")).withHeader("Authorization", absent()));
    }

    private static Stream<String> filesInStream(Path d) throws IOException {
        return Files.list(d).map(p -> p.getFileName().toString());
    }

    private static java.util.List<String> filesIn(Path d) throws IOException {
        try (Stream<String> s = filesInStream(d)) {
            return s.sorted().toList();
        }
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random(42).nextBytes(b);
        return b;
    }
}
