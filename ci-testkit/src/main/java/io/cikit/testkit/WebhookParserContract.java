package io.cikit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.cikit.core.config.Secret;
import io.cikit.core.event.CiEvent;
import io.cikit.core.event.EventType;
import io.cikit.core.event.GenericEvent;
import io.cikit.core.http.Headers;
import io.cikit.core.webhook.WebhookParser;
import io.cikit.core.webhook.WebhookRequest;
import io.cikit.core.webhook.WebhookResult;
import io.cikit.core.webhook.Webhooks;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link WebhookParser} meets, as tests a provider module's parser test inherits:
 * {@code class GitHubWebhookParserTest extends WebhookParserContract}. Each test runs the parser through a real
 * {@link Webhooks}, the way hosts use it.
 *
 * <p>A subclass supplies the parser, a way to sign a body into a complete request, valid sample deliveries, an event
 * name the parser does not model and the header that carries the signature. The contract then checks that samples
 * are accepted or ignored; that any changed body byte, a missing signature or a wrong secret is refused (401); that
 * oversized, truncated, garbage and non-object bodies are refused as such (413, 400); that unknown events are kept as
 * {@link GenericEvent}s or ignored; that redeliveries are recognised; and, as jqwik properties, that no mutated
 * body or hostile header set makes the parser fail unexpectedly.
 *
 * <p>A parser "fails unexpectedly" when it throws anything other than a {@code WebhookException} or
 * {@code MalformedJsonException}: {@code Webhooks} then answers 400 {@code parser failed: …} and counts
 * {@code cikit.webhook.parser.errors}. Every test here fails on that, with the parser's exception as the cause.
 *
 * <p>A test that does not apply to a provider (Jenkins sends no event name) is turned off by overriding it without
 * {@code @Test}, with a comment saying why.
 */
public abstract class WebhookParserContract {
    private static final Set<Integer> STATUSES = Set.of(200, 202, 400, 401, 413, 415);
    private static final int MAX_FLIPPED_POSITIONS = 256;
    private static final String PARSER_ERRORS = "cikit.webhook.parser.errors";

    // ---- what a provider's test supplies

    /** The parser under test. */
    protected abstract WebhookParser parser();

    /** The secret (HMAC key or shared token) {@link #signed} signs with. */
    protected abstract Secret secret();

    /**
     * A complete delivery of {@code body} as the provider sends it for {@code eventName}: every header it sends,
     * including its delivery id, with the signature or token made from {@link #secret()}.
     */
    protected abstract WebhookRequest signed(byte[] body, String eventName);

    /** Valid deliveries (JSON bodies): at least one, and at least one of them accepted. */
    protected abstract List<Sample> samples();

    /** An event name the provider may send that the parser does not model ({@code sponsorship}, {@code Emoji Hook}). */
    protected abstract String unknownEventName();

    /** The header carrying the signature or token; empty when the provider sends none. */
    protected abstract Optional<String> signatureHeader();

    /**
     * Whether the signature covers the body (an HMAC), so any changed byte must be refused. {@code false} for
     * providers that send a plain token (GitLab): a changed body then only has to be parsed safely.
     */
    protected boolean signsBody() {
        return true;
    }

    /** The body sent with {@link #unknownEventName()}; the first sample's by default. */
    protected byte[] unknownEventBody() {
        return samples().get(0).body();
    }

    /**
     * Adds to the {@link Webhooks} each test builds (build-payload parsers, JSON limits). The contract registers
     * the parser, its secret, a meter registry and a recording handler itself, with discovery off.
     */
    protected Webhooks.Builder configure(Webhooks.Builder builder) {
        return builder;
    }

