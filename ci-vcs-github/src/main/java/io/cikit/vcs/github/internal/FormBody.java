package io.cikit.vcs.github.internal;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Reads one field of an {@code application/x-www-form-urlencoded} body, as GitHub sends {@code payload=}. */
public final class FormBody {
    private FormBody() {
    }

    /**
     * The URL-decoded UTF-8 bytes of the first field with this name; empty when absent or not validly encoded.
     */
    public static Optional<byte[]> field(byte[] body, String name) {
        String text = new String(body, StandardCharsets.US_ASCII);
        for (String pair : text.split("&", -1)) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals(name)) {
                try {
                    String decoded = java.net.URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8);
                    return Optional.of(decoded.getBytes(StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
