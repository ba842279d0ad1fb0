package io.cikit.core.http;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.URI;

/** WireMock set-up shared by the transport tests. */
final class Stubs {
    private Stubs() {
    }

    /**
     * The first of two WireMock servers shared by every transport test class in this JVM (starting Jetty is the
     * slow part); each test class resets them before each test. They stop when the JVM exits.
     */
    static synchronized WireMockServer server() {
        if (first == null) {
            first = start();
        }
        return first;
    }

    /** The second shared server, for redirects to "another host". */
    static synchronized WireMockServer otherServer() {
        if (second == null) {
            second = start();
        }
        return second;
    }

    private static WireMockServer first;
    private static WireMockServer second;

    private static WireMockServer start() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort().containerThreads(20));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "wiremock-stop"));
        return server;
    }

    /** {@code http://localhost:port} + path. */
    static URI localhost(WireMockServer server, String path) {
        return URI.create("http://localhost:" + server.port() + path);
    }

    /** {@code http://127.0.0.1:port} + path: another host than {@code localhost} as far as the transport knows. */
    static URI loopbackIp(WireMockServer server, String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    /** Any method on {@code path} answers the given responses in turn; the last one repeats. */
    static void sequence(WireMockServer server, String path, ResponseDefinitionBuilder... responses) {
        String scenario = "sequence " + path;
        for (int i = 0; i < responses.length; i++) {
            String state = i == 0 ? Scenario.STARTED : "step " + i;
            var mapping = any(urlPathEqualTo(path)).inScenario(scenario).whenScenarioStateIs(state)
                    .willReturn(responses[i]);
            if (i < responses.length - 1) {
                mapping = mapping.willSetStateTo("step " + (i + 1));
            }
            server.stubFor(mapping);
        }
    }
}
