package io.cikit.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cikit.core.json.MalformedJsonException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HttpReplyTest {
    private static final URI URI_WITH_TOKEN = URI.create("https://api.example/x?token=abc");

    private static HttpReply reply(int status, Headers headers, String body) {
        return new HttpReply(status, headers, body.getBytes(StandardCharsets.UTF_8), URI_WITH_TOKEN);
    }

    @Test
    void onlyTwoHundredsAreSuccess() {
        assertThat(reply(200, Headers.empty(), "").isSuccess()).isTrue();
        assertThat(reply(204, Headers.empty(), "").isSuccess()).isTrue();
        assertThat(reply(302, Headers.empty(), "").isSuccess()).isFalse();
        assertThat(reply(404, Headers.empty(), "").isSuccess()).isFalse();
        HttpReply ok = reply(201, Headers.empty(), "");
        assertThat(ok.requireSuccess()).isSameAs(ok);
    }

    @Test
    void requireSuccessTellsRetryableStatusesFromPermanentOnes() {
        assertThat(statusError(500, Headers.empty(), "").retryable()).isTrue();
        assertThat(statusError(503, Headers.empty(), "").retryable()).isTrue();
        assertThat(statusError(408, Headers.empty(), "").retryable()).isTrue();
        assertThat(statusError(429, Headers.empty(), "").retryable()).isTrue();
        assertThat(statusError(403, Headers.of("x-ratelimit-remaining", "0"), "").retryable()).isTrue();
        assertThat(statusError(403, Headers.empty(), "Resource not accessible").retryable()).isFalse();
        assertThat(statusError(404, Headers.empty(), "").retryable()).isFalse();
        assertThat(statusError(422, Headers.empty(), "").retryable()).isFalse();
    }

    @Test
    void theStatusErrorCarriesAShortOneLineSnippetAndNoSecrets() {
        String longBody = "line one\nline two\r\n" + "x".repeat(1000);
        HttpStatusException e = statusError(400, Headers.empty(), longBody);

        assertThat(e.bodySnippet()).startsWith("line one line two").doesNotContain("\n").hasSizeLessThan(310);
        assertThat(e.getMessage()).contains("400", "token=REDACTED").doesNotContain("abc");
    }

    @Test
    void aSecretUriIsNotShownInTheStatusError() {
        HttpReply r = new HttpReply(404, Headers.empty(), "no_service".getBytes(StandardCharsets.UTF_8),
                URI.create("https://hooks.slack.com/services/T1/B2/SECRET"), true);

        assertThatThrownBy(r::requireSuccess).hasMessageContaining("hooks.slack.com")
                .hasMessageContaining("no_service").hasMessageNotContaining("SECRET");
        assertThat(r.toString()).doesNotContain("SECRET");
    }

    @Test
    void textUsesTheDeclaredCharsetOrFallsBackToUtf8() {
        byte[] latin1 = "café".getBytes(StandardCharsets.ISO_8859_1);
        HttpReply declared = new HttpReply(200, Headers.of("Content-Type", "text/plain; charset=ISO-8859-1"), latin1,
                URI_WITH_TOKEN);
        HttpReply bogus = new HttpReply(200, Headers.of("Content-Type", "text/plain; charset=no-such-thing"),
                "café".getBytes(StandardCharsets.UTF_8), URI_WITH_TOKEN);

        assertThat(declared.text()).isEqualTo("café");
        assertThat(bogus.text()).isEqualTo("café");
    }

    @Test
    void jsonReadsTheBodyAndRejectsMalformedOnes() {
        assertThat(reply(200, Headers.empty(), "{\"ok\":true}").json().path("ok").asBoolean()).isTrue();
        assertThatThrownBy(() -> reply(200, Headers.empty(), "{\"ok\":").json()).isInstanceOf(MalformedJsonException.class);
        assertThatThrownBy(() -> reply(204, Headers.empty(), "").json()).isInstanceOf(MalformedJsonException.class);
    }

    @Test
    void retryAfterReadsSecondsAndIgnoresGarbage() {
        assertThat(reply(429, Headers.of("Retry-After", "120"), "").retryAfter()).contains(Duration.ofSeconds(120));
        assertThat(reply(429, Headers.of("Retry-After", "soon"), "").retryAfter()).isEmpty();
        assertThat(reply(429, Headers.empty(), "").retryAfter()).isEmpty();
        assertThat(reply(503, Headers.of("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT"), "").retryAfter())
                .contains(Duration.ZERO);
    }

    @Test
    void theBodyIsCopiedInAndOut() {
        byte[] body = {1, 2};
        HttpReply r = new HttpReply(200, Headers.empty(), body, URI_WITH_TOKEN);
        body[0] = 7;
        r.body()[1] = 7;

        assertThat(r.body()).containsExactly(1, 2);
        assertThat(r).isEqualTo(new HttpReply(200, Headers.empty(), new byte[] {1, 2}, URI_WITH_TOKEN));
        assertThat(r.toString()).doesNotContain("abc");
    }

    private static HttpStatusException statusError(int status, Headers headers, String body) {
        try {
            reply(status, headers, body).requireSuccess();
        } catch (HttpStatusException e) {
            assertThat(e.status()).isEqualTo(status);
            return e;
        }
        throw new AssertionError("no exception for " + status);
    }
}
