package dev.tether.jakarta;

import dev.tether.engine.SendCallback;
import dev.tether.engine.WebSocketConnection;
import dev.tether.jakarta.codec.Encoders;
import jakarta.websocket.EncodeException;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;

import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@link RemoteEndpoint.Async}: sends return at once. A {@link SendHandler} is called on the
 * container's executor (never on an I/O thread); a {@link Future} completes when the frame is
 * written. With a send timeout, a send not written in time fails with a
 * {@link SocketTimeoutException}.
 */
final class AsyncRemote extends Remote implements RemoteEndpoint.Async {
    private final Executor executor;
    private final ScheduledExecutorService timer;
    private volatile long sendTimeout;

    AsyncRemote(WebSocketConnection connection, Encoders encoders, Executor executor,
                ScheduledExecutorService timer, long sendTimeout) {
        super(connection, encoders);
        this.executor = executor;
        this.timer = timer;
        this.sendTimeout = sendTimeout;
    }

    @Override
    public long getSendTimeout() {
        return sendTimeout;
    }

    @Override
    public void setSendTimeout(long timeoutmillis) {
        sendTimeout = timeoutmillis;
    }

    @Override
    public void sendText(String text, SendHandler handler) {
        requireNonNull(text, handler);
        connection.sendText(text, true, toHandler(handler));
    }

    @Override
    public Future<Void> sendText(String text) {
        requireNonNull(text, "");
        CompletableFuture<Void> future = new SendFuture();
        connection.sendText(text, true, toFuture(future));
        return future;
    }

    @Override
    public Future<Void> sendBinary(ByteBuffer data) {
        requireNonNull(data, "");
        CompletableFuture<Void> future = new SendFuture();
        connection.sendBinary(data, true, toFuture(future));
        return future;
    }

    @Override
    public void sendBinary(ByteBuffer data, SendHandler handler) {
        requireNonNull(data, handler);
        connection.sendBinary(data, true, toHandler(handler));
    }

    @Override
    public Future<Void> sendObject(Object data) {
        CompletableFuture<Void> future = new SendFuture();
        try {
            sendObjectAs(data, false, toFuture(future));
        } catch (EncodeException e) {
            future.completeExceptionally(e);
        }
        return future;
    }

    @Override
    public void sendObject(Object data, SendHandler handler) {
        requireNonNull(data, handler);
        SendCallback callback = toHandler(handler);
        try {
            sendObjectAs(data, false, callback);
        } catch (EncodeException e) {
            callback.onSendComplete(e);
        }
    }

    private SendCallback toFuture(CompletableFuture<Void> future) {
        ScheduledFuture<?> timeout = scheduleTimeout(() -> future.completeExceptionally(timeoutError()));
        return failure -> {
            if (timeout != null) {
                timeout.cancel(false);
            }
            if (failure == null) {
                future.complete(null);
            } else {
                future.completeExceptionally(failure);
            }
        };
    }

    private SendCallback toHandler(SendHandler handler) {
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        ScheduledFuture<?> timeout = scheduleTimeout(() -> {
            if (done.compareAndSet(false, true)) {
                executor.execute(() -> handler.onResult(new SendResult(timeoutError())));
            }
        });
        return failure -> {
            if (timeout != null) {
                timeout.cancel(false);
            }
            if (done.compareAndSet(false, true)) {
                SendResult result = failure == null ? new SendResult() : new SendResult(failure);
                executor.execute(() -> handler.onResult(result));
            }
        };
    }

    private ScheduledFuture<?> scheduleTimeout(Runnable onTimeout) {
        long timeout = sendTimeout;
        return timeout > 0 ? timer.schedule(onTimeout, timeout, TimeUnit.MILLISECONDS) : null;
    }

    private SocketTimeoutException timeoutError() {
        return new SocketTimeoutException("message not sent within the send timeout of " + sendTimeout + " ms");
    }

    private static void requireNonNull(Object message, Object handler) {
        if (message == null) {
            throw new IllegalArgumentException("message must not be null");
        }
        if (handler == null) {
            throw new IllegalArgumentException("send handler must not be null");
        }
    }
}
