package io.cikit.vcs.gitlab.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class ApiPathsTest {

    @Test
    void theApiRootIsAddedOnceAndRelativeRootsAreKept() {
        assertThat(ApiPaths.apiRoot(URI.create("https://gitlab.com"))).isEqualTo(URI.create("https://gitlab.com/api/v4"));
        assertThat(ApiPaths.apiRoot(URI.create("https://gitlab.com/"))).isEqualTo(URI.create("https://gitlab.com/api/v4"));
        assertThat(ApiPaths.apiRoot(URI.create("https://git.lab/gitlab"))).isEqualTo(URI.create("https://git.lab/gitlab/api/v4"));
        assertThat(ApiPaths.apiRoot(URI.create("https://git.lab/api/v4/"))).isEqualTo(URI.create("https://git.lab/api/v4"));
    }

    @Test
    void aBaseUrlThatIsNotAbsoluteHttpIsRefused() {
        for (String bad : new String[] {"gitlab.com", "ftp://gitlab.com", "https://gitlab.com/?x=1", "file:///etc"}) {
            assertThatThrownBy(() -> ApiPaths.apiRoot(URI.create(bad))).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aProjectPathIsOneEncodedSegment() {
        assertThat(ApiPaths.project(URI.create("https://h/api/v4"), "group/sub/my project", "/statuses/abc"))
                .isEqualTo(URI.create("https://h/api/v4/projects/group%2Fsub%2Fmy%20project/statuses/abc"));
        assertThat(ApiPaths.project(URI.create("https://h/api/v4"), "42", "")).isEqualTo(URI.create("https://h/api/v4/projects/42"));
    }

    @Property(tries = 500)
    void encodedSegmentsDecodeBackAndHoldNoDelimiters(@ForAll String value) {
        String encoded = ApiPaths.segment(value);

        assertThat(encoded).matches("[A-Za-z0-9._~%-]*");
        assertThat(URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8))
                .isEqualTo(new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
    }
}
