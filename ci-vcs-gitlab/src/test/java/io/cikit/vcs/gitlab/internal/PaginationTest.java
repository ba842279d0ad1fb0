package io.cikit.vcs.gitlab.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.cikit.core.http.Headers;
import io.cikit.core.http.HttpReply;
import java.net.URI;
import org.junit.jupiter.api.Test;

class PaginationTest {
    private static final URI API = URI.create("https://gitlab.example.com/api/v4");
    private static final URI CURRENT = URI.create("https://gitlab.example.com/api/v4/projects/1/notes?per_page=100&page=1");

    private static HttpReply reply(String... headers) {
        return new HttpReply(200, Headers.of(headers), "[]".getBytes(), CURRENT);
    }

    @Test
    void theNextLinkWinsOverXNextPage() {
        var next = Pagination.next(reply("Link", "<https://gitlab.example.com/api/v4/projects/1/notes?id_after=9>; rel=\"next\"",
                "X-Next-Page", "5"), CURRENT, API);

        assertThat(next).contains(URI.create("https://gitlab.example.com/api/v4/projects/1/notes?id_after=9"));
    }

    @Test
    void findsNextAmongSeveralRelations() {
        String link = "<https://gitlab.example.com/a?page=1>; rel=\"first\", <https://gitlab.example.com/a?page=3>; rel=\"next\","
                + " <https://gitlab.example.com/a?page=9>; rel=\"last\"";

        assertThat(Pagination.relNext(link)).contains(URI.create("https://gitlab.example.com/a?page=3"));
        assertThat(Pagination.relNext("<https://x/a>; rel=\"prev\"")).isEmpty();
        assertThat(Pagination.relNext("garbage")).isEmpty();
    }

    @Test
    void xNextPageReplacesThePageParameter() {
        assertThat(Pagination.next(reply("X-Next-Page", "2"), CURRENT, API))
                .contains(URI.create("https://gitlab.example.com/api/v4/projects/1/notes?per_page=100&page=2"));
    }

    @Test
    void anEmptyOrOddXNextPageEndsTheList() {
        assertThat(Pagination.next(reply("X-Next-Page", ""), CURRENT, API)).isEmpty();
        assertThat(Pagination.next(reply("X-Next-Page", "2&admin=true"), CURRENT, API)).isEmpty();
        assertThat(Pagination.next(reply(), CURRENT, API)).isEmpty();
    }

    @Test
    void aLinkToAnotherOriginEndsTheList() {
        assertThat(Pagination.next(reply("Link", "<https://evil.example.net/api/v4/x?page=2>; rel=\"next\""), CURRENT, API)).isEmpty();
        assertThat(Pagination.next(reply("Link", "<http://gitlab.example.com/api/v4/x?page=2>; rel=\"next\""), CURRENT, API)).isEmpty();
        assertThat(Pagination.next(reply("Link", "<https://gitlab.example.com:443/api/v4/x?page=2>; rel=\"next\""), CURRENT, API))
                .isPresent();
    }
}
