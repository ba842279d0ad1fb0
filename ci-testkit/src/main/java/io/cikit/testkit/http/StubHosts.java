package io.cikit.testkit.http;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.net.URI;

/**
 * Two WireMock servers standing in for a provider: its API, addressed as {@code localhost}, and the object storage
 * its artifact downloads redirect to, addressed as {@code 127.0.0.1}: two hosts as far as a transport's redirect
 * allow-list knows. A module's test fixture starts one pair for the JVM ({@link #start}) and its tests call
 * {@link #reset} before each test; the servers stop when the JVM does.
 *
 * <p>Needs {@code org.wiremock:wiremock-standalone} on the test class path: the kit does not bring it. Thread-safe
 * as far as WireMock is; tests sharing a pair must not run in parallel.
 */
public final class StubHosts {
    private final WireMockServer api;
    private final WireMockServer storage;

    private StubHosts() {
        this.api = started();
        this.storage = started();
    }

    /** Starts both servers on free ports. */
    public static StubHosts start() {
        return new StubHosts();
    }

    private static WireMockServer started() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "wiremock-stop"));
        return server;
    }

    /** The provider's API server. */
    public WireMockServer api() {
        return api;
    }

    /** The object storage server. */
    public WireMockServer storage() {
        return storage;
    }

    /** Forgets both servers' stubs, recorded requests and scenario states. */
    public void reset() {
        api.resetAll();
        storage.resetAll();
    }

    /** {@code http://localhost:<api port>} followed by {@code path} (empty, or starting with {@code /}). */
    public URI apiUrl(String path) {
        return URI.create("http://localhost:" + api.port() + path);
    }

    /** {@code http://127.0.0.1:<storage port>} followed by {@code path} (empty, or starting with {@code /}). */
    public String storageUrl(String path) {
        return "http://127.0.0.1:" + storage.port() + path;
    }
}
