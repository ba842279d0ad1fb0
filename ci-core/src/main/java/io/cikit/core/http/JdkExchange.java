package io.cikit.core.http;

import io.cikit.core.http.internal.BodyLimitExceeded;
import io.cikit.core.http.internal.BoundedBytes;
import io.cikit.core.http.internal.FailedBody;
import io.cikit.core.http.internal.FileSink;
import io.cikit.core.http.internal.FileSinks;
import io.cikit.core.http.internal.Progress;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * One attempt over {@code java.net.http}: builds the request, receives the reply (bounded in memory, or streamed to
 * a file for a 2xx download) and classifies a failure. The only class that touches the JDK client's types.
 *
 * <p>Timeouts: for an in-memory reply the timeout bounds the whole attempt (connect, headers and body); for a
 * download it bounds the wait for headers and then the longest silence between body chunks.
 */
final class JdkExchange {
    private final HttpClient client;
    private final String userAgent;
    private final long maxReplyBytes;

    JdkExchange(HttpClient client, String userAgent, long maxReplyBytes) {
        this.client = client;
        this.userAgent = userAgent;
        this.maxReplyBytes = maxReplyBytes;
    }

    /** What one attempt ended with. */
    sealed interface Outcome permits Answer, Failure {
    }

    /**
     * A reply. {@code file} is set only for a 2xx download; {@code files} then owns its temporary file.
     */
    record Answer(int status, Headers headers, byte[] body, URI uri, FileSink.@Nullable FileBody file,
                  @Nullable FileSinks files) implements Outcome {

        HttpReply toReply(boolean secretUri) {
            return new HttpReply(status, headers, body, uri, secretUri);
        }

        /** Deletes a download's temporary file, if it is still there. */
        void discardFiles() {
            if (files != null) {
                files.discardAll();
            }
        }
    }

    /** No reply. */
    record Failure(HttpTransportException.Reason reason, Throwable cause) implements Outcome {
    }

    /** Where a 2xx download body goes, and its cap. */
    record DownloadTarget(Path target, long maxBytes) {
    }

    /**
     * Makes one attempt.
     *
     * @throws BodyLimitExceeded when the body was over its limit (the stream was cut, any file deleted)
     * @throws InterruptedException when the calling thread was interrupted (the exchange was cancelled)
     */
    Outcome exchange(HttpCall call, Duration timeout, @Nullable DownloadTarget download)
            throws BodyLimitExceeded, InterruptedException {
        HttpRequest request = request(call, timeout);
        Progress progress = new Progress();
        FileSinks files = download == null ? null : new FileSinks(download.target());
        boolean bodyless = call.method().equals("HEAD");
        HttpResponse.BodyHandler<Received> handler = info -> {
            boolean noBody = bodyless || info.statusCode() == 204 || info.statusCode() == 304;
            long declared = noBody ? -1 : info.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (files != null && download != null && info.statusCode() / 100 == 2) {
                try {
                    FileSink sink = files.open(download.maxBytes(), declared, progress);
                    return HttpResponse.BodySubscribers.mapping(sink, Received::onDisk);
                } catch (IOException e) {
                    return new FailedBody<>(e);
                }
            }
            return HttpResponse.BodySubscribers.mapping(new BoundedBytes(maxReplyBytes, declared, progress),
                    Received::inMemory);
        };
        CompletableFuture<HttpResponse<Received>> future = client.sendAsync(request, handler);
        boolean kept = false;
        try {
            HttpResponse<Received> response = await(future, timeout, progress, download != null);
            Received received = response.body();
            Answer answer = new Answer(response.statusCode(), headers(response), received.bytes(), response.uri(),
                    received.file(), files);
            kept = true;
            return answer;
        } catch (TimeoutException e) {
            future.cancel(true);
            return new Failure(HttpTransportException.Reason.TIMEOUT, e);
        } catch (ExecutionException e) {
            return failure(e.getCause() == null ? e : e.getCause());
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } finally {
            if (!kept && files != null) {
                files.discardAll();
            }
        }
    }

    private HttpRequest request(HttpCall call, Duration timeout) {
        HttpRequest.BodyPublisher body = call.hasBody()
                ? HttpRequest.BodyPublishers.ofByteArray(call.bodyBytes())
                : HttpRequest.BodyPublishers.noBody();
        HttpRequest.Builder b = HttpRequest.newBuilder(call.uri()).timeout(timeout).method(call.method(), body);
        boolean userAgentGiven = false;
        for (Map.Entry<String, List<String>> header : call.headersToSend().entrySet()) {
            userAgentGiven |= header.getKey().equalsIgnoreCase("User-Agent");
            for (String value : header.getValue()) {
                b.header(header.getKey(), value);
            }
        }
        if (!userAgentGiven) {
            b.header("User-Agent", userAgent);
        }
        return b.build();
    }

    private static <T> HttpResponse<T> await(CompletableFuture<HttpResponse<T>> future, Duration timeout,
                                             Progress progress, boolean idleBased)
            throws TimeoutException, ExecutionException, InterruptedException {
        long limit = timeout.toNanos();
        if (!idleBased) {
            return future.get(limit, TimeUnit.NANOSECONDS);
        }
        while (true) {
            long left = limit - progress.idleNanos();
            if (left <= 0) {
                throw new TimeoutException("no bytes for " + timeout.toMillis() + " ms");
            }
            try {
                return future.get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                // bytes may have arrived meanwhile: measure the silence again
            }
        }
    }

    private static Failure failure(Throwable thrown) throws BodyLimitExceeded {
        Throwable t = thrown;
        while (t instanceof CompletionException || t instanceof ExecutionException) {
            if (t.getCause() == null) {
                break;
            }
            t = t.getCause();
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof BodyLimitExceeded limit) {
                throw limit;
            }
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof HttpConnectTimeoutException || c instanceof ConnectException
                    || c instanceof UnresolvedAddressException) {
                return new Failure(HttpTransportException.Reason.CONNECT, t);
            }
            if (c instanceof HttpTimeoutException) {
                return new Failure(HttpTransportException.Reason.TIMEOUT, t);
            }
        }
        return new Failure(HttpTransportException.Reason.IO, t);
    }

    private static Headers headers(HttpResponse<?> response) {
        Map<String, List<String>> plain = new LinkedHashMap<>();
        response.headers().map().forEach((name, values) -> {
            if (!name.startsWith(":")) {
                plain.put(name, values);
            }
        });
        return Headers.ofMulti(plain);
    }

    /** A body as received: bytes in memory, or a file for a 2xx download. */
    record Received(byte[] bytes, FileSink.@Nullable FileBody file) {
        static Received inMemory(byte[] bytes) {
            return new Received(bytes, null);
        }

        static Received onDisk(FileSink.FileBody file) {
            return new Received(new byte[0], file);
        }
    }
}