    /**
     * A test resource's bytes, resolved against the subclass ({@code "/fixtures/github/push.event.json"}).
     *
     * @throws IllegalArgumentException when there is no such resource
     */
    protected final byte[] resource(String path) {
        try (InputStream in = getClass().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path + " next to " + getClass().getName());
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read test resource " + path, e);
        }
    }

    // ---- the contract

    @Test
    public void declaresItsProviderAndArtifact() {
        WebhookParser parser = parser();

        assertThat(parser.provider().id()).isNotBlank();
        assertThat(parser.artifact()).as("Maven coordinates groupId:artifactId").matches("[\\w.-]+:[\\w.-]+");
        assertThat(samples()).as("samples").isNotEmpty();
        assertThat(samples()).allSatisfy(s -> assertThat(s.body()).as("body of sample %s", s.eventName()).isNotEmpty());
    }

    @Test
    public void recognisesItsOwnDeliveriesAndNotEmptyOnes() {
        WebhookParser parser = parser();

        for (Sample sample : samples()) {
            WebhookRequest request = signed(sample.body(), sample.eventName());
            assertThat(parser.recognises(request)).as("recognises a signed %s", sample.eventName()).isTrue();
            Intake intake = intake(b -> b);
            WebhookResult detected = intake.handleDetecting(request);
            assertThat(detected.provider()).as("provider detected for %s", sample.eventName()).contains(parser.provider());
        }
        assertThat(parser.recognises(WebhookRequest.of(Headers.empty(), "{}"))).isFalse();
        assertThat(parser.recognises(WebhookRequest.of(Headers.of("Content-Type", "application/json"), "{}"))).isFalse();
    }

    @Test
    public void everySignedSampleIsAcceptedOrIgnored() {
        int accepted = 0;
        for (Sample sample : samples()) {
            Intake intake = intake(b -> b);
            WebhookRequest request = signed(sample.body(), sample.eventName());

            WebhookResult result = intake.handle(request);

            assertThat(result).as("%s", sample).isInstanceOfAny(WebhookResult.Accepted.class, WebhookResult.Ignored.class);
            assertThat(result.provider()).contains(parser().provider());
            sample.expectedOutcome().ifPresent(outcome -> assertThat(result.outcome()).as("%s", sample).isEqualTo(outcome));
            if (result instanceof WebhookResult.Accepted a) {
                accepted++;
                CiEvent event = a.event();
                assertThat(intake.events.events()).as("handlers got the event").containsExactly(event);
                assertThat(event.provider()).isEqualTo(parser().provider());
                assertThat(event.deliveryId()).as("the event carries the parser's delivery id")
                        .isEqualTo(parser().deliveryId(request));
                sample.expectedType().ifPresent(type -> assertThat(event.type()).as("%s", sample).isEqualTo(type));
            } else {
                assertThat(intake.events.events()).as("handlers got nothing").isEmpty();
            }
        }
        assertThat(accepted).as("samples accepted (at least one sample should be accepted)").isPositive();
    }

    @Test
    public void aChangedBodyByteIsRejected() {
        for (Sample sample : samples()) {
            WebhookRequest request = signed(sample.body(), sample.eventName());
            Intake intake = intake(b -> b);
            for (int position : positions(sample.body().length)) {
                byte[] flipped = sample.body().clone();
                flipped[position] ^= 0x01;

                WebhookResult result = intake.handle(new WebhookRequest(request.headers(), flipped, request.path()));

                if (signsBody()) {
                    assertRejected(result, 401, "invalid-signature", sample + " with byte " + position + " changed");
                } else {
                    assertThat(result.httpStatus()).as("%s with byte %s changed", sample, position).isNotEqualTo(401);
                }
            }
            if (signsBody()) {
                assertThat(intake.events.count()).as("events from changed bodies").isZero();
            }
        }
    }

    @Test
    public void anOversizedBodyIsRejected413() {
        Sample largest = samples().stream().max((a, b) -> Integer.compare(a.body().length, b.body().length)).orElseThrow();
        WebhookRequest request = signed(largest.body(), largest.eventName());
        Intake capped = intake(b -> b.maxPayloadBytes(largest.body().length - 1L));
        Intake exact = intake(b -> b.maxPayloadBytes(largest.body().length));

        assertRejected(capped.handle(request), 413, "payload-too-large", largest + " over the limit");
        assertThat(capped.events.count()).isZero();
        assertThat(exact.handle(request).httpStatus()).as("%s at exactly the limit", largest).isNotEqualTo(413);
    }

    @Test
    public void truncatedJsonIsRejectedAsMalformed() {
        for (Sample sample : samples()) {
            byte[] body = trimTrailingWhitespace(sample.body());
            for (int cut : new LinkedHashSet<>(List.of(body.length - 1, body.length / 2, 1))) {
                if (cut <= 0 || cut >= body.length) {
                    continue;
                }
                WebhookResult result = intake(b -> b).handle(signed(Arrays.copyOf(body, cut), sample.eventName()));

                assertRejected(result, 400, "malformed-payload", sample + " cut to " + cut + " bytes");
            }
        }
    }

    @Test
    public void garbageBodiesAreRejectedAsMalformed() {
        List<byte[]> garbage = List.of(
                new byte[0],
                utf8("not json"),
                utf8("{\"unterminated"),
                utf8("{} {}"),
                utf8("<?xml version=\"1.0\"?><push/>"),
                new byte[] {0, (byte) 0xff, (byte) 0xfe, (byte) 0x80, '{'},
                utf8("[".repeat(10_000) + "]".repeat(10_000)));
        for (String eventName : sampleEventNames()) {
            for (byte[] body : garbage) {
                WebhookResult result = intake(b -> b).handle(signed(body, eventName));

                assertRejected(result, 400, "malformed-payload", eventName + " with body " + preview(body));
            }
        }
    }

    @Test
    public void jsonThatIsNotAnObjectIsRejectedAsMalformed() {
        for (String eventName : sampleEventNames()) {
            for (String body : List.of("[]", "null", "\"text\"", "42", "true", "[{}]")) {
                WebhookResult result = intake(b -> b).handle(signed(utf8(body), eventName));

                assertRejected(result, 400, "malformed-payload", eventName + " with body " + body);
            }
        }
    }

    @Test
    public void anUnknownEventIsAcceptedAsGenericOrIgnored() {
        Intake intake = intake(b -> b);

        WebhookResult result = intake.handle(signed(unknownEventBody(), unknownEventName()));

        assertThat(result).as("unknown event %s", unknownEventName())
                .isInstanceOfAny(WebhookResult.Accepted.class, WebhookResult.Ignored.class);
        if (result instanceof WebhookResult.Accepted accepted) {
            assertThat(accepted.event()).isInstanceOfSatisfying(GenericEvent.class, generic -> {
                assertThat(generic.eventName()).isEqualTo(unknownEventName());
                assertThat(generic.type()).isEqualTo(EventType.OTHER);
            });
            assertThat(intake.events.events()).containsExactly(accepted.event());
        }
    }

    @Test
    public void aMissingOrEmptySignatureIsRejected401() {
        Assumptions.assumeTrue(signatureHeader().isPresent(), "the provider sends no signature");
        String header = signatureHeader().orElseThrow();
        for (Sample sample : samples()) {
            WebhookRequest request = signed(sample.body(), sample.eventName());
            assertThat(request.headers().contains(header)).as("signed() sets %s", header).isTrue();
            Headers without = request.headers().toBuilder().remove(header).build();
            Headers empty = request.headers().toBuilder().set(header, "").build();

            assertRejected(intake(b -> b).handle(new WebhookRequest(without, request.body(), request.path())), 401,
                    "invalid-signature", sample + " without " + header);
            assertRejected(intake(b -> b).handle(new WebhookRequest(empty, request.body(), request.path())), 401,
                    "invalid-signature", sample + " with an empty " + header);
        }
    }

    @Test
    public void aWrongSecretIsRejected401() {
        Secret wrong = Secret.of("not-" + secret().reveal());
        for (Sample sample : samples()) {
            Intake intake = intake(wrong, b -> b);

            assertRejected(intake.handle(signed(sample.body(), sample.eventName())), 401, "invalid-signature",
                    sample + " checked against another secret");
            assertThat(intake.events.count()).isZero();
        }
    }

    @Test
    public void anyOfSeveralSecretsMayMatch() {
        Secret retired = Secret.of("retired-" + secret().reveal());
        for (Sample sample : samples()) {
            Intake intake = new Intake(parser(), configure(Webhooks.builder()).secret(parser().provider().id(), retired, secret()));

            assertThat(intake.handle(signed(sample.body(), sample.eventName())))
                    .as("%s with the second of two secrets", sample)
                    .isInstanceOfAny(WebhookResult.Accepted.class, WebhookResult.Ignored.class);
        }
    }

    @Test
    public void unsignedModeNeedsNoSignature() {
        for (Sample sample : samples()) {
            WebhookRequest request = signed(sample.body(), sample.eventName());
            Headers headers = signatureHeader().map(h -> request.headers().toBuilder().remove(h).build()).orElse(request.headers());
            Intake intake = new Intake(parser(), configure(Webhooks.builder()).allowUnsigned(parser().provider().id()));

            assertThat(intake.handle(new WebhookRequest(headers, request.body(), request.path())))
                    .as("%s unsigned, in unsigned mode", sample)
                    .isInstanceOfAny(WebhookResult.Accepted.class, WebhookResult.Ignored.class);
        }
    }

    @Test
    public void aRedeliveryIsADuplicate() {
        WebhookParser parser = parser();
        for (Sample sample : samples()) {
            WebhookRequest request = signed(sample.body(), sample.eventName());
            WebhookRequest copy = new WebhookRequest(Headers.ofMulti(request.headers().asMap()), request.body().clone(), request.path());
            Optional<String> key = parser.deliveryKey(request);
            assertThat(parser.deliveryKey(copy)).as("delivery key of the same headers").isEqualTo(key);
            Intake intake = intake(b -> b);

            WebhookResult first = intake.handle(request);
            if (!(first instanceof WebhookResult.Accepted)) {
                continue;
            }
            WebhookResult second = intake.handle(copy);

            if (key.isPresent()) {
                assertThat(second).as("%s delivered again", sample).isInstanceOf(WebhookResult.Duplicate.class);
                assertThat(second.deliveryId()).isEqualTo(Optional.of(parser.deliveryId(request).orElse(key.get())));
                assertThat(intake.events.count()).as("handlers called once").isEqualTo(1);
            } else {
                assertThat(second).as("%s has no delivery key, so it is handled again", sample)
                        .isInstanceOf(WebhookResult.Accepted.class);
            }
        }
    }

    @Property(tries = 200)
    public void correctlySignedMutationsOfSamplesNeverBreakTheParser(@ForAll("mutatedSamples") Sample mutated) {
        WebhookResult result = intake(b -> b).handle(signed(mutated.body(), mutated.eventName()));

        assertThat(STATUSES).contains(result.httpStatus());
        assertThat(result.httpStatus()).as("a correctly signed body is never refused for its signature").isNotEqualTo(401);
    }

    @Property(tries = 200)
    public void hostileHeadersAndBodiesAlwaysGetAnAnswer(@ForAll("hostileHeaders") Headers headers,
            @ForAll("hostileBodies") byte[] body) {
        WebhookRequest request = WebhookRequest.of(headers, body);
        Intake signedMode = intake(b -> b);
        Intake unsignedMode = new Intake(parser(), configure(Webhooks.builder()).allowUnsigned(parser().provider().id()));

        for (WebhookResult result : List.of(signedMode.handle(request), signedMode.handleDetecting(request),
                unsignedMode.handle(request))) {
            assertThat(STATUSES).contains(result.httpStatus());
        }
    }

    @Provide
    protected Arbitrary<Sample> mutatedSamples() {
        return Arbitraries.of(samples())
                .flatMap(s -> WebhookArbitraries.mutated(s.body()).map(body -> Sample.of(s.eventName(), body)));
    }

    @Provide
    protected Arbitrary<Headers> hostileHeaders() {
        Set<String> names = new LinkedHashSet<>();
        for (Sample sample : samples()) {
            names.addAll(signed(sample.body(), sample.eventName()).headers().names());
        }
        return WebhookArbitraries.headers(names);
    }

    @Provide
    protected Arbitrary<byte[]> hostileBodies() {
        return Arbitraries.oneOf(
                WebhookArbitraries.bodies(1024),
                WebhookArbitraries.jsonNoise(),
                WebhookArbitraries.deeplyNested(),
                Arbitraries.of(samples()).map(Sample::body),
                WebhookArbitraries.mutatedJson(samples().stream().map(Sample::body).toList()));
    }

    // ---- helpers

    private Intake intake(UnaryOperator<Webhooks.Builder> tweak) {
        return intake(secret(), tweak);
    }

    private Intake intake(Secret secret, UnaryOperator<Webhooks.Builder> tweak) {
        return new Intake(parser(), tweak.apply(configure(Webhooks.builder()).secret(parser().provider().id(), secret)));
    }

    private List<String> sampleEventNames() {
        return samples().stream().map(Sample::eventName).distinct().toList();
    }

    private static void assertRejected(WebhookResult result, int status, String code, String what) {
        assertThat(result).as(what).isInstanceOf(WebhookResult.Rejected.class);
        WebhookResult.Rejected rejected = (WebhookResult.Rejected) result;
        assertThat(rejected.error().code()).as("%s: %s", what, rejected.error().getMessage()).isEqualTo(code);
        assertThat(result.httpStatus()).as(what).isEqualTo(status);
    }

    /** Every position of a small body; evenly spread positions (first and last included) of a large one. */
    private static List<Integer> positions(int length) {
        List<Integer> out = new ArrayList<>();
        if (length <= MAX_FLIPPED_POSITIONS) {
            for (int i = 0; i < length; i++) {
                out.add(i);
            }
            return out;
        }
        for (int i = 0; i < MAX_FLIPPED_POSITIONS; i++) {
            out.add((int) ((long) i * (length - 1) / (MAX_FLIPPED_POSITIONS - 1)));
        }
        return out;
    }

    private static byte[] trimTrailingWhitespace(byte[] body) {
        int end = body.length;
        while (end > 0 && (body[end - 1] == ' ' || body[end - 1] == '\n' || body[end - 1] == '\r' || body[end - 1] == '\t')) {
            end--;
        }
        return Arrays.copyOf(body, end);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String preview(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 40), StandardCharsets.UTF_8);
        return "\"" + text + (body.length > 40 ? "…" : "") + "\" (" + body.length + " bytes)";
    }

    /** One {@link Webhooks} with its own meters and a handler recording every event; fails on parser bugs. */
    private static final class Intake {
        private final WebhookParser parser;
        private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
        private final RecordingHandler<CiEvent> events = new RecordingHandler<>();
        private final Webhooks webhooks;

        Intake(WebhookParser parser, Webhooks.Builder builder) {
            this.parser = parser;
            this.webhooks = builder.discoverParsers(false).parser(parser).meterRegistry(meters).onAny(events).build();
        }

        /** Handles a request for the parser's provider by name. */
        WebhookResult handle(WebhookRequest request) {
            return checked(webhooks.handle(parser.provider().id(), request));
        }

        /** Handles a request, detecting the provider. */
        WebhookResult handleDetecting(WebhookRequest request) {
            return checked(webhooks.handle(request));
        }

        private WebhookResult checked(WebhookResult result) {
            if (result instanceof WebhookResult.Rejected rejected && parserErrors() > 0) {
                Throwable cause = rejected.error().getCause() != null ? rejected.error().getCause() : rejected.error();
                fail("the " + parser.provider() + " parser failed unexpectedly: " + rejected.error().getMessage(), cause);
            }
            assertThat(parserErrors()).as("unexpected parser failures").isZero();
            return result;
        }

        private double parserErrors() {
            return meters.find(PARSER_ERRORS).counters().stream().mapToDouble(Counter::count).sum();
        }
    }

    /**
     * One valid delivery for the contract to send: the event name handed to {@link #signed} and the body, with an
     * optional expectation ({@code accepted} with an event type, or {@code ignored}).
     */
    public record Sample(String eventName, byte[] body, Optional<String> expectedOutcome, Optional<EventType> expectedType) {
        public Sample {
            Objects.requireNonNull(eventName, "eventName");
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(expectedOutcome, "expectedOutcome");
            Objects.requireNonNull(expectedType, "expectedType");
        }

        /** A sample that must be accepted or ignored. */
        public static Sample of(String eventName, byte[] body) {
            return new Sample(eventName, body, Optional.empty(), Optional.empty());
        }

        /** A sample with a UTF-8 JSON body. */
        public static Sample of(String eventName, String json) {
            return of(eventName, json.getBytes(StandardCharsets.UTF_8));
        }

        /** This sample, which must be accepted as an event of this type. */
        public Sample expectAccepted(EventType type) {
            return new Sample(eventName, body, Optional.of("accepted"), Optional.of(type));
        }

        /** This sample, which must be ignored. */
        public Sample expectIgnored() {
            return new Sample(eventName, body, Optional.of("ignored"), Optional.empty());
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Sample other && eventName.equals(other.eventName) && Arrays.equals(body, other.body)
                    && expectedOutcome.equals(other.expectedOutcome) && expectedType.equals(other.expectedType);
        }

        @Override
        public int hashCode() {
            return Objects.hash(eventName, Arrays.hashCode(body), expectedOutcome, expectedType);
        }

        @Override
        public String toString() {
            return "sample " + eventName + " (" + body.length + " bytes)";
        }
    }
}
