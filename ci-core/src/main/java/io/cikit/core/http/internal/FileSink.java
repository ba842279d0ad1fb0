package io.cikit.core.http.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Streams a reply body into a temporary file, hashing it with SHA-256 as it goes and enforcing a byte limit
 * while streaming. On any failure or {@link #discard()} the file is closed and deleted.
 *
 * <p>Thread-safe: the client's signals and {@link #discard()} from the waiting thread are serialised on this object.
 */
public final class FileSink implements HttpResponse.BodySubscriber<FileSink.FileBody> {

    /** A complete body on disk. */
    public record FileBody(Path path, long sizeBytes, String sha256) {
    }

    private final Path temp;
    private final long maxBytes;
    private final long declaredLength;
    private final Progress progress;
    private final CompletableFuture<FileBody> result = new CompletableFuture<>();
    private final MessageDigest digest = sha256();
    private final FileChannel channel;
    private Flow.Subscription subscription = NoSubscription.INSTANCE;
    private long size;
    private boolean finished;

    FileSink(Path temp, long maxBytes, long declaredLength, Progress progress) throws IOException {
        this.temp = temp;
        this.maxBytes = maxBytes;
        this.declaredLength = declaredLength;
        this.progress = progress;
        this.channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    @Override
    public synchronized void onSubscribe(Flow.Subscription s) {
        subscription = s;
        progress.touch();
        if (finished) {
            s.cancel();
            return;
        }
        if (declaredLength > maxBytes) {
            fail(new BodyLimitExceeded(maxBytes, "Content-Length " + declaredLength));
            return;
        }
        s.request(1);
    }

    @Override
    public synchronized void onNext(List<ByteBuffer> items) {
        progress.touch();
        if (finished) {
            return;
        }
        try {
            for (ByteBuffer b : items) {
                if (size + b.remaining() > maxBytes) {
                    fail(new BodyLimitExceeded(maxBytes, "stream went past the limit"));
                    return;
                }
                size += b.remaining();
                digest.update(b.duplicate());
                while (b.hasRemaining()) {
                    channel.write(b);
                }
            }
        } catch (IOException e) {
            fail(e);
            return;
        }
        subscription.request(1);
    }

    @Override
    public synchronized void onError(Throwable t) {
        fail(t);
    }

    @Override
    public synchronized void onComplete() {
        if (finished) {
            return;
        }
        finished = true;
        try {
            channel.close();
        } catch (IOException e) {
            deleteQuietly();
            result.completeExceptionally(e);
            return;
        }
        result.complete(new FileBody(temp, size, HexFormat.of().formatHex(digest.digest())));
    }

    @Override
    public CompletionStage<FileBody> getBody() {
        return result;
    }

    /** Stops the stream (if still running), closes and deletes the file. Safe to call at any time, repeatedly. */
    public synchronized void discard() {
        if (!finished) {
            fail(new CancellationException("download abandoned"));
        }
        deleteQuietly();
    }

    private void fail(Throwable t) {
        if (finished) {
            return;
        }
        finished = true;
        subscription.cancel();
        try {
            channel.close();
        } catch (IOException e) {
            t.addSuppressed(e);
        }
        deleteQuietly();
        result.completeExceptionally(t);
    }

    private void deleteQuietly() {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // a file we cannot delete is reported by the caller's directory listing, not worth masking the cause
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new UncheckedIOException(new IOException("SHA-256 is missing from this JVM", e));
        }
    }
}
