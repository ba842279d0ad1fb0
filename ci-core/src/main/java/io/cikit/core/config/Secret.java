package io.cikit.core.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * A secret value (token, webhook secret, password). {@code toString()} never shows it; comparison runs in constant
 * time. Read the value only where it is sent ({@link #reveal()}, {@link #bytes()}).
 */
public final class Secret {
    private final byte[] value;

    private Secret(byte[] value) {
        this.value = value;
    }

    /** Wraps a non-empty secret string. */
    public static Secret of(String value) {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("a secret must not be empty");
        }
        return new Secret(value.getBytes(StandardCharsets.UTF_8));
    }

    /** The secret as text, for the one place it is sent. */
    public String reveal() {
        return new String(value, StandardCharsets.UTF_8);
    }

    /** A copy of the secret's UTF-8 bytes (for HMAC keys). */
    public byte[] bytes() {
        return value.clone();
    }

    /** Constant-time comparison with a presented value (e.g. a {@code X-Gitlab-Token} header). */
    public boolean matches(String presented) {
        if (presented == null) {
            return false;
        }
        return MessageDigest.isEqual(value, presented.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && MessageDigest.isEqual(value, other.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "Secret[redacted]";
    }
}
