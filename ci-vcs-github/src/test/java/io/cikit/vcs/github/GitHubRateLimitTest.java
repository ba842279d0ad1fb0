package io.cikit.vcs.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.cikit.vcs.github.GitHubStub.requests;
import static io.cikit.vcs.github.GitHubStub.server;
import static io.cikit.vcs.github.GitHubStub.stub;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.cikit.core.event.Repository;
import io.cikit.core.report.CommitStatus;
import io.cikit.core.report.StatusState;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Primary and secondary rate limits: the transport waits as GitHub says (waits are short here), a POST refused for a
 * rate limit is sent again, and a limit not waited out is a retryable {@link GitHubRateLimitException}.
 */
class GitHubRateLimitTest {
    private static final Repository REPO = Repository.named("acme/kernel");
    private static final String STATUS = "/repos/acme/kernel/statuses/abc";
    private static final String SECONDARY = "{\"message\":\"You have exceeded a secondary rate limit. Please wait a few "
            + "minutes before you try again.\",\"documentation_url\":\"https://docs.github.com/rest\"}";

    @BeforeEach
    void reset() {
        server().resetAll();
    }

    /** {@code path} answers {@code first}, then 201. */
    private static void onceThenCreated(String path, ResponseDefinitionBuilder first) {
        stub(post(urlPathEqualTo(path)).inScenario("limit").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(first).willSetStateTo("served"));
        stub(post(urlPathEqualTo(path)).inScenario("limit").whenScenarioStateIs("served")
                .willReturn(aResponse().withStatus(201).withBody("{}")));
    }

    private static void setStatus() {
        GitHubStub.client().setStatus(REPO, "abc", CommitStatus.of(StatusState.SUCCESS, "cikit"));
    }

    @Test
    void anExhaustedPrimaryQuotaIsWaitedOutUntilItsReset() {
        long reset = Instant.now().getEpochSecond() + 1;
        onceThenCreated(STATUS, aResponse().withStatus(403)
                .withHeader("x-ratelimit-limit", "5000").withHeader("x-ratelimit-remaining", "0")
                .withHeader("x-ratelimit-reset", Long.toString(reset))
                .withBody("{\"message\":\"API rate limit exceeded for user ID 1.\"}"));

        setStatus();

        assertThat(requests(postRequestedFor(urlPathEqualTo(STATUS)))).hasSize(2);
        assertThat(Instant.now().toEpochMilli()).as("retried only after the reset").isGreaterThanOrEqualTo(reset * 1000);
    }

    @Test
    void aSecondaryLimitWithRetryAfterIsWaitedAsTold() {
        onceThenCreated(STATUS, aResponse().withStatus(429).withHeader("retry-after", "1").withBody(SECONDARY));
        long before = System.nanoTime();

        setStatus();

        assertThat(requests(postRequestedFor(urlPathEqualTo(STATUS)))).hasSize(2);
        assertThat(System.nanoTime() - before).as("waited the second GitHub asked for").isGreaterThanOrEqualTo(900_000_000L);
    }

    @Test
    void aSecondaryLimitWithoutRetryAfterWaitsTheConfiguredPause() {
        onceThenCreated(STATUS, aResponse().withStatus(403).withBody(SECONDARY));

        setStatus();

        assertThat(requests(postRequestedFor(urlPathEqualTo(STATUS)))).hasSize(2);
    }

    @Test
    void aSecondaryLimitThatDoesNotLiftIsARetryableRateLimitError() {
        stub(post(urlPathEqualTo(STATUS)).willReturn(aResponse().withStatus(403).withBody(SECONDARY)));

        assertThatThrownBy(GitHubRateLimitTest::setStatus).isInstanceOfSatisfying(GitHubRateLimitException.class, e -> {
            assertThat(e.retryable()).isTrue();
            assertThat(e.status()).isEqualTo(403);
            assertThat(e.retryAt()).isEmpty();
            assertThat(e.getMessage()).contains("secondary rate limit");
        });
        assertThat(requests(postRequestedFor(urlPathEqualTo(STATUS)))).hasSize(3);
    }

    @Test
    void aResetTooFarAwayIsNotWaitedButReportedWithItsTime() {
        long reset = Instant.now().getEpochSecond() + 3600;
        stub(get(urlPathEqualTo("/repos/acme/kernel/compare/a...b")).willReturn(aResponse().withStatus(403)
                .withHeader("x-ratelimit-remaining", "0").withHeader("x-ratelimit-reset", Long.toString(reset))
                .withBody("{\"message\":\"API rate limit exceeded\"}")));

        assertThatThrownBy(() -> GitHubStub.client().compare(REPO, "a", "b"))
                .isInstanceOfSatisfying(GitHubRateLimitException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.retryAt()).contains(Instant.ofEpochSecond(reset));
                });
        assertThat(requests(getRequestedFor(urlPathEqualTo("/repos/acme/kernel/compare/a...b")))).hasSize(1);
    }

    @Test
    void aTooManyRequestsWithARetryAfterBeyondTheCapCarriesItsRetryTime() {
        stub(post(urlPathEqualTo(STATUS)).willReturn(aResponse().withStatus(429).withHeader("retry-after", "600")
                .withBody(SECONDARY)));
        Instant before = Instant.now();

        assertThatThrownBy(GitHubRateLimitTest::setStatus).isInstanceOfSatisfying(GitHubRateLimitException.class,
                e -> assertThat(e.retryAt()).hasValueSatisfying(t -> assertThat(t).isAfter(before.plusSeconds(590))));
    }

    @Test
    void aForbiddenThatIsNotARateLimitIsNotRetried() {
        stub(post(urlPathEqualTo(STATUS)).willReturn(aResponse().withStatus(403)
                .withHeader("x-ratelimit-remaining", "4999").withBody("{\"message\":\"Resource not accessible by integration\"}")));

        assertThatThrownBy(GitHubRateLimitTest::setStatus).isInstanceOfSatisfying(GitHubApiException.class, e -> {
            assertThat(e).isNotInstanceOf(GitHubRateLimitException.class);
            assertThat(e.retryable()).isFalse();
        });
        assertThat(requests(postRequestedFor(urlPathEqualTo(STATUS)))).hasSize(1);
    }
}
