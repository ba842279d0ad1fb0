package io.cikit.core.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class HostGlobsTest {

    @Test
    void aLeadingStarMatchesSubdomainsButNotTheBareDomain() {
        HostGlobs globs = HostGlobs.of(List.of("*.blob.core.windows.net", "objects.githubusercontent.com"));

        assertThat(globs.matches("acct.blob.core.windows.net")).isTrue();
        assertThat(globs.matches("a.b.blob.core.windows.net")).isTrue();
        assertThat(globs.matches("ACCT.Blob.Core.Windows.Net")).isTrue();
        assertThat(globs.matches("blob.core.windows.net")).isFalse();
        assertThat(globs.matches("evil-blob.core.windows.net")).isFalse();
        assertThat(globs.matches("objects.githubusercontent.com")).isTrue();
        assertThat(globs.matches("objects.githubusercontent.com.evil.example")).isFalse();
        assertThat(globs.matches("xobjects.githubusercontent.com")).isFalse();
    }

    @Test
    void dotsAreLiteral() {
        assertThat(HostGlobs.of(List.of("a.example")).matches("axexample")).isFalse();
    }

    @Test
    void nothingMatchesAnEmptyList() {
        assertThat(HostGlobs.of(List.of()).matches("localhost")).isFalse();
    }

    @Test
    void globsWithCharactersNoHostHasAreRejected() {
        assertThatThrownBy(() -> HostGlobs.of(List.of(""))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HostGlobs.of(List.of("host/path"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HostGlobs.of(List.of("a b"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HostGlobs.of(List.of("(.*)"))).isInstanceOf(IllegalArgumentException.class);
    }
}
