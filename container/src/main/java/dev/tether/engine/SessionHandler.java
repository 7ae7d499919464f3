package dev.tether.engine;

import dev.tether.protocol.CloseStatus;

import java.nio.ByteBuffer;

/**
 * What a {@link WebSocketConnection} tells the layer above it (the Jakarta session).
 *
 * <p>Threading: every callback runs on the connection's serial executor, never on an I/O
 * thread, never two at once, in this order: {@link #onOpen()} first; then messages, pongs
 * and errors as they occur; {@link #onClose(CloseStatus)} exactly once, last. A callback may
 * block (a blocking send from inside {@code onText} is fine); while it does, the
 * connection's later events wait.
 *
 * <p>Ownership: a binary message's buffer belongs to the handler.
 */
public interface SessionHandler {

    void onOpen();

    void onText(String text);

    void onBinary(ByteBuffer data);

    /**
     * Whether the message that is starting should come in parts, one per frame, instead of
     * whole. Asked on the I/O thread at the first frame of each message: it must only look
     * at state (such as which handler is registered), never block or run application code.
     */
    default boolean wantsParts(boolean text) {
        return false;
    }

    /** One part of a text message that comes in parts; it ends at a whole character. */
    default void onTextPart(String part, boolean last) {
        throw new UnsupportedOperationException("text parts were not asked for");
    }

    /** One part of a binary message that comes in parts; the buffer belongs to the handler. */
    default void onBinaryPart(ByteBuffer part, boolean last) {
        throw new UnsupportedOperationException("binary parts were not asked for");
    }

    void onPong(ByteBuffer data);

    /** A failure that ends the connection, or a failed write; {@link #onClose} follows when it ends. */
    void onError(Throwable error);

    /**
     * The connection has ended. For a closing handshake the peer started, the status it sent;
     * for one we started, the status we sent; when it ended without a handshake,
     * {@link CloseStatus#ABNORMAL}.
     */
    void onClose(CloseStatus status);
}
