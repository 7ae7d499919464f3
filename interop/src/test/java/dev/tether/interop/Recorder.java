package dev.tether.interop;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;

import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A programmatic client endpoint, usable with every container, that records what it receives; every wait is bounded. */
public class Recorder extends Endpoint {
    final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
    final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    final BlockingQueue<Throwable> errors = new LinkedBlockingQueue<>();

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.setMaxTextMessageBufferSize(Interop.BIG);
        session.setMaxBinaryMessageBufferSize(Interop.BIG);
        session.addMessageHandler(String.class, messages::add);
        session.addMessageHandler(ByteBuffer.class, data -> {
            // Copied: a container may reuse the buffer once the handler returns.
            messages.add(ByteBuffer.wrap(Interop.bytes(data)));
        });
        session.addMessageHandler(PongMessage.class, messages::add);
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        closed.complete(closeReason);
    }

    @Override
    public void onError(Session session, Throwable thr) {
        errors.add(thr);
    }

    Object next() throws InterruptedException {
        Object m = messages.poll(30, TimeUnit.SECONDS);
        if (m == null) {
            throw new AssertionError("no message within 30 s; errors: " + errors);
        }
        return m;
    }

    CloseReason awaitClose() throws Exception {
        return closed.get(30, TimeUnit.SECONDS);
    }
}
