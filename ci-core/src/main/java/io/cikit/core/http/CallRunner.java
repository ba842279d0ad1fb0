package io.cikit.core.http;

import io.cikit.core.http.JdkExchange.Answer;
import io.cikit.core.http.JdkExchange.DownloadTarget;
import io.cikit.core.http.JdkExchange.Failure;
import io.cikit.core.http.JdkExchange.Outcome;
import io.cikit.core.http.internal.Backoff;
import io.cikit.core.http.internal.BodyLimitExceeded;
import io.cikit.core.http.internal.CircuitBreaker;
import io.cikit.core.http.internal.CircuitBreakers;
import io.cikit.core.http.internal.HostGlobs;
import io.cikit.core.http.internal.RateLimits;
import io.cikit.core.http.internal.Redaction;
import io.cikit.core.http.internal.Sleeper;
import io.cikit.core.http.internal.TransportMetrics;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link HttpCall} to its end: follows redirects by the transport's rules, and for each hop makes attempts
 * through the host's circuit breaker, waiting between them as the retry policy and the server say.
 *
 * <p>Thread-safe: holds only shared, thread-safe collaborators; each run keeps its state on the stack.
 */
final class CallRunner {
    private static final Logger LOG = LoggerFactory.getLogger(HttpTransport.class);

    private final JdkExchange exchange;
    private final RetryPolicy policy;
    private final Duration requestTimeout;
    private final CircuitBreakers breakers;
    private final RedirectRules redirects;
    private final TransportMetrics metrics;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;

    CallRunner(JdkExchange exchange, RetryPolicy policy, Duration requestTimeout, CircuitBreakers breakers,
               HostGlobs redirectHosts, TransportMetrics metrics, Clock clock, Sleeper sleeper, RandomGenerator random) {
        this.exchange = exchange;
        this.policy = policy;
        this.requestTimeout = requestTimeout;
        this.breakers = breakers;
        this.redirects = new RedirectRules(redirectHosts);
        this.metrics = metrics;
        this.clock = clock;
        this.sleeper = sleeper;
        this.random = random;
    }

    /** The final answer after redirects and retries; for a download, a 2xx answer carries its file. */
    Answer run(HttpCall call, @Nullable DownloadTarget download) {
        HttpCall current = call;
        for (int hop = 0; ; hop++) {
            Answer answer = withRetries(current, download);
            if (!RedirectRules.isRedirect(answer.status())) {
                return answer;
            }
            Optional<String> location = answer.headers().first("Location");
            if (location.isEmpty()) {
                return answer;
            }
            if (hop >= HttpTransport.MAX_REDIRECTS) {
                throw new RedirectRefusedException(call.method() + " " + call.displayUri() + " redirected more than "
                        + HttpTransport.MAX_REDIRECTS + " times", answer.status());
            }
            URI next = redirects.next(call, current, location.get(), answer.status());
            boolean keepCredentials = RedirectRules.sameOrigin(call.uri(), next);
            boolean asGet = RedirectRules.becomesGet(answer.status(), current.method());
            LOG.debug("HTTP {} {} -> {} redirect to {}{}", current.method(), current.displayUri(), answer.status(),
                    current.display(next), keepCredentials ? "" : " (credentials dropped: other origin)");
            current = current.redirectedTo(next, keepCredentials, asGet);
        }
    }

