package io.cikit.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cikit.core.config.Secret;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class SignaturesTest {
    // GitHub's documented test vector
    private static final Secret GITHUB_SECRET = Secret.of("It's a Secret to Everybody");
    private static final byte[] GITHUB_BODY = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    private static final String GITHUB_HEX = "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    @Test
    void computesGitHubsDocumentedVector() {
        assertThat(Signatures.hmacSha256Hex(GITHUB_SECRET.bytes(), GITHUB_BODY)).isEqualTo(GITHUB_HEX);
    }

    @Test
    void verifiesGitHubsDocumentedVectorInEveryAcceptedSpelling() {
        List<Secret> secrets = List.of(GITHUB_SECRET);

        assertThat(Signatures.verifyHmacSha256("sha256=" + GITHUB_HEX, GITHUB_BODY, secrets)).isTrue();
        assertThat(Signatures.verifyHmacSha256(GITHUB_HEX, GITHUB_BODY, secrets)).isTrue();
        assertThat(Signatures.verifyHmacSha256("sha256=" + GITHUB_HEX.toUpperCase(Locale.ROOT), GITHUB_BODY, secrets)).isTrue();
        assertThat(Signatures.verifyHmacSha256("SHA256=" + GITHUB_HEX, GITHUB_BODY, secrets)).isTrue();
        assertThat(Signatures.verifyHmacSha256(" sha256=" + GITHUB_HEX + " ", GITHUB_BODY, secrets)).isTrue();
    }

    @Test
    void anyOfSeveralSecretsMayMatchForRotation() {
        List<Secret> rotated = List.of(Secret.of("the old one"), GITHUB_SECRET);

        assertThat(Signatures.verifyHmacSha256("sha256=" + GITHUB_HEX, GITHUB_BODY, rotated)).isTrue();
        assertThat(Signatures.verifyHmacSha256("sha256=" + GITHUB_HEX, GITHUB_BODY, List.of(Secret.of("the old one")))).isFalse();
    }

    @Test
    void noSecretsMeansNoMatch() {
        assertThat(Signatures.verifyHmacSha256("sha256=" + GITHUB_HEX, GITHUB_BODY, List.of())).isFalse();
        assertThat(Signatures.tokenMatches("token", List.of())).isFalse();
    }

    @Test
    void malformedSignaturesAnswerFalse() {
        List<Secret> secrets = List.of(GITHUB_SECRET);
        for (String bad : List.of("", "sha256=", "sha1=" + GITHUB_HEX, "sha256=" + GITHUB_HEX.substring(2),
                "sha256=" + GITHUB_HEX + "00", "sha256=" + "zz" + GITHUB_HEX.substring(2), "sha256=sha256=" + GITHUB_HEX,
                "sha256=" + GITHUB_HEX.substring(0, 63) + "\u0661")) {
            assertThat(Signatures.verifyHmacSha256(bad, GITHUB_BODY, secrets)).as(bad).isFalse();
        }
    }

    @Test
    void tokensCompareExactlyAgainstAnySecret() {
        List<Secret> secrets = List.of(Secret.of("old-token"), Secret.of("new-token"));

        assertThat(Signatures.tokenMatches("new-token", secrets)).isTrue();
        assertThat(Signatures.tokenMatches("old-token", secrets)).isTrue();
        assertThat(Signatures.tokenMatches("new-token ", secrets)).isFalse();
        assertThat(Signatures.tokenMatches("NEW-TOKEN", secrets)).isFalse();
        assertThat(Signatures.tokenMatches("", secrets)).isFalse();
    }

    @Test
    void anEmptyHmacKeyIsRefused() {
        assertThatThrownBy(() -> Signatures.hmacSha256Hex(new byte[0], GITHUB_BODY)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 300)
    void flippingAnyBodyBitBreaksTheSignature(@ForAll @Size(min = 1, max = 512) byte[] body,
            @ForAll @IntRange(min = 0, max = 511) int position, @ForAll @IntRange(min = 0, max = 7) int bit) {
        String signature = "sha256=" + Signatures.hmacSha256Hex(GITHUB_SECRET.bytes(), body);
        byte[] flipped = body.clone();
        flipped[position % body.length] ^= (byte) (1 << bit);

        assertThat(Signatures.verifyHmacSha256(signature, body, List.of(GITHUB_SECRET))).isTrue();
        assertThat(Signatures.verifyHmacSha256(signature, flipped, List.of(GITHUB_SECRET))).isFalse();
    }

    @Property(tries = 300)
    void changingAnySignatureDigitBreaksIt(@ForAll @Size(max = 512) byte[] body,
            @ForAll @IntRange(min = 0, max = 63) int position, @ForAll @IntRange(min = 1, max = 15) int delta) {
        String hex = Signatures.hmacSha256Hex(GITHUB_SECRET.bytes(), body);
        char changed = Character.forDigit((Character.digit(hex.charAt(position), 16) + delta) % 16, 16);
        String tampered = hex.substring(0, position) + changed + hex.substring(position + 1);

        assertThat(Signatures.verifyHmacSha256("sha256=" + tampered, body, List.of(GITHUB_SECRET))).isFalse();
    }

    @Property(tries = 500)
    void arbitraryPresentedValuesNeverThrow(@ForAll("presented") String presented, @ForAll @Size(max = 64) byte[] body) {
        boolean verified = Signatures.verifyHmacSha256(presented, body, List.of(GITHUB_SECRET));
        boolean token = Signatures.tokenMatches(presented, List.of(GITHUB_SECRET));

        assertThat(verified).isFalse();
        assertThat(token).isEqualTo(presented.equals(GITHUB_SECRET.reveal()));
    }

    @Property(tries = 300)
    void everySpellingOfTheRightSignatureVerifies(@ForAll @Size(max = 256) byte[] body, @ForAll long upper,
            @ForAll boolean prefixed, @ForAll("blanks") String before, @ForAll("blanks") String after) {
        String hex = (prefixed ? "sha256=" : "") + Signatures.hmacSha256Hex(GITHUB_SECRET.bytes(), body);
        StringBuilder spelled = new StringBuilder(before);
        for (int i = 0; i < hex.length(); i++) {
            char c = hex.charAt(i);
            spelled.append((upper >>> (i % Long.SIZE) & 1) == 1 ? Character.toUpperCase(c) : c);
        }
        spelled.append(after);

        assertThat(Signatures.verifyHmacSha256(spelled.toString(), body, List.of(GITHUB_SECRET))).isTrue();
    }

    /** Whatever is presented, the answer is the one a plain trim, prefix cut and {@link HexFormat} decode gives. */
    @Property(tries = 1000)
    void answersAsTheLibraryHexDecoderDoes(@ForAll("nearlySignatures") String presented) {
        String right = Signatures.hmacSha256Hex(GITHUB_SECRET.bytes(), GITHUB_BODY);
        String value = presented.replace("RIGHT", right).trim();
        if (value.regionMatches(true, 0, "sha256=", 0, "sha256=".length())) {
            value = value.substring("sha256=".length());
        }
        boolean expected;
        try {
            expected = value.length() == 64 && HexFormat.of().parseHex(value).length == 32 && value.equalsIgnoreCase(right);
        } catch (IllegalArgumentException notHex) {
            expected = false;
        }

        assertThat(Signatures.verifyHmacSha256(presented.replace("RIGHT", right), GITHUB_BODY, List.of(GITHUB_SECRET)))
                .isEqualTo(expected);
    }

    @Provide
    Arbitrary<String> blanks() {
        return Arbitraries.strings().withChars(" \t\r\n\u0000\u001f").ofMaxLength(3);
    }

    @Provide
    Arbitrary<String> nearlySignatures() {
        Arbitrary<String> piece = Arbitraries.oneOf(Arbitraries.of("RIGHT", "sha256=", "SHA256=", "sha1=", " ", "\t", "="),
                Arbitraries.strings().withChars("0123456789abcdefABCDEFgG\u0661\uff10\u0130 ").ofMaxLength(4));
        return piece.list().ofMaxSize(4).map(parts -> String.join("", parts));
    }

    @Provide
    Arbitrary<String> presented() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(100),
                Arbitraries.strings().withChars("0123456789abcdefABCDEFxyz=").ofMinLength(60).ofMaxLength(72)
                        .map(s -> "sha256=" + s),
                Arbitraries.strings().withChars("0123456789abcdef").ofLength(64));
    }
}
