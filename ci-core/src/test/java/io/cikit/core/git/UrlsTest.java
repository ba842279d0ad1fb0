package io.cikit.core.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cikit.core.config.ConfigurationException;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class UrlsTest {
    @Test
    void namesTheSchemeOfEveryUrlForm() {
        assertThat(Urls.scheme("https://github.com/acme/kernel.git")).isEqualTo("https");
        // JGit reads only lower-case schemes as such; anything else is a local path to it, and is judged as one
        assertThat(Urls.scheme("HTTPS://github.com/acme/kernel.git")).isEqualTo("file");
        assertThat(Urls.scheme("http://mirror.lab:8080/linux.git")).isEqualTo("http");
        assertThat(Urls.scheme("ssh://git@gitlab.example.org:2222/group/sub/project.git")).isEqualTo("ssh");
        assertThat(Urls.scheme("git@github.com:acme/kernel.git")).isEqualTo("ssh");
        assertThat(Urls.scheme("file:///srv/git/linux.git")).isEqualTo("file");
        assertThat(Urls.scheme("/srv/git/linux.git")).isEqualTo("file");
        assertThat(Urls.scheme("git://git.kernel.org/pub/scm/linux.git")).isEqualTo("git");
    }

    @Test
    void checksTheSchemeAgainstTheAllowList() {
        Urls.check("https://github.com/acme/kernel.git", Set.of("https"));
        assertThatThrownBy(() -> Urls.check("git://git.kernel.org/linux.git", Set.of("https", "ssh")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("git remote git://git.kernel.org/linux.git uses scheme 'git', which is not allowed "
                        + "(allowed: https, ssh; see GitWorkspaces.Builder.allowSchemes)");
        assertThatThrownBy(() -> Urls.check("", Set.of("https"))).isInstanceOf(ConfigurationException.class);
    }

    @Test
    void hidesUserInfoInUrlsInsideText() {
        assertThat(Urls.redact("could not fetch https://x-access-token:ghs_abc@github.com/acme/k.git: 401"))
                .isEqualTo("could not fetch https://***@github.com/acme/k.git: 401");
        assertThat(Urls.redact("http://tok@host/a and ssh://git@host/b")).isEqualTo("http://***@host/a and ssh://***@host/b");
        assertThat(Urls.redact("https://github.com/acme/k.git@main")).isEqualTo("https://github.com/acme/k.git@main");
        assertThat(Urls.redact("git@github.com:acme/k.git")).isEqualTo("git@github.com:acme/k.git");
    }

    @Property(tries = 300)
    void aTokenInAUrlNeverSurvivesRedaction(@ForAll @AlphaChars @NumericChars @StringLength(min = 6, max = 40) String token,
            @ForAll @AlphaChars @StringLength(min = 1, max = 12) String user) {
        String text = "fetch from https://" + user + ":" + token + "@github.com/acme/kernel.git failed";
        assertThat(Urls.redact(text)).doesNotContain(token).contains("https://***@github.com/acme/kernel.git");
        assertThat(new GitException(GitException.Kind.UNREACHABLE, text).getMessage()).doesNotContain(token);
    }
}
