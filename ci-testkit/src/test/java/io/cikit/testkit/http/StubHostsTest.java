package io.cikit.testkit.http;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The two stand-in hosts answer on their own addresses, and a reset forgets what they were told. */
class StubHostsTest {
    private static final StubHosts HOSTS = StubHosts.start();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<String> fetch(URI uri) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theApiIsOnLocalhostAndTheStorageOnTheLoopbackAddress() throws Exception {
        HOSTS.reset();
        HOSTS.api().stubFor(get(urlPathEqualTo("/api/v4/version")).willReturn(ok("api")));
        HOSTS.storage().stubFor(get(urlPathEqualTo("/bucket/a.zip")).willReturn(ok("blob")));

        URI api = HOSTS.apiUrl("/api/v4/version");
        URI blob = URI.create(HOSTS.storageUrl("/bucket/a.zip"));

        assertThat(api.getHost()).isEqualTo("localhost");
        assertThat(blob.getHost()).isEqualTo("127.0.0.1");
        assertThat(api.getPort()).isNotEqualTo(blob.getPort());
        assertThat(fetch(api).body()).isEqualTo("api");
        assertThat(fetch(blob).body()).isEqualTo("blob");
    }

    @Test
    void aResetForgetsStubsAndRequests() throws Exception {
        HOSTS.api().stubFor(get(urlPathEqualTo("/x")).willReturn(ok("x")));
        fetch(HOSTS.apiUrl("/x"));

        HOSTS.reset();

        assertThat(HOSTS.api().getAllServeEvents()).isEmpty();
        assertThat(fetch(HOSTS.apiUrl("/x")).statusCode()).isEqualTo(404);
        assertThat(HOSTS.apiUrl("")).hasToString("http://localhost:" + HOSTS.api().port());
    }
}
