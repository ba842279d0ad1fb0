package io.cikit.core.http.internal;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a reply body in memory up to a byte limit; past it the stream is cancelled and the body completes
 * with {@link BodyLimitExceeded}. A declared {@code Content-Length} over the limit fails before any byte is read.
 */
public final class BoundedBytes implements HttpResponse.BodySubscriber<byte[]> {
    private final long maxBytes;
    private final long declaredLength;
    private final Progress progress;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private Flow.Subscription subscription = NoSubscription.INSTANCE;

    /** @param declaredLength the reply's {@code Content-Length}, or -1 when absent */
    public BoundedBytes(long maxBytes, long declaredLength, Progress progress) {
        this.maxBytes = maxBytes;
        this.declaredLength = declaredLength;
        this.progress = progress;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        progress.touch();
        if (declaredLength > maxBytes) {
            s.cancel();
            result.completeExceptionally(new BodyLimitExceeded(maxBytes, "Content-Length " + declaredLength));
            return;
        }
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        progress.touch();
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer b : items) {
            int n = b.remaining();
            if ((long) buffer.size() + n > maxBytes) {
                subscription.cancel();
                result.completeExceptionally(new BodyLimitExceeded(maxBytes, "stream went past the limit"));
                return;
            }
            byte[] chunk = new byte[n];
            b.get(chunk);
            buffer.write(chunk, 0, n);
        }
    }

    @Override
    public void onError(Throwable t) {
        result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        result.complete(buffer.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }
}
