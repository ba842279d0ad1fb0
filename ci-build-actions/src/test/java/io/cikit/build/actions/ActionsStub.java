package io.cikit.build.actions;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.cikit.testkit.http.StubHosts;
import java.net.URI;

/**
 * The client tests' GitHub: a stand-in GitHub API on {@code localhost} and a stand-in blob store on
 * {@code 127.0.0.1}, started once for this JVM (each test calls {@code HOSTS.reset()} first).
 */
final class ActionsStub {
    static final StubHosts HOSTS = StubHosts.start();
    static final WireMockServer GITHUB = HOSTS.api();
    static final WireMockServer BLOBS = HOSTS.storage();

    private ActionsStub() {
    }

    /** The API root, as GitHub Enterprise serves it: {@code http://localhost:<port>/api/v3}, no trailing slash. */
    static URI api() {
        return HOSTS.apiUrl("/api/v3");
    }
}
