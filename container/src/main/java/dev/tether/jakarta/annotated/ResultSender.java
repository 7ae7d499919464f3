package dev.tether.jakarta.annotated;

import jakarta.websocket.EncodeException;
import jakarta.websocket.Session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Set;

/**
 * Sends the return value of an {@code @OnMessage} method back to the peer on the session's
 * basic remote (spec §4.7, {@code @OnMessage} javadoc): a {@code String} as text, a
 * {@code ByteBuffer} or {@code byte[]} as binary, a primitive or box as text in its standard
 * Java string form ({@code String.valueOf}), anything else through {@code sendObject} and the
 * endpoint's encoders. Chosen once from the declared return type; a declared type that could
 * hold several of these (such as {@code Object}) is looked at per value.
 *
 * <p>A {@code null} result is not sent (the caller skips it). Stateless and thread-safe.
 */
enum ResultSender {
    /** {@code void} methods. */
    NONE {
        @Override
        void send(Session session, Object result) {
        }
    },
    TEXT {
        @Override
        void send(Session session, Object result) throws IOException {
            session.getBasicRemote().sendText((String) result);
        }
    },
    BINARY_BUFFER {
        @Override
        void send(Session session, Object result) throws IOException {
            session.getBasicRemote().sendBinary((ByteBuffer) result);
        }
    },
    BINARY_ARRAY {
        @Override
        void send(Session session, Object result) throws IOException {
            session.getBasicRemote().sendBinary(ByteBuffer.wrap((byte[]) result));
        }
    },
    /** Primitives and boxes: their standard string form, as a text message. */
    VALUE_TEXT {
        @Override
        void send(Session session, Object result) throws IOException {
            session.getBasicRemote().sendText(String.valueOf(result));
        }
    },
    /** Declared types such as {@code Object}: decided by the value's class. */
    BY_VALUE {
        @Override
        void send(Session session, Object result) throws IOException, EncodeException {
            ResultSender exact = forType(result.getClass());
            if (exact == BY_VALUE) {
                session.getBasicRemote().sendObject(result);
            } else {
                exact.send(session, result);
            }
        }
    };

    private static final Set<Class<?>> BOXES = Set.of(Boolean.class, Character.class, Byte.class,
            Short.class, Integer.class, Long.class, Float.class, Double.class);

    /**
     * Sends a non-null result.
     *
     * @throws IOException     if sending fails
     * @throws EncodeException if an encoder fails
     */
    abstract void send(Session session, Object result) throws IOException, EncodeException;

    /** The sender for a method's declared return type. */
    static ResultSender forReturnType(Class<?> type) {
        return type == void.class ? NONE : forType(type);
    }

    private static ResultSender forType(Class<?> type) {
        if (type == String.class) {
            return TEXT;
        }
        if (ByteBuffer.class.isAssignableFrom(type)) {
            return BINARY_BUFFER;
        }
        if (type == byte[].class) {
            return BINARY_ARRAY;
        }
        if (type.isPrimitive() || BOXES.contains(type)) {
            return VALUE_TEXT;
        }
        return BY_VALUE;
    }
}
