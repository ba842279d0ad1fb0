package io.cikit.core.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void sensitiveQueryValuesAreMaskedAndOthersKept() {
        URI uri = URI.create("https://user:pw@host.example:8443/a/b?page=2&access_token=t1&sig=s2&X-Amz-Credential=c3"
                + "&api_key=k4&password=p5&flag#frag");

        String shown = Redaction.uri(uri);

        assertThat(shown).isEqualTo("https://host.example:8443/a/b?page=2&access_token=REDACTED&sig=REDACTED"
                + "&X-Amz-Credential=REDACTED&api_key=REDACTED&password=REDACTED&flag");
    }

    @Test
    void authHeadersAreMaskedByName() {
        assertThat(Redaction.headerValue("Authorization", "Bearer x")).isEqualTo(Redaction.MASK);
        assertThat(Redaction.headerValue("PRIVATE-TOKEN", "x")).isEqualTo(Redaction.MASK);
        assertThat(Redaction.headerValue("JOB-TOKEN", "x")).isEqualTo(Redaction.MASK);
        assertThat(Redaction.headerValue("X-Gitlab-Token", "x")).isEqualTo(Redaction.MASK);
        assertThat(Redaction.headerValue("Cookie", "x")).isEqualTo(Redaction.MASK);
        assertThat(Redaction.headerValue("Proxy-Authorization", "x")).isEqualTo(Redaction.MASK);
        assertThat(Redaction.headerValue("Accept", "application/json")).isEqualTo("application/json");
        assertThat(Redaction.headerValue("Keep-Alive", "timeout=5")).isEqualTo("timeout=5");
    }

    @Test
    void aSecretUriShowsOnlyItsOrigin() {
        assertThat(Redaction.originOnly(URI.create("https://hooks.slack.com/services/T1/B2/XYZ")))
                .isEqualTo("https://hooks.slack.com/REDACTED");
    }
}
