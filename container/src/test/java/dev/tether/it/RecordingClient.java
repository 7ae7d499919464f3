package dev.tether.it;

import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;

import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A client endpoint that records what it receives, for tests; every wait is bounded. */
@ClientEndpoint
public class RecordingClient {
    public final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
    public final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    public final BlockingQueue<Throwable> errors = new LinkedBlockingQueue<>();
    public volatile Session session;

    @OnOpen
    public void open(Session session) {
        this.session = session;
    }

    @OnMessage(maxMessageSize = 32L * 1024 * 1024)
    public void text(String message) {
        messages.add(message);
    }

    @OnMessage(maxMessageSize = 32L * 1024 * 1024)
    public void binary(ByteBuffer message) {
        messages.add(message);
    }

    @OnMessage
    public void pong(PongMessage pong) {
        messages.add(pong);
    }

    @OnError
    public void error(Throwable t) {
        errors.add(t);
    }

    @OnClose
    public void close(CloseReason reason) {
        closed.complete(reason);
    }

    public Object next() throws InterruptedException {
        Object m = messages.poll(20, TimeUnit.SECONDS);
        if (m == null) {
            throw new AssertionError("no message within 20 s");
        }
        return m;
    }

    public CloseReason awaitClose() throws Exception {
        return closed.get(20, TimeUnit.SECONDS);
    }
}
