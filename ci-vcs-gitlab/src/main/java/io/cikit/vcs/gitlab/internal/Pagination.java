package io.cikit.vcs.gitlab.internal;

import io.cikit.core.http.ApiRoot;
import io.cikit.core.http.HttpReply;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The next page of a GitLab list: the {@code rel="next"} URL of a {@code Link} header (offset and keyset
 * pagination both send it), else the {@code X-Next-Page} number applied to the current URL. A {@code Link} to another
 * origin than the API's is not followed: the token would go with it.
 */
public final class Pagination {
    private Pagination() {
    }

    public static Optional<URI> next(HttpReply reply, URI current, URI api) {
        for (String link : reply.headers().all("Link")) {
            Optional<URI> next = relNext(link);
            if (next.isPresent()) {
                return ApiRoot.sameOrigin(next.get(), api) ? next : Optional.empty();
            }
        }
        Optional<String> page = reply.header("X-Next-Page").map(String::trim).filter(p -> p.matches("[0-9]{1,9}"));
        return page.map(p -> withPage(current, p));
    }

    static Optional<URI> relNext(String header) {
        for (String part : header.split(",(?=\\s*<)")) {
            int open = part.indexOf('<');
            int close = part.indexOf('>', open + 1);
            if (open < 0 || close < 0) {
                continue;
            }
            String params = part.substring(close + 1).toLowerCase(Locale.ROOT);
            if (params.matches("(?s).*;\\s*rel\\s*=\\s*\"?([^\"]*\\s)?next(\\s[^\"]*)?\"?.*")) {
                try {
                    return Optional.of(URI.create(part.substring(open + 1, close).trim()));
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    static URI withPage(URI current, String page) {
        List<String> params = new ArrayList<>();
        String query = current.getRawQuery();
        if (query != null) {
            for (String p : query.split("&")) {
                if (!p.isEmpty() && !p.startsWith("page=")) {
                    params.add(p);
                }
            }
        }
        params.add("page=" + page);
        String base = current.toString();
        int q = base.indexOf('?');
        return URI.create((q < 0 ? base : base.substring(0, q)) + "?" + String.join("&", params));
    }
}