    private Answer withRetries(HttpCall call, @Nullable DownloadTarget download) {
        String host = call.uri().getHost().toLowerCase(Locale.ROOT);
        String hostKey = call.uri().getPort() < 0 ? host : host + ":" + call.uri().getPort();
        Duration timeout = call.timeout().orElse(requestTimeout);
        int maxAttempts = policy.maxAttempts();
        int backoffIndex = 0;
        int secondaryHits = 0;
        Answer lastAnswer = null;
        Failure lastFailure = null;
        for (int attempt = 1; ; attempt++) {
            CircuitBreaker breaker = breakers.forHost(hostKey);
            CircuitBreaker.Admission admission = breaker.tryAcquire();
            if (admission == CircuitBreaker.Admission.REJECTED) {
                if (lastAnswer != null) {
                    return lastAnswer;
                }
                throw new CircuitOpenException(hostKey, breaker.remainingOpen(),
                        lastFailure == null ? null : lastFailure.cause());
            }
            if (LOG.isTraceEnabled()) {
                LOG.trace("HTTP {} {} request headers {}", call.method(), call.displayUri(), requestHeadersShown(call));
            }
            long start = System.nanoTime();
            Outcome outcome;
            try {
                outcome = exchange.exchange(call, timeout, download);
            } catch (BodyLimitExceeded e) {
                breaker.release(admission);
                throw new ReplyTooLargeException(call.method() + " " + call.displayUri() + ": " + e.getMessage(),
                        e.limitBytes());
            } catch (InterruptedException e) {
                breaker.release(admission);
                Thread.currentThread().interrupt();
                throw new HttpTransportException(call.method() + " " + call.displayUri() + " interrupted",
                        HttpTransportException.Reason.INTERRUPTED, e);
            } catch (RuntimeException e) {
                breaker.release(admission);
                throw e;
            }
            long elapsed = System.nanoTime() - start;

            if (outcome instanceof Failure failure) {
                breaker.recordFailure(admission);
                metrics.attempt(host, call.method(), TransportMetrics.IO_ERROR, call.operation(), elapsed);
                LOG.debug("HTTP {} {} -> {} (attempt {}/{}, {} ms)", call.method(), call.displayUri(),
                        failure.reason(), attempt, maxAttempts, elapsed / 1_000_000);
                boolean mayRepeat = call.idempotent() || failure.reason() == HttpTransportException.Reason.CONNECT;
                if (!mayRepeat || attempt >= maxAttempts) {
                    throw new HttpTransportException(call.method() + " " + call.displayUri() + " failed after "
                            + attempt + (attempt == 1 ? " attempt: " : " attempts: ") + failure.reason() + " ("
                            + describe(failure.cause()) + ")", failure.reason(), failure.cause());
                }
                lastFailure = failure;
                lastAnswer = null;
                metrics.retry(host, call.operation(), failure.reason().name());
                pause(call, Backoff.fullJitter(policy.initialBackoff(), policy.maxBackoff(), backoffIndex++, random));
                continue;
            }

            Answer answer = (Answer) outcome;
            int status = answer.status();
            if (status >= 500 || status == 408) {
                breaker.recordFailure(admission);
            } else {
                breaker.recordSuccess(admission);
            }
            metrics.attempt(host, call.method(), Integer.toString(status), call.operation(), elapsed);
            LOG.debug("HTTP {} {} -> {} (attempt {}/{}, {} ms)", call.method(), call.displayUri(), status, attempt,
                    maxAttempts, elapsed / 1_000_000);
            if (LOG.isTraceEnabled()) {
                LOG.trace("HTTP {} {} reply headers {}", call.method(), call.displayUri(),
                        Redaction.headers(answer.headers().asMap()));
            }

            Optional<RateLimits.Wait> told = RateLimits.serverWait(status, answer.headers(), answer.body(),
                    clock.instant(), policy.secondaryRateLimitWait(), secondaryHits);
            if (told.isPresent()) {
                RateLimits.Wait wait = told.get();
                if (attempt >= maxAttempts || wait.duration().compareTo(policy.maxRetryAfter()) > 0) {
                    metrics.rateLimited(host, call.operation(), wait.source(), false);
                    LOG.info("HTTP {} {} -> {}: server asks to wait {} ms ({}); returning the reply instead "
                                    + "(attempt {}/{}, maxRetryAfter {} ms)", call.method(), call.displayUri(), status,
                            wait.duration().toMillis(), wait.source().tag(), attempt, maxAttempts,
                            policy.maxRetryAfter().toMillis());
                    return answer;
                }
                metrics.rateLimited(host, call.operation(), wait.source(), true);
                metrics.retry(host, call.operation(), Integer.toString(status));
                LOG.info("HTTP {} {} -> {}: waiting {} ms as the server asks ({})", call.method(), call.displayUri(),
                        status, wait.duration().toMillis(), wait.source().tag());
                if (wait.source() == RateLimits.Source.SECONDARY_LIMIT) {
                    secondaryHits++;
                }
                lastAnswer = answer;
                lastFailure = null;
                pause(call, wait.duration());
                continue;
            }
            boolean retryableStatus = status >= 500 || status == 408 || status == 429;
            if (!retryableStatus || !call.idempotent() || attempt >= maxAttempts) {
                return answer;
            }
            lastAnswer = answer;
            lastFailure = null;
            metrics.retry(host, call.operation(), Integer.toString(status));
            pause(call, Backoff.fullJitter(policy.initialBackoff(), policy.maxBackoff(), backoffIndex++, random));
        }
    }

    private void pause(HttpCall call, Duration wait) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HttpTransportException(call.method() + " " + call.displayUri()
                    + " interrupted while waiting to retry", HttpTransportException.Reason.INTERRUPTED, e);
        }
    }

    /** Every header of a call for a log line: secret-helper headers always masked, sensitive names masked. */
    static String requestHeadersShown(HttpCall call) {
        Map<String, List<String>> shown = new LinkedHashMap<>(call.headers().asMap());
        call.secretHeaderNames().forEach(name -> shown.put(name, List.of(Redaction.MASK)));
        return Redaction.headers(shown);
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
