package io.cikit.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.cikit.core.config.Secret;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * {@link Signatures} reuses per-thread HMAC engines ({@link HmacSha256}); whatever order secrets, raw keys and bodies
 * come in, on however many threads, every verdict and every MAC is the one a freshly made engine gives.
 */
class HmacEngineReuseTest {

    /** The reference: a new engine per MAC, as Signatures did before reusing them. */
    private static byte[] freshMac(byte[] key, byte[] body) {
        Mac mac = HmacSha256.newEngine();
        HmacSha256.init(mac, key);
        return mac.doFinal(body);
    }

    private static String freshSignature(Secret secret, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(freshMac(secret.bytes(), body));
    }

    /**
     * A run of verifications with secrets drawn from a pool larger than a thread keeps engines for (so engines are
     * evicted and re-initialised), mixed with raw-key MACs, each checked against a fresh engine's answer.
     */
    @Property(tries = 300)
    void reusedEnginesGiveTheVerdictsOfFreshOnes(@ForAll("secretPools") List<Secret> pool,
            @ForAll @Size(min = 1, max = 12) List<@IntRange(min = 0, max = 99) Integer> picks,
            @ForAll @Size(min = 1, max = 12) List<@Size(max = 300) byte[]> bodies,
            @ForAll @IntRange(min = 0, max = 2) int presentedKind) {
        for (int i = 0; i < picks.size(); i++) {
            Secret secret = pool.get(picks.get(i) % pool.size());
            Secret other = pool.get((picks.get(i) + 1) % pool.size());
            byte[] body = bodies.get(i % bodies.size());
            String presented = switch (presentedKind) {
                case 0 -> freshSignature(secret, body);
                case 1 -> freshSignature(other, body);
                default -> freshSignature(secret, (new String(body, StandardCharsets.ISO_8859_1) + "x")
                        .getBytes(StandardCharsets.ISO_8859_1));
            };
            boolean expected = presented.equals(freshSignature(secret, body))
                    || (presentedKind == 1 && presented.equals(freshSignature(other, body)));

            assertThat(Signatures.verifyHmacSha256(presented, body, List.of(secret, other)))
                    .as("pick %d", i).isEqualTo(expected);
            assertThat(Signatures.verifyHmacSha256(presented, body, List.of(secret)))
                    .isEqualTo(presented.equals(freshSignature(secret, body)));
            assertThat(Signatures.hmacSha256Hex(other.bytes(), body))
                    .isEqualTo(HexFormat.of().formatHex(freshMac(other.bytes(), body)));
        }
    }

    @Test
    void moreSecretsThanEnginesPerThreadAreEachVerifiedCorrectlyInTurn() {
        List<Secret> secrets = new ArrayList<>();
        for (int i = 0; i < HmacSha256.ENGINES_PER_THREAD * 2 + 1; i++) {
            secrets.add(Secret.of("secret-" + i));
        }
        byte[] body = "{\"ref\":\"refs/heads/main\"}".getBytes(StandardCharsets.UTF_8);

        for (int round = 0; round < 3; round++) {
            for (Secret secret : secrets) {
                String signature = freshSignature(secret, body);
                assertThat(Signatures.verifyHmacSha256(signature, body, List.of(secret))).isTrue();
                assertThat(Signatures.verifyHmacSha256(signature, body, secrets)).isTrue();
                for (Secret other : secrets) {
                    if (other != secret) {
                        assertThat(Signatures.verifyHmacSha256(signature, body, List.of(other))).isFalse();
                    }
                }
            }
        }
    }

    @Test
    void equalSecretsInDifferentInstancesVerifyAlike() {
        byte[] body = "payload".getBytes(StandardCharsets.UTF_8);
        String signature = freshSignature(Secret.of("same"), body);

        for (int i = 0; i < 10; i++) {
            assertThat(Signatures.verifyHmacSha256(signature, body, List.of(Secret.of("same")))).isTrue();
            assertThat(Signatures.verifyHmacSha256(signature, body, List.of(Secret.of("same!")))).isFalse();
        }
    }

    /**
     * Several threads verify different bodies under shared and own secrets at once; each verdict is checked against
     * a signature computed beforehand with fresh engines, and every thread both accepts and refuses.
     */
    @Test
    void threadsVerifyingDifferentBodiesAtOnceGetFreshEngineVerdicts() throws Exception {
        int threads = 6;
        int rounds = 400;
        Secret shared = Secret.of("shared-secret");
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<int[]>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                Secret own = Secret.of("thread-secret-" + t);
                List<byte[]> bodies = new ArrayList<>();
                List<String> sharedSignatures = new ArrayList<>();
                List<String> ownSignatures = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    byte[] body = ("{\"thread\":" + id + ",\"n\":" + i + ",\"pad\":\"" + "x".repeat(i * 37) + "\"}")
                            .getBytes(StandardCharsets.UTF_8);
                    bodies.add(body);
                    sharedSignatures.add(freshSignature(shared, body));
                    ownSignatures.add(freshSignature(own, body));
                }
                Callable<int[]> work = () -> {
                    start.await();
                    int accepted = 0;
                    int refused = 0;
                    int wrong = 0;
                    for (int r = 0; r < rounds; r++) {
                        int i = (r * 7 + id) % bodies.size();
                        byte[] body = bodies.get(i);
                        byte[] otherBody = bodies.get((i + 1) % bodies.size());
                        boolean a = Signatures.verifyHmacSha256(sharedSignatures.get(i), body, List.of(shared));
                        boolean b = Signatures.verifyHmacSha256(ownSignatures.get(i), body, List.of(shared, own));
                        boolean c = Signatures.verifyHmacSha256(ownSignatures.get(i), otherBody, List.of(own));
                        boolean d = Signatures.verifyHmacSha256(sharedSignatures.get(i), body, List.of(own));
                        wrong += (a ? 0 : 1) + (b ? 0 : 1) + (c ? 1 : 0) + (d ? 1 : 0);
                        accepted += (a ? 1 : 0) + (b ? 1 : 0);
                        refused += (c ? 0 : 1) + (d ? 0 : 1);
                    }
                    return new int[] {accepted, refused, wrong};
                };
                results.add(pool.submit(work));
            }
            start.countDown();
            for (Future<int[]> result : results) {
                int[] counts = result.get(60, TimeUnit.SECONDS);
                assertThat(counts[2]).as("wrong verdicts").isZero();
                assertThat(counts[0]).isEqualTo(2 * rounds);
                assertThat(counts[1]).isEqualTo(2 * rounds);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Provide
    Arbitrary<List<Secret>> secretPools() {
        Arbitrary<Secret> secret = Arbitraries.strings().ofMinLength(1).ofMaxLength(100).map(Secret::of);
        return secret.list().ofMinSize(1).ofMaxSize(HmacSha256.ENGINES_PER_THREAD * 2);
    }
}
