package io.cikit.core.webhook;

import io.cikit.core.config.Secret;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Webhook signature checks that provider parsers share: HMAC-SHA256 over the raw body (GitHub's
 * {@code X-Hub-Signature-256}) and plain shared tokens (GitLab's {@code X-Gitlab-Token}).
 *
 * <p>Comparisons run in constant time with respect to the secret. Several secrets may be passed (rotation): any
 * one matching is enough. Thread-safe; the checks never throw for malformed presented values, they answer
 * {@code false}. Each thread keeps HMAC engines initialised for the last few secrets it verified with (see
 * {@code HmacSha256}), so a delivery does not pay for {@code Mac.getInstance} and {@code init}.
 */
public final class Signatures {
    private static final String SHA256_PREFIX = "sha256=";
    private static final int SHA256_BYTES = 32;

    private Signatures() {
    }

    /**
     * The lower-case hex HMAC-SHA256 of {@code body} under {@code key}.
     *
     * @throws IllegalArgumentException when the key is empty
     */
    public static String hmacSha256Hex(byte[] key, byte[] body) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(body, "body");
        return HexFormat.of().formatHex(HmacSha256.of(key, body));
    }

    /**
     * Whether a presented HMAC-SHA256 signature ({@code sha256=<hex>} or bare hex, either case) matches the body
     * under any of the secrets. Malformed values (wrong length, non-hex characters, another algorithm's prefix)
     * answer {@code false}.
     */
    public static boolean verifyHmacSha256(String presented, byte[] body, List<Secret> secrets) {
        Objects.requireNonNull(presented, "presented");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(secrets, "secrets");
        byte[] wanted = decodeSha256Hex(presented);
        if (wanted.length != SHA256_BYTES) {
            return false;
        }
        boolean matched = false;
        for (Secret secret : secrets) {
            // no early exit: the time taken does not tell which secret matched
            matched |= MessageDigest.isEqual(HmacSha256.of(secret, body), wanted);
        }
        return matched;
    }

    /** Whether a presented shared token equals any of the secrets, compared in constant time. */
    public static boolean tokenMatches(String presented, List<Secret> secrets) {
        Objects.requireNonNull(presented, "presented");
        Objects.requireNonNull(secrets, "secrets");
        boolean matched = false;
        for (Secret secret : secrets) {
            matched |= secret.matches(presented);
        }
        return matched;
    }

    /**
     * The 32 bytes of {@code sha256=<64 hex digits>} or bare hex (either case, surrounding whitespace as
     * {@link String#trim} drops it); empty for anything else. By hand: trimming, cutting the prefix and lower-casing
     * each copied the value, which cost as much as the rest of a small delivery's verification.
     */
    private static byte[] decodeSha256Hex(String presented) {
        int from = 0;
        int to = presented.length();
        while (from < to && presented.charAt(from) <= ' ') {
            from++;
        }
        while (to > from && presented.charAt(to - 1) <= ' ') {
            to--;
        }
        if (presented.regionMatches(true, from, SHA256_PREFIX, 0, SHA256_PREFIX.length())) {
            from += SHA256_PREFIX.length();
        }
        if (to - from != SHA256_BYTES * 2) {
            return new byte[0];
        }
        byte[] out = new byte[SHA256_BYTES];
        for (int k = 0; k < SHA256_BYTES; k++) {
            int high = hexValue(presented.charAt(from + 2 * k));
            int low = hexValue(presented.charAt(from + 2 * k + 1));
            if ((high | low) < 0) {
                return new byte[0];
            }
            out[k] = (byte) (high << 4 | low);
        }
        return out;
    }

    /** The value of an ASCII hex digit of either case, or -1 (other scripts' digits included). */
    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        char lower = (char) (c | 0x20);
        return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
    }
}
