package io.cikit.vcs.gitlab;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.cikit.core.http.HttpTransport;
import io.cikit.core.http.RetryPolicy;
import io.cikit.testkit.http.StubHosts;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;

/**
 * The client tests' GitLab: WireMock playing GitLab on {@code localhost} and its object storage on {@code 127.0.0.1},
 * started once for this JVM (each test calls {@code HOSTS.reset()} first), the project they talk about, and a fast
 * transport.
 */
final class GitLabStub {
    static final StubHosts HOSTS = StubHosts.start();
    static final WireMockServer GITLAB = HOSTS.api();
    static final WireMockServer STORAGE = HOSTS.storage();

    static final String PROJECT = "lab/bsp/linux";
    static final String PROJECT_PATH = "/api/v4/projects/lab%2Fbsp%2Flinux";

    private GitLabStub() {
    }

    /** The GitLab instance's base URL, without {@code /api/v4}. */
    static URI base() {
        return HOSTS.apiUrl("");
    }

    /** A client of the stand-in GitLab with these credentials and {@link #fastTransport}. */
    static GitLabClient client(GitLabAuth auth) {
        return GitLabClient.builder().baseUrl(base()).auth(auth).transport(fastTransport()).build();
    }

    /** A transport with millisecond backoffs that follows redirects to the storage host. */
    static HttpTransport fastTransport() {
        return HttpTransport.builder()
                .meterRegistry(new SimpleMeterRegistry())
                .retryPolicy(RetryPolicy.builder().initialBackoff(Duration.ofMillis(5)).maxBackoff(Duration.ofMillis(20)).build())
                .allowRedirectHosts("127.0.0.1")
                .build();
    }
}
