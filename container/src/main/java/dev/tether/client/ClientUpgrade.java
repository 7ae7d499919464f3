package dev.tether.client;

import dev.tether.engine.SessionHandler;
import dev.tether.engine.WebSocketConnection;
import dev.tether.handshake.HandshakeException;
import dev.tether.handshake.HttpHeadParser;
import dev.tether.handshake.HttpResponseHead;
import dev.tether.transport.Handover;
import dev.tether.transport.TransportHandler;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * The first phase of a client connection: reads the server's HTTP response head (bounded),
 * keeps any frames that arrive behind it, and hands them to the WebSocket connection once
 * the handshake has been checked, so nothing the server sent early is lost.
 *
 * <p>{@link #response()} completes on an I/O thread; the caller goes on elsewhere.
 */
final class ClientUpgrade implements TransportHandler {
    private final Handover handover;
    private IOException overflow;
    private final HttpHeadParser<HttpResponseHead> parser = HttpHeadParser.forResponses();
    private final CompletableFuture<HttpResponseHead> response = new CompletableFuture<>();

    /**
     * @param maxEarlyBytes how much the server may send between its 101 and the start of the
     *                      session (its {@code onOpen} may send at once); beyond it the
     *                      connection fails
     */
    ClientUpgrade(long maxEarlyBytes) {
        this.handover = new Handover(maxEarlyBytes);
    }

    CompletableFuture<HttpResponseHead> response() {
        return response;
    }

    @Override
    public synchronized void onRead(ByteBuffer data) {
        if (handover.forward(data)) {
            return;
        }
        if (response.isDone()) {
            keepEarly(data);
            return;
        }
        try {
            HttpResponseHead head = parser.parse(data);
            if (head != null) {
                keepEarly(data);
                response.complete(head);
            }
        } catch (HandshakeException e) {
            response.completeExceptionally(e);
        }
    }

    private void keepEarly(ByteBuffer data) {
        if (overflow == null && !handover.hold(data)) {
            overflow = new IOException("the server sent too much before the session started");
            // Thrown to the transport, which then closes the connection.
            throw new IllegalStateException(overflow.getMessage());
        }
    }

    /** Starts the session: it gets the input kept so far, then the transport's. */
    synchronized void handOff(WebSocketConnection ws, SessionHandler session) {
        handover.handTo(ws, early -> ws.start(session, early));
        if (overflow != null) {
            ws.onClosed(overflow);
        }
    }

    @Override
    public void onClosed(Throwable cause) {
        response.completeExceptionally(new IOException("the connection closed during the handshake", cause));
        // A server that leaves before the session starts still ends it (1006).
        handover.ended(cause);
    }
}
