package io.cikit.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeadersTest {

    @Test
    void lookUpIgnoresCaseAndKeepsEveryValue() {
        Headers h = Headers.of("X-GitHub-Event", "push", "x-github-event", "again", "Content-Type", "application/json");

        assertThat(h.first("x-github-EVENT")).contains("push");
        assertThat(h.all("X-GITHUB-EVENT")).containsExactly("push", "again");
        assertThat(h.names()).containsExactly("X-GitHub-Event", "Content-Type");
    }

    @Test
    void toStringShowsNamesButNeverValues() {
        Headers h = Headers.of(Map.of("Authorization", "Bearer s3cr3t"));

        assertThat(h.toString()).contains("Authorization").doesNotContain("s3cr3t");
    }

    @Test
    void builderSetReplacesEveryValueOfAName() {
        Headers h = Headers.ofMulti(Map.of("Accept", List.of("a", "b"))).toBuilder().set("accept", "c").build();

        assertThat(h.all("Accept")).containsExactly("c");
    }
}
