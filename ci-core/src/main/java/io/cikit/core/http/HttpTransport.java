package io.cikit.core.http;

import io.cikit.core.DeliveryException;
import io.cikit.core.config.Durations;
import io.cikit.core.http.internal.CircuitBreakers;
import io.cikit.core.http.internal.HostGlobs;
import io.cikit.core.http.internal.Sleeper;
import io.cikit.core.http.internal.TransportMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP client of every provider module (GitHub, GitLab, Jenkins, Slack, Teams, LAVA…), over
 * {@code java.net.http.HttpClient}: timeouts, retries with full-jitter backoff, {@code Retry-After} and rate-limit
 * headers, a per-host circuit breaker, an allow-list for redirects that never carries credentials to another origin,
 * redacted debug logging and Micrometer metrics.
 *
 * <p>{@link #send} returns the final reply for any status (the caller decides what a 404 means) and throws
 * {@link HttpTransportException} only when no reply came (I/O failure, timeout, open circuit, interruption) after
 * the retries; {@link RedirectRefusedException} for a redirect it will not follow; {@link ReplyTooLargeException}
 * past the body limit.
 *
 * <p>Thread-safe; build one per application and share it. Defaults: connect timeout 10 s, request timeout 30 s per
 * attempt, {@link RetryPolicy#DEFAULT}, {@link CircuitBreakerSettings#DEFAULT}, replies up to 32 MiB in memory,
 * at most {@value #MAX_REDIRECTS} redirects, no foreign redirect hosts.
 */
public final class HttpTransport {
    /** Redirect hops followed per call at most. */
    public static final int MAX_REDIRECTS = 5;

    private static final Logger LOG = LoggerFactory.getLogger(HttpTransport.class);

    private final CallRunner runner;

    private HttpTransport(CallRunner runner) {
        this.runner = runner;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Sends a call and returns the final reply, whatever its status.
     *
     * @throws HttpTransportException no reply after the allowed attempts ({@link CircuitOpenException} when the host's
     *     circuit is open)
     * @throws RedirectRefusedException a redirect to a host not allowed, a downgrade to http, or too many hops
     * @throws ReplyTooLargeException the body is over {@link Builder#maxReplyBytes}
     */
    public HttpReply send(HttpCall call) {
        Objects.requireNonNull(call, "call");
        JdkExchange.Answer answer = runner.run(call, null);
        return answer.toReply(call.secretUri());
    }

    /**
     * Streams a 2xx body into {@code target} (replacing it), hashing it with SHA-256 on the way. The body goes to a
     * temporary file beside the target and is moved into place only when complete: a failed or oversized download
     * leaves no file behind. The request timeout bounds the wait for the reply headers and then the longest silence
     * between body chunks, so a large file that keeps arriving is never cut.
     *
     * @param maxBytes largest body accepted; a bigger {@code Content-Length} fails before reading, a longer stream
     *     is cut as soon as it passes the cap
     * @throws HttpStatusException the final reply was not 2xx
     * @throws ReplyTooLargeException the body was over {@code maxBytes}
     * @throws HttpTransportException no reply after the allowed attempts
     * @throws RedirectRefusedException as for {@link #send}
     * @throws DeliveryException (not retryable) the file could not be written or moved into place
     */
    public Download download(HttpCall call, Path target, long maxBytes) {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(target, "target");
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must not be negative: " + maxBytes);
        }
        Path absolute = target.toAbsolutePath();
        Path parent = absolute.getParent();
        try {
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new DeliveryException("cannot create directory for download " + absolute + ": " + e.getMessage(),
                    false, e);
        }
        JdkExchange.Answer answer = runner.run(call, new JdkExchange.DownloadTarget(absolute, maxBytes));
        try {
            var file = answer.file();
            if (file == null) {
                answer.toReply(call.secretUri()).requireSuccess();
                throw new DeliveryException("no body to save from " + call.display(answer.uri()), false);
            }
            moveIntoPlace(file.path(), absolute);
            LOG.debug("downloaded {} bytes from {} to {}", file.sizeBytes(), call.display(answer.uri()), absolute);
            return new Download(absolute, file.sizeBytes(), file.sha256(), answer.uri());
        } finally {
            answer.discardFiles();
        }
    }

    private static void moveIntoPlace(Path temp, Path target) {
        try {
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new DeliveryException("cannot move download into place at " + target + ": " + e.getMessage(),
                    false, e);
        }
    }

    /** Configures an {@link HttpTransport}. Not thread-safe. */
    public static final class Builder {
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
        private CircuitBreakerSettings circuitBreaker = CircuitBreakerSettings.DEFAULT;
        private List<String> redirectHosts = List.of();
        private MeterRegistry meterRegistry = Metrics.globalRegistry;
        private String userAgent = "cikit";
        private long maxReplyBytes = 32L * 1024 * 1024;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.REAL;
        // ThreadLocalRandom must be fetched on the thread that uses it
        private RandomGenerator random = () -> ThreadLocalRandom.current().nextLong();

        private Builder() {
        }

        /** Time allowed to open a connection (default 10 s). */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = Durations.requirePositive("connectTimeout", connectTimeout);
            return this;
        }

        /**
         * Time allowed per attempt (default 30 s): for {@link #send} the whole exchange, for {@link #download} the
         * wait for headers and then the longest silence between body chunks. {@link HttpCall#timeout()} overrides it.
         */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = Durations.requirePositive("requestTimeout", requestTimeout);
            return this;
        }

        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        public Builder circuitBreaker(CircuitBreakerSettings circuitBreaker) {
            this.circuitBreaker = Objects.requireNonNull(circuitBreaker, "circuitBreaker");
            return this;
        }

        /**
         * Hosts, besides the call's own, that redirects may lead to; replaces earlier globs. {@code *} matches any
         * run of characters ({@code *.blob.core.windows.net}). Credentials never follow a redirect to another origin.
         *
         * @throws IllegalArgumentException for a glob with characters no host name has
         */
        public Builder allowRedirectHosts(String... hostGlobs) {
            List<String> globs = Arrays.asList(hostGlobs.clone());
            HostGlobs.of(globs);
            this.redirectHosts = List.copyOf(globs);
            return this;
        }

        /** Where meters go (default {@link Metrics#globalRegistry}). */
        public Builder meterRegistry(MeterRegistry meterRegistry) {
            this.meterRegistry = Objects.requireNonNull(meterRegistry, "meterRegistry");
            return this;
        }

        /** {@code User-Agent} sent unless a call sets its own (default {@code cikit}; GitHub rejects requests without one). */
        public Builder userAgent(String userAgent) {
            Objects.requireNonNull(userAgent, "userAgent");
            if (userAgent.isBlank() || userAgent.chars().anyMatch(c -> c < 32 || c == 127)) {
                throw new IllegalArgumentException("not a usable User-Agent: '" + userAgent + "'");
            }
            this.userAgent = userAgent;
            return this;
        }

        /** Largest reply body {@link #send} holds in memory (default 32 MiB); bigger fails with {@link ReplyTooLargeException}. */
        public Builder maxReplyBytes(long maxReplyBytes) {
            if (maxReplyBytes < 0 || maxReplyBytes > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("maxReplyBytes must be 0.." + (Integer.MAX_VALUE - 8) + ": "
                        + maxReplyBytes);
            }
            this.maxReplyBytes = maxReplyBytes;
            return this;
        }

        /** Test seam: the clock for breaker timing and rate-limit resets. */
        Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Test seam: how waits between attempts are spent. */
        Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /** Test seam: the randomness of backoff jitter. */
        Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        public HttpTransport build() {
            HttpClient client = HttpClient.newBuilder()
                    .connectTimeout(connectTimeout)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .version(HttpClient.Version.HTTP_1_1)
                    .build();
            TransportMetrics metrics = new TransportMetrics(meterRegistry);
            CircuitBreakers breakers = new CircuitBreakers(circuitBreaker.failureThreshold(),
                    circuitBreaker.openDuration(), clock, host -> {
                        metrics.circuitOpened(host);
                        LOG.warn("circuit opened for {}: calls fail fast for {} ms", host,
                                circuitBreaker.openDuration().toMillis());
                    });
            JdkExchange exchange = new JdkExchange(client, userAgent, maxReplyBytes);
            return new HttpTransport(new CallRunner(exchange, retryPolicy, requestTimeout, breakers,
                    HostGlobs.of(redirectHosts), metrics, clock, sleeper, random));
        }
    }
}
