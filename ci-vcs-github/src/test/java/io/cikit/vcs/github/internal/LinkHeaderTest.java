package io.cikit.vcs.github.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinkHeaderTest {

    @Test
    void readsTheNextLinkAmongOthers() {
        String header = "<https://api.github.com/repositories/1/issues/7/comments?page=1>; rel=\"prev\", "
                + "<https://api.github.com/repositories/1/issues/7/comments?page=3>; rel=\"next\", "
                + "<https://api.github.com/repositories/1/issues/7/comments?page=5>; rel=\"last\"";

        assertThat(LinkHeader.next(List.of(header)))
                .contains(URI.create("https://api.github.com/repositories/1/issues/7/comments?page=3"));
    }

    @Test
    void theLastPageHasNoNext() {
        assertThat(LinkHeader.next(List.of("<https://x.example/?page=1>; rel=\"first\", <https://x.example/?page=2>; rel=\"prev\"")))
                .isEmpty();
        assertThat(LinkHeader.next(List.of())).isEmpty();
    }

    @Test
    void unquotedAndMultiValuedRelsCount() {
        assertThat(LinkHeader.next(List.of("<https://x.example/?page=2>; rel=next"))).isPresent();
        assertThat(LinkHeader.next(List.of("<https://x.example/?page=2>; title=\"n\"; rel=\"next last\""))).isPresent();
    }

    @Test
    void aRelativeOrBrokenTargetIsNoNextPage() {
        assertThat(LinkHeader.next(List.of("</page2>; rel=\"next\""))).isEmpty();
        assertThat(LinkHeader.next(List.of("<http://[broken>; rel=\"next\""))).isEmpty();
    }
}
