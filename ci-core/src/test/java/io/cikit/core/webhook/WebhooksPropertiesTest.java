package io.cikit.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.cikit.core.config.Secret;
import io.cikit.core.http.Headers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class WebhooksPropertiesTest {
    private static final Set<Integer> STATUSES = Set.of(200, 202, 400, 401, 413, 415);
    private static final List<String> ACME_HEADERS = List.of(AcmeWebhookParser.EVENT, AcmeWebhookParser.SIGNATURE,
            AcmeWebhookParser.DELIVERY, "Content-Type");

    private final Webhooks webhooks = Webhooks.builder()
            .discoverParsers(false)
            .parser(new AcmeWebhookParser())
            .secret("acme", Secret.of(AcmeWebhookParser.SECRET))
            .maxPayloadBytes(2048)
            .meterRegistry(new SimpleMeterRegistry())
            .build();

    @Property(tries = 300)
    void anyBodyWithAnyHeadersGetsAnAnswerAndNeverAThrow(@ForAll("bodies") byte[] body, @ForAll("headers") Headers headers,
            @ForAll("providerNames") String provider) {
        WebhookResult result = webhooks.handle(provider, WebhookRequest.of(headers, body));

        assertThat(STATUSES).contains(result.httpStatus());
        if (result instanceof WebhookResult.Rejected rejected) {
            assertThat(rejected.error().httpStatus()).isEqualTo(result.httpStatus());
        }
    }

    @Property(tries = 300)
    void correctlySignedBodiesAreNeverRefusedForTheirSignature(@ForAll("bodies") byte[] body, @ForAll("events") String event,
            @ForAll("deliveries") String delivery) {
        WebhookResult result = webhooks.handle(AcmeWebhookParser.signed(AcmeWebhookParser.SECRET, event, delivery, body));

        assertThat(STATUSES).contains(result.httpStatus());
        assertThat(result.httpStatus()).isNotEqualTo(401);
        if (body.length > 2048) {
            assertThat(result.httpStatus()).isEqualTo(413);
        }
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(3000);
        Arbitrary<byte[]> jsonish = Arbitraries.strings().withChars("{}[]\":,0123456789abcdefnulltrue \\")
                .ofMaxLength(200).map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> pushes = Arbitraries.strings().ofMaxLength(40)
                .map(ref -> AcmeWebhookParser.push(ref).getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> nested = Arbitraries.integers().between(1, 5000)
                .map(depth -> ("[".repeat(depth) + "]".repeat(depth)).getBytes(StandardCharsets.UTF_8));
        return Arbitraries.oneOf(random, jsonish, pushes, nested);
    }

    @Provide
    Arbitrary<String> events() {
        return Arbitraries.oneOf(Arbitraries.of("push", "ping", "build", "explode", "release", ""), Arbitraries.strings().ofMaxLength(20));
    }

    @Provide
    Arbitrary<String> deliveries() {
        return Arbitraries.strings().ofMaxLength(40);
    }

    @Provide
    Arbitrary<String> providerNames() {
        return Arbitraries.oneOf(Arbitraries.of("auto", "acme", "ACME", "github", "", " "), Arbitraries.strings().ofMaxLength(20));
    }

    @Provide
    Arbitrary<Headers> headers() {
        Arbitrary<String> names = Arbitraries.oneOf(Arbitraries.of(ACME_HEADERS), Arbitraries.strings().ofMinLength(1).ofMaxLength(30));
        Arbitrary<String> values = Arbitraries.oneOf(
                Arbitraries.of("push", "ping", "explode", "application/json", "text/plain; charset=utf-8", "sha256=", ""),
                Arbitraries.strings().withChars("0123456789abcdef").ofLength(64).map(h -> "sha256=" + h),
                Arbitraries.strings().ofMaxLength(80));
        return Combinators.combine(names, values).as(Map::entry).list().ofMaxSize(8).map(entries -> {
            Headers.Builder b = Headers.builder();
            entries.forEach(e -> b.add(e.getKey(), e.getValue()));
            return b.build();
        });
    }
}
