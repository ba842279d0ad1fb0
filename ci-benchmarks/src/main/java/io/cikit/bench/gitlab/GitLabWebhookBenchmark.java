package io.cikit.bench.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cikit.core.config.Secret;
import io.cikit.core.http.Headers;
import io.cikit.core.json.JsonLimits;
import io.cikit.core.webhook.ParseResult;
import io.cikit.core.webhook.Signatures;
import io.cikit.core.webhook.WebhookParser;
import io.cikit.core.webhook.WebhookRequest;
import io.cikit.core.webhook.WebhookResult;
import io.cikit.core.webhook.Webhooks;
import io.cikit.vcs.gitlab.GitLabWebhookParser;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * GitLab deliveries per second on one thread, for the docs' Push Hook and Merge Request Hook examples:
 * {@code floor} is the least any receiver does (constant-time token compare + Jackson {@code readTree});
 * {@code parse} adds the GitLab parser's verify and event mapping; {@code handle} is the whole {@link Webhooks}
 * path (size check, verify, parse, dedup in the in-memory delivery log with a fresh {@code Idempotency-Key}, dispatch
 * to one handler, metrics). Target: {@code handle} at least 25,000 ops/s and within 1.5x of {@code floor}.
 *
 * <p>Run: {@code java -jar ci-benchmarks/target/benchmarks.jar GitLabWebhookBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GitLabWebhookBenchmark {
    private static final Secret TOKEN = Secret.of("gl-bench-webhook-token");

    @Param({"push", "merge_request"})
    public String payload;

    private final ObjectMapper rawMapper = new ObjectMapper();
    private final GitLabWebhookParser parser = new GitLabWebhookParser();
    private final List<Secret> secrets = List.of(TOKEN);
    private byte[] body;
    private String hook;
    private WebhookRequest request;
    private Webhooks webhooks;
    private WebhookParser.Context context;
    private long sequence;
    private long handled;

    @Setup
    public void setUp() {
        body = resource("/gitlab/" + payload + ".json");
        hook = payload.equals("push") ? "Push Hook" : "Merge Request Hook";
        request = WebhookRequest.of(headers("fixed-key"), body);
        webhooks = Webhooks.builder().discoverParsers(false).parser(parser).secret("gitlab", TOKEN)
                .meterRegistry(new SimpleMeterRegistry()).onAny(event -> handled++).build();
        context = new WebhookParser.Context(JsonLimits.DEFAULT, Instant.now(), List.of());
    }

    /** The floor: check the token, read the JSON tree. */
    @Benchmark
    public JsonNode floor() throws IOException {
        if (!Signatures.tokenMatches(request.header("X-Gitlab-Token").orElse(""), secrets)) {
            throw new IllegalStateException("token mismatch");
        }
        return rawMapper.readTree(body);
    }

    /** The parser alone: verify and map to an event. */
    @Benchmark
    public ParseResult parse() {
        parser.verify(request, secrets);
        return parser.parse(request, context);
    }

    /** The whole intake, each delivery new to the delivery log. */
    @Benchmark
    public WebhookResult handle() {
        WebhookResult result = webhooks.handle("gitlab", WebhookRequest.of(headers("bench-" + sequence++), body));
        if (!(result instanceof WebhookResult.Accepted)) {
            throw new IllegalStateException("not accepted: " + result);
        }
        return result;
    }

    private Headers headers(String idempotencyKey) {
        return Headers.builder()
                .add("Content-Type", "application/json")
                .add("X-Gitlab-Event", hook)
                .add("X-Gitlab-Token", TOKEN.reveal())
                .add("X-Gitlab-Event-UUID", idempotencyKey)
                .add("Idempotency-Key", idempotencyKey)
                .build();
    }

    private static byte[] resource(String path) {
        try (InputStream in = GitLabWebhookBenchmark.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing benchmark resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
