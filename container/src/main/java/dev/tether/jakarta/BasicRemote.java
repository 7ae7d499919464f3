package dev.tether.jakarta;

import dev.tether.engine.WebSocketConnection;
import dev.tether.jakarta.codec.Encoders;
import jakarta.websocket.EncodeException;
import jakarta.websocket.RemoteEndpoint;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;

/**
 * {@link RemoteEndpoint.Basic}: each send blocks until its frame has been written to the
 * network, or fails with the reason. One exception keeps a session's answers to one read in
 * one write: a small message sent from the session's own callback while more of its messages
 * already wait returns once queued, and goes out with what the following callbacks send
 * (see {@link WebSocketConnection#sendBinary(ByteBuffer, boolean, boolean, dev.tether.engine.SendCallback)}). Sends from many threads are queued as whole messages;
 * only a partial message interleaved with another message fails with
 * {@link IllegalStateException}.
 */
final class BasicRemote extends Remote implements RemoteEndpoint.Basic {

    BasicRemote(WebSocketConnection connection, Encoders encoders) {
        super(connection, encoders);
    }

    @Override
    public void sendText(String text) throws IOException {
        requireNonNull(text);
        await(send(cb -> connection.sendText(text, true, true, cb)));
    }

    @Override
    public void sendBinary(ByteBuffer data) throws IOException {
        requireNonNull(data);
        await(send(cb -> connection.sendBinary(data, true, true, cb)));
    }

    @Override
    public void sendText(String partialMessage, boolean isLast) throws IOException {
        requireNonNull(partialMessage);
        await(send(cb -> connection.sendText(partialMessage, isLast, true, cb)));
    }

    @Override
    public void sendBinary(ByteBuffer partialByte, boolean isLast) throws IOException {
        requireNonNull(partialByte);
        await(send(cb -> connection.sendBinary(partialByte, isLast, true, cb)));
    }

    @Override
    public OutputStream getSendStream() {
        return new MessageOutputStream(this);
    }

    @Override
    public Writer getSendWriter() {
        return new MessageWriter(this);
    }

    @Override
    public void sendObject(Object data) throws IOException, EncodeException {
        java.util.concurrent.CompletableFuture<Void> future = new java.util.concurrent.CompletableFuture<>();
        sendObjectAs(data, true, failure -> {
            if (failure == null) {
                future.complete(null);
            } else {
                future.completeExceptionally(failure);
            }
        });
        await(future);
    }

    private static void requireNonNull(Object message) {
        if (message == null) {
            throw new IllegalArgumentException("message must not be null");
        }
    }
}
