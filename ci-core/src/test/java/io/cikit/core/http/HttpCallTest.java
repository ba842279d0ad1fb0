package io.cikit.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cikit.core.config.Secret;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpCallTest {
    private static final URI API = URI.create("https://api.github.com/repos/o/r");

    @Test
    void idempotenceFollowsTheMethodUnlessOverridden() {
        assertThat(HttpCall.get(API).build().idempotent()).isTrue();
        assertThat(HttpCall.head(API).build().idempotent()).isTrue();
        assertThat(HttpCall.put(API).build().idempotent()).isTrue();
        assertThat(HttpCall.delete(API).build().idempotent()).isTrue();
        assertThat(HttpCall.patch(API).build().idempotent()).isTrue();
        assertThat(HttpCall.post(API).build().idempotent()).isFalse();
        assertThat(HttpCall.method("PROPFIND", API).build().idempotent()).isFalse();
        assertThat(HttpCall.post(API).idempotent(true).build().idempotent()).isTrue();
    }

    @Test
    void secretHeadersStayOutOfHeadersAndToString() {
        HttpCall call = HttpCall.get(URI.create("https://gitlab.example/api?private_token=abc123&page=2"))
                .bearer(Secret.of("tok-1"))
                .header("PRIVATE-TOKEN", Secret.of("tok-2"))
                .header("Accept", "application/json")
                .build();

        assertThat(call.headers().names()).containsExactly("Accept");
        assertThat(call.secretHeaderNames()).containsExactlyInAnyOrder("Authorization", "PRIVATE-TOKEN");
        assertThat(call.toString()).contains("Authorization", "PRIVATE-TOKEN", "page=2", "private_token=REDACTED")
                .doesNotContain("tok-1", "tok-2", "abc123");
        assertThat(call.headersToSend()).containsEntry("Authorization", List.of("Bearer tok-1"));
    }

    @Test
    void headersForLogsMaskSecretHelpersAndSensitiveNames() {
        HttpCall call = HttpCall.get(API)
                .header("X-Custom", Secret.of("custom-secret"))
                .header("X-Auth-Token", "plain-token")
                .header("Accept", "application/json")
                .build();

        String shown = CallRunner.requestHeadersShown(call);

        assertThat(shown).contains("Accept: application/json", "X-Custom: REDACTED", "X-Auth-Token: REDACTED")
                .doesNotContain("custom-secret", "plain-token");
    }

    @Test
    void aSecretUriShowsOnlyItsOrigin() {
        HttpCall call = HttpCall.post(URI.create("https://hooks.slack.com/services/T000/B000/XXXXSECRET"))
                .secretUri().json(Map.of("text", "hi")).build();

        assertThat(call.toString()).contains("https://hooks.slack.com").doesNotContain("XXXXSECRET", "T000");
    }

    @Test
    void basicAuthEncodesUserAndToken() {
        HttpCall call = HttpCall.post(API).basicAuth("jenkins", Secret.of("api-token")).build();

        assertThat(call.headersToSend().get("Authorization")).containsExactly("Basic amVua2luczphcGktdG9rZW4=");
        assertThatThrownBy(() -> HttpCall.get(API).basicAuth("a:b", Secret.of("x")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void jsonAndFormBodiesSetTheirContentType() {
        HttpCall json = HttpCall.post(API).json(Map.of("state", "success")).build();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("BOARD", "rpi 4");
        fields.put("token", "a&b");
        HttpCall form = HttpCall.post(API).form(fields).build();

        assertThat(json.headers().first("content-type")).contains("application/json");
        assertThat(new String(json.body().orElseThrow(), StandardCharsets.UTF_8)).isEqualTo("{\"state\":\"success\"}");
        assertThat(form.headers().first("Content-Type")).contains("application/x-www-form-urlencoded; charset=UTF-8");
        assertThat(new String(form.body().orElseThrow(), StandardCharsets.UTF_8)).isEqualTo("BOARD=rpi+4&token=a%26b");
    }

    @Test
    void theBodyCannotBeChangedFromOutside() {
        byte[] bytes = {1, 2, 3};
        HttpCall call = HttpCall.put(API).body(bytes, "application/octet-stream").build();
        bytes[0] = 9;
        call.body().orElseThrow()[1] = 9;

        assertThat(call.body()).hasValueSatisfying(b -> assertThat(b).containsExactly(1, 2, 3));
    }

    @Test
    void laterHeadersReplaceEarlierOnesWhetherPlainOrSecret() {
        HttpCall call = HttpCall.get(API)
                .header("X-Gitlab-Token", "plain")
                .header("X-Gitlab-Token", Secret.of("hidden"))
                .header("Accept", "a")
                .header("accept", "b")
                .build();

        assertThat(call.headers().all("Accept")).containsExactly("b");
        assertThat(call.headers().contains("X-Gitlab-Token")).isFalse();
        assertThat(call.secretHeaderNames()).containsExactly("X-Gitlab-Token");
    }

    @Test
    void badUrisHeadersAndMethodsAreRejected() {
        assertThatThrownBy(() -> HttpCall.get(URI.create("/relative"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpCall.get(URI.create("ftp://host/x"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpCall.get(URI.create("file:///etc/passwd"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpCall.get(API).header("X-A", "v\r\nInjected: 1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpCall.get(API).header("Bad Name", "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpCall.get(API).header("Host", "evil")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpCall.get(API).header("Content-Length", "1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpCall.method("GE T", API)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpCall.get(API).operation(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpCall.get(API).timeout(java.time.Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRedirectToAnotherOriginDropsEverySensitiveHeader() {
        HttpCall call = HttpCall.get(API)
                .bearer(Secret.of("t"))
                .header("JOB-TOKEN", Secret.of("j"))
                .header("Cookie", "s=1")
                .header("X-Api-Key", "k")
                .header("Accept", "application/zip")
                .build();

        HttpCall next = call.redirectedTo(URI.create("https://storage.example/blob"), false, false);

        assertThat(next.secretHeaderNames()).isEmpty();
        assertThat(next.headers().names()).containsExactly("Accept");
        assertThat(next.uri().getHost()).isEqualTo("storage.example");
    }

    @Test
    void aSeeOtherRedirectBecomesABodylessGet() {
        HttpCall call = HttpCall.post(API).json(Map.of("a", 1)).bearer(Secret.of("t")).build();

        HttpCall next = call.redirectedTo(API.resolve("/queue/1"), true, true);

        assertThat(next.method()).isEqualTo("GET");
        assertThat(next.body()).isEmpty();
        assertThat(next.headers().contains("Content-Type")).isFalse();
        assertThat(next.idempotent()).isTrue();
        assertThat(next.secretHeaderNames()).containsExactly("Authorization");
    }

    @Test
    void equalCallsAreEqual() {
        HttpCall a = HttpCall.post(API).json(Map.of("a", 1)).bearer(Secret.of("t")).operation("x").build();
        HttpCall b = HttpCall.post(API).json(Map.of("a", 1)).bearer(Secret.of("t")).operation("x").build();

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.toBuilder().build()).isEqualTo(a);
        assertThat(a).isNotEqualTo(a.toBuilder().bearer(Secret.of("u")).build());
    }
}
