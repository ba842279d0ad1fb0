package io.cikit.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cikit.core.http.internal.HostGlobs;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedirectRulesTest {
    private static final HttpCall API = HttpCall.get(URI.create("https://api.github.com/repos/o/r/actions/artifacts/1/zip"))
            .build();
    private final RedirectRules rules = new RedirectRules(HostGlobs.of(List.of("*.blob.core.windows.net")));

    @Test
    void relativeLocationsResolveAgainstTheCurrentHop() {
        assertThat(rules.next(API, API, "../../other", 302)).isEqualTo(URI.create("https://api.github.com/repos/o/r/actions/other"));
        assertThat(rules.next(API, API, " /x ", 302)).isEqualTo(URI.create("https://api.github.com/x"));
    }

    @Test
    void allowListedHostsAreFollowedOthersRefused() {
        assertThat(rules.next(API, API, "https://acct.blob.core.windows.net/c/a.zip?sig=1", 302).getHost())
                .isEqualTo("acct.blob.core.windows.net");
        assertThatThrownBy(() -> rules.next(API, API, "https://evil.example/a.zip", 302))
                .isInstanceOf(RedirectRefusedException.class).hasMessageContaining("evil.example");
    }

    @Test
    void aLaterHopMayReturnToTheOriginalHost() {
        HttpCall storage = HttpCall.get(URI.create("https://acct.blob.core.windows.net/c/a.zip")).build();

        assertThat(rules.next(API, storage, "https://api.github.com/back", 302).getHost()).isEqualTo("api.github.com");
    }

    @Test
    void aDowngradeFromHttpsToHttpIsRefusedEvenOnTheSameHost() {
        assertThatThrownBy(() -> rules.next(API, API, "http://api.github.com/repos", 301))
                .isInstanceOfSatisfying(RedirectRefusedException.class, e -> {
                    assertThat(e.status()).isEqualTo(301);
                    assertThat(e).hasMessageContaining("https to plain http");
                });
    }

    @Test
    void anUpgradeFromHttpToHttpsIsFollowedButIsAnotherOrigin() {
        HttpCall plain = HttpCall.get(URI.create("http://jenkins.lab/job/x")).build();

        URI next = rules.next(plain, plain, "https://jenkins.lab/job/x", 301);

        assertThat(RedirectRules.sameOrigin(plain.uri(), next)).isFalse();
    }

    @Test
    void originsCompareSchemeHostAndEffectivePort() {
        assertThat(RedirectRules.sameOrigin(URI.create("https://A.example/x"), URI.create("https://a.example:443/y"))).isTrue();
        assertThat(RedirectRules.sameOrigin(URI.create("http://a.example/x"), URI.create("http://a.example:80/y"))).isTrue();
        assertThat(RedirectRules.sameOrigin(URI.create("https://a.example/x"), URI.create("https://a.example:8443/y"))).isFalse();
        assertThat(RedirectRules.sameOrigin(URI.create("https://a.example/x"), URI.create("https://b.example/x"))).isFalse();
    }

    @Test
    void methodChangesFollowSeeOtherAndTheBrowserRuleForPost() {
        assertThat(RedirectRules.becomesGet(303, "PUT")).isTrue();
        assertThat(RedirectRules.becomesGet(302, "POST")).isTrue();
        assertThat(RedirectRules.becomesGet(301, "POST")).isTrue();
        assertThat(RedirectRules.becomesGet(302, "PUT")).isFalse();
        assertThat(RedirectRules.becomesGet(307, "POST")).isFalse();
        assertThat(RedirectRules.becomesGet(308, "POST")).isFalse();
    }
}
