package dev.tether.jakarta;

import dev.tether.engine.SendCallback;
import dev.tether.engine.WebSocketConnection;
import dev.tether.jakarta.codec.Encoders;
import jakarta.websocket.EncodeException;
import jakarta.websocket.RemoteEndpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * What the basic and asynchronous remotes share: control frames, batching flags, and the
 * conversion of objects the container can send without an encoder.
 *
 * <p>Thread-safe: every send is queued by the connection as a whole message.
 */
abstract class Remote implements RemoteEndpoint {
    final WebSocketConnection connection;
    private final Encoders encoders;
    private volatile boolean batchingAllowed;

    Remote(WebSocketConnection connection, Encoders encoders) {
        this.connection = connection;
        this.encoders = encoders;
    }

    @Override
    public void setBatchingAllowed(boolean allowed) throws IOException {
        boolean was = batchingAllowed;
        batchingAllowed = allowed;
        if (was && !allowed) {
            flushBatch();
        }
    }

    @Override
    public boolean getBatchingAllowed() {
        return batchingAllowed;
    }

    /** Messages are never held back, so there is never a batch to flush. */
    @Override
    public void flushBatch() {
    }

    @Override
    public void sendPing(ByteBuffer applicationData) throws IOException {
        checkControlPayload(applicationData);
        await(send(cb -> connection.sendPing(copyOf(applicationData), cb)));
    }

    @Override
    public void sendPong(ByteBuffer applicationData) throws IOException {
        checkControlPayload(applicationData);
        await(send(cb -> connection.sendPong(copyOf(applicationData), cb)));
    }

    /** Starts a send and returns a future completed by its callback. */
    static CompletableFuture<Void> send(java.util.function.Consumer<SendCallback> sender) {
        CompletableFuture<Void> future = new SendFuture();
        sender.accept(failure -> {
            if (failure == null) {
                future.complete(null);
            } else {
                future.completeExceptionally(failure);
            }
        });
        return future;
    }

    /** Waits for a send; its failure is rethrown as it was, or as an IOException. */
    static void await(CompletableFuture<Void> future) throws IOException {
        try {
            future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while sending", e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(cause);
        }
    }

    /**
     * Sends {@code data} through the session's encoders (or the built-in ones): as text if it
     * encodes to a string, as binary if to bytes.
     *
     * @param blockingSender whether the caller waits for the callback (see
     *        {@link WebSocketConnection#sendBinary(ByteBuffer, boolean, boolean, SendCallback)})
     * @throws EncodeException if no encoder takes it, or the encoder fails
     */
    void sendObjectAs(Object data, boolean blockingSender, SendCallback callback) throws EncodeException {
        if (data == null) {
            throw new IllegalArgumentException("message must not be null");
        }
        Object encoded = encoders.encode(data);
        if (encoded instanceof String text) {
            connection.sendText(text, true, blockingSender, callback);
        } else {
            connection.sendBinary((ByteBuffer) encoded, true, blockingSender, callback);
        }
    }

    private static void checkControlPayload(ByteBuffer data) {
        if (data != null && data.remaining() > 125) {
            throw new IllegalArgumentException("control frame payload of " + data.remaining() + " bytes; at most 125");
        }
    }

    private static ByteBuffer copyOf(ByteBuffer data) {
        if (data == null) {
            return ByteBuffer.allocate(0);
        }
        ByteBuffer copy = ByteBuffer.allocate(data.remaining());
        copy.put(data.duplicate());
        return copy.flip();
    }
}
