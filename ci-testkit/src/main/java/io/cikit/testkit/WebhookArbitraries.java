package io.cikit.testkit;

import io.cikit.core.http.Headers;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * jqwik arbitraries for hostile webhook input: random bodies, valid JSON bodies broken in the ways real traffic and
 * attackers break them, and header sets mixing a provider's real header names with noise.
 *
 * <p>All methods are side-effect free and return new arbitraries; use them from {@code @Provide} methods.
 */
public final class WebhookArbitraries {
    /** Depth beyond {@code JsonLimits.DEFAULT}'s nesting bound of 128. */
    private static final int HOSTILE_DEPTH_MIN = 129;
    private static final int HOSTILE_DEPTH_MAX = 20_000;

    private WebhookArbitraries() {
    }

    /** Random bytes, up to 4 KiB. */
    public static Arbitrary<byte[]> bodies() {
        return bodies(4096);
    }

    /** Random bytes, up to {@code maxSize}. */
    public static Arbitrary<byte[]> bodies(int maxSize) {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(maxSize);
    }

    /** Short strings of JSON punctuation, literals and digits: text that is nearly JSON, encoded as UTF-8. */
    public static Arbitrary<byte[]> jsonNoise() {
        return Arbitraries.strings().withChars("{}[]\":,.-+0123456789eEtruefalsn \\/\t\n")
                .ofMaxLength(256).map(s -> s.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Arrays or objects nested between 129 and 20 000 levels deep ({@code [[[…]]]}, {@code {"a":{"a":…}}}), beyond
     * what a bounded reader accepts.
     */
    public static Arbitrary<byte[]> deeplyNested() {
        return deeplyNested(HOSTILE_DEPTH_MIN, HOSTILE_DEPTH_MAX);
    }

    /** Arrays or objects nested between {@code minDepth} and {@code maxDepth} levels deep, optionally unclosed. */
    public static Arbitrary<byte[]> deeplyNested(int minDepth, int maxDepth) {
        return Combinators.combine(Arbitraries.integers().between(minDepth, maxDepth), Arbitraries.of(true, false),
                Arbitraries.of(true, false)).as((depth, arrays, closed) -> {
                    String open = arrays ? "[" : "{\"a\":";
                    String close = arrays ? "]" : "}";
                    String inner = arrays ? "" : "1";
                    return (open.repeat(depth) + inner + (closed ? close.repeat(depth) : "")).getBytes(StandardCharsets.UTF_8);
                });
    }

    /** Valid bodies broken by one mutation each (see {@link #mutated(byte[])}). */
    public static Arbitrary<byte[]> mutatedJson(List<byte[]> valid) {
        if (valid.isEmpty()) {
            throw new IllegalArgumentException("no valid bodies to mutate");
        }
        return Arbitraries.of(valid).flatMap(WebhookArbitraries::mutated);
    }

    /**
     * One body broken by one of: a flipped bit, truncation, inserted garbage, a deleted range, or wrapping it in
     * hostile nesting. The result always differs from the input.
     */
    public static Arbitrary<byte[]> mutated(byte[] valid) {
        Objects.requireNonNull(valid, "valid");
        if (valid.length == 0) {
            return Arbitraries.oneOf(bodies(64).filter(b -> b.length > 0), deeplyNested());
        }
        int length = valid.length;
        Arbitrary<Integer> position = Arbitraries.integers().between(0, length - 1);
        Arbitrary<byte[]> flipped = Combinators.combine(position, Arbitraries.integers().between(0, 7)).as((at, bit) -> {
            byte[] copy = valid.clone();
            copy[at] ^= (byte) (1 << bit);
            return copy;
        });
        Arbitrary<byte[]> truncated = position.map(at -> slice(valid, 0, at));
        Arbitrary<byte[]> inserted = Combinators.combine(Arbitraries.integers().between(0, length),
                Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(32)).as((at, garbage) -> {
                    byte[] out = new byte[length + garbage.length];
                    System.arraycopy(valid, 0, out, 0, at);
                    System.arraycopy(garbage, 0, out, at, garbage.length);
                    System.arraycopy(valid, at, out, at + garbage.length, length - at);
                    return out;
                });
        Arbitrary<byte[]> deleted = Combinators.combine(position, Arbitraries.integers().between(1, Math.max(1, length / 4)))
                .as((at, count) -> {
                    int end = Math.min(length, at + count);
                    byte[] out = new byte[length - (end - at)];
                    System.arraycopy(valid, 0, out, 0, at);
                    System.arraycopy(valid, end, out, at, length - end);
                    return out;
                });
        Arbitrary<byte[]> nested = Arbitraries.integers().between(HOSTILE_DEPTH_MIN, 5_000).map(depth -> {
            byte[] open = "[".repeat(depth).getBytes(StandardCharsets.US_ASCII);
            byte[] out = new byte[depth * 2 + length];
            System.arraycopy(open, 0, out, 0, depth);
            System.arraycopy(valid, 0, out, depth, length);
            Arrays.fill(out, depth + length, out.length, (byte) ']');
            return out;
        });
        return Arbitraries.oneOf(flipped, truncated, inserted, deleted, nested);
    }

    /**
     * Header sets of up to 10 headers, whose names mix {@code realNames} (in any letter case) with random names, and
     * whose values mix random text, empty values, hex signatures and common media types.
     */
    public static Arbitrary<Headers> headers(Collection<String> realNames) {
        List<String> real = List.copyOf(realNames);
        Arbitrary<String> randomNames = Arbitraries.strings().ofMinLength(1).ofMaxLength(40);
        Arbitrary<String> names = real.isEmpty() ? randomNames : Arbitraries.oneOf(randomNames,
                Arbitraries.of(real).flatMap(n -> Arbitraries.of(n, n.toLowerCase(Locale.ROOT), n.toUpperCase(Locale.ROOT))));
        return Combinators.combine(names, headerValues()).as(Map::entry).list().ofMaxSize(10).map(entries -> {
            Headers.Builder builder = Headers.builder();
            entries.forEach(e -> builder.add(e.getKey(), e.getValue()));
            return builder.build();
        });
    }

    /** Header values: random text, empty, hex signatures (with and without a {@code sha256=} prefix), media types. */
    public static Arbitrary<String> headerValues() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(120),
                Arbitraries.of("", " ", "application/json", "application/x-www-form-urlencoded", "text/plain; charset=utf-8",
                        "push", "ping", "Push Hook", "sha256=", "sha1=0000"),
                Arbitraries.strings().withChars("0123456789abcdefABCDEF").ofMinLength(60).ofMaxLength(68),
                Arbitraries.strings().withChars("0123456789abcdef").ofLength(64).map(hex -> "sha256=" + hex));
    }

    private static byte[] slice(byte[] bytes, int from, int to) {
        byte[] out = new byte[to - from];
        System.arraycopy(bytes, from, out, 0, out.length);
        return out;
    }
}
