package io.cikit.core.http.internal;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/** A body subscriber that refuses the body at once, for when its sink could not even be set up. */
public final class FailedBody<T> implements HttpResponse.BodySubscriber<T> {
    private final CompletableFuture<T> result;

    public FailedBody(Throwable cause) {
        this.result = CompletableFuture.failedFuture(cause);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        s.cancel();
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
    }

    @Override
    public void onError(Throwable t) {
    }

    @Override
    public void onComplete() {
    }

    @Override
    public CompletionStage<T> getBody() {
        return result;
    }
}
