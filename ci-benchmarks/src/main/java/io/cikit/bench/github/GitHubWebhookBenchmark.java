package io.cikit.bench.github;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import io.cikit.core.config.Secret;
import io.cikit.core.http.Headers;
import io.cikit.core.json.Json;
import io.cikit.core.json.JsonLimits;
import io.cikit.core.json.JsonProjection;
import io.cikit.core.webhook.DeliveryLog;
import io.cikit.core.webhook.Signatures;
import io.cikit.core.webhook.WebhookRequest;
import io.cikit.core.webhook.WebhookResult;
import io.cikit.core.webhook.Webhooks;
import io.cikit.vcs.github.GitHubWebhookParser;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.kohsuke.github.GHEventPayload;
import org.kohsuke.github.GitHub;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One GitHub delivery (the {@code push} and {@code pull_request} fixtures) taken in five ways:
 * <ul>
 *   <li>{@code cikit}: {@link Webhooks#handle(String, WebhookRequest)} with the GitHub parser: size check, HMAC-SHA256
 *       verification in constant time, streamed read of the mapped fields, typed event, dedup check, metrics (a
 *       {@link SimpleMeterRegistry});</li>
 *   <li>{@code floor}: the least a verified parse that builds the whole tree does: HMAC-SHA256 of the bytes, a
 *       constant-time compare, Jackson {@code readTree};</li>
 *   <li>{@code hub4j}: {@code GitHub.parseEventPayload} of hub4j github-api, which parses only (no verification);</li>
 *   <li>{@code tokens}: the floor's verification, then Jackson's streaming parser over every token, building nothing:
 *       the least a verified read through Jackson does;</li>
 *   <li>{@code hmac}: the floor's verification alone, to tell how much of any verified path is the HMAC.</li>
 * </ul>
 * Run: {@code java -jar ci-benchmarks/target/benchmarks.jar github -f 1 -wi 3 -i 5 -t 1}. {@link GitHubCpuTime} measures
 * the same paths in thread CPU time, which a machine shared with other work disturbs less.
 *
 * <p>Deduplication uses a log that never remembers, so every invocation is a first delivery (an in-memory log would
 * answer "duplicate" from the second invocation on).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
// long warm-up iterations: on a loaded machine the JIT needs wall time to reach steady state
@Warmup(iterations = 3, time = 20)
@Measurement(iterations = 5, time = 10)
@OutputTimeUnit(TimeUnit.SECONDS)
public class GitHubWebhookBenchmark {
    private static final JsonProjection NOTHING = JsonProjection.fields();
    private static final Secret SECRET = Secret.of("It's a Secret to Everybody");

    @Param({"push", "pull_request"})
    public String event;

    private byte[] body;
    private String signature;
    private WebhookRequest request;
    private Webhooks webhooks;
    private GitHub hub4j;
    private Class<? extends GHEventPayload> hub4jType;

    @Setup
    public void setUp() throws IOException {
        String file = event.equals("push") ? "push.event.json" : "pull_request.opened.json";
        try (InputStream in = GitHubWebhookBenchmark.class.getResourceAsStream("/github/" + file)) {
            if (in == null) {
                throw new IllegalStateException("fixture missing: " + file);
            }
            body = in.readAllBytes();
        }
        signature = "sha256=" + Signatures.hmacSha256Hex(SECRET.bytes(), body);
        request = WebhookRequest.of(Headers.builder()
                .add("X-GitHub-Event", event)
                .add("X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958")
                .add("X-GitHub-Hook-ID", "292430182")
                .add("X-Hub-Signature-256", signature)
                .add("Content-Type", "application/json")
                .add("User-Agent", "GitHub-Hookshot/044aadd")
                .build(), body);
        webhooks = Webhooks.builder()
                .discoverParsers(false)
                .parser(new GitHubWebhookParser())
                .secret("github", SECRET)
                .deliveryLog(new ForgetfulLog())
                .meterRegistry(new SimpleMeterRegistry())
                .build();
        WebhookResult check = webhooks.handle("github", request);
        if (!(check instanceof WebhookResult.Accepted)) {
            throw new IllegalStateException("the fixture is not accepted: " + check);
        }
        hub4j = GitHub.offline();
        hub4jType = event.equals("push") ? GHEventPayload.Push.class : GHEventPayload.PullRequest.class;
        if (hub4j() == null || floor() == null) {
            throw new IllegalStateException("a baseline did not parse");
        }
    }

    @Benchmark
    public WebhookResult cikit() {
        return webhooks.handle("github", request);
    }

    @Benchmark
    public JsonNode floor() {
        hmac();
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Verification and one pass of Jackson's streaming parser over every token, building nothing: the least a verified
     * read that goes through Jackson can do (cikit's streamed {@code push}/{@code pull_request} read is this plus the
     * few mapped fields).
     */
    @Benchmark
    public Integer tokens() {
        hmac();
        try (JsonParser parser = Json.mapper().getFactory().createParser(body)) {
            int count = 0;
            while (parser.nextToken() != null) {
                count++;
            }
            return count;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Verification and cikit's own scanner over the whole document, keeping nothing ({@code JsonProjection.fields()}):
     * what cikit's {@code push}/{@code pull_request} read costs before the mapped fields are built; compare with
     * {@link #tokens}.
     */
    @Benchmark
    public Boolean scan() {
        hmac();
        if (NOTHING.read(body, JsonLimits.DEFAULT).isEmpty()) {
            throw new IllegalStateException("the scanner declined the fixture");
        }
        return Boolean.TRUE;
    }

    /** Verification alone (the floor without its parse): what any verified path pays before reading the JSON. */
    @Benchmark
    public Boolean hmac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.bytes(), "HmacSHA256"));
            byte[] expected = HexFormat.of().parseHex(signature.substring("sha256=".length()));
            if (!MessageDigest.isEqual(mac.doFinal(body), expected)) {
                throw new IllegalStateException("signature mismatch");
            }
            return Boolean.TRUE;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Benchmark
    public GHEventPayload hub4j() {
        try {
            return hub4j.parseEventPayload(new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8),
                    hub4jType);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every delivery is new: the dedup check runs but never short-cuts the work being measured. */
    private static final class ForgetfulLog implements DeliveryLog {
        @Override
        public boolean firstSeen(String key) {
            return true;
        }

        @Override
        public void forget(String key) {
            // nothing remembered
        }
    }
}
