package dev.tether.jakarta.annotated;

import dev.tether.jakarta.codec.CodecPlan;
import jakarta.websocket.PongMessage;

import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;

/**
 * How an {@code @OnMessage} method takes its message: the native format, whether it takes the
 * message whole or in parts, and the type its {@code MessageHandler} is registered for on the
 * {@code Session}.
 *
 * <p>Later kinds slot in here without touching the rest: a {@code Reader} or {@code InputStream}
 * kind registers for that type, a decoded kind registers for the parameter's own type and lets
 * the session's decoders do the work.
 */
enum MessageKind {
    /** {@code String}, whole. */
    TEXT(MessageType.TEXT, String.class, false),
    /** {@code String, boolean last}. */
    TEXT_PARTIAL(MessageType.TEXT, String.class, true),
    /** A Java primitive or box, parsed from the whole text message. */
    TEXT_CONVERTED(MessageType.TEXT, String.class, false),
    /** {@code ByteBuffer}, whole. */
    BINARY_BUFFER(MessageType.BINARY, ByteBuffer.class, false),
    /** {@code ByteBuffer, boolean last}. */
    BINARY_BUFFER_PARTIAL(MessageType.BINARY, ByteBuffer.class, true),
    /** {@code byte[]}, whole. */
    BINARY_ARRAY(MessageType.BINARY, byte[].class, false),
    /** {@code byte[], boolean last}. */
    BINARY_ARRAY_PARTIAL(MessageType.BINARY, byte[].class, true),
    /** {@code PongMessage}. */
    PONG(MessageType.PONG, PongMessage.class, false),
    /** {@code Reader}: the whole text message as a stream of characters. */
    TEXT_READER(MessageType.TEXT, Reader.class, false),
    /** {@code InputStream}: the whole binary message as a stream of bytes. */
    BINARY_STREAM(MessageType.BINARY, InputStream.class, false),
    /** Any type a text decoder of the endpoint produces; the handler is registered for that type. */
    TEXT_DECODED(MessageType.TEXT, null, false),
    /** Any type a binary decoder of the endpoint produces; the handler is registered for that type. */
    BINARY_DECODED(MessageType.BINARY, null, false);

    private final MessageType type;
    private final Class<?> handlerType;
    private final boolean partial;

    MessageKind(MessageType type, Class<?> handlerType, boolean partial) {
        this.type = type;
        this.handlerType = handlerType;
        this.partial = partial;
    }

    MessageType type() {
        return type;
    }

    /**
     * The class given to {@code Session.addMessageHandler(Class, ...)}: fixed for the native
     * kinds, the message parameter's own type for decoded ones.
     */
    Class<?> handlerType(Class<?> messageParameterType) {
        return handlerType != null ? handlerType : StringConversions.boxed(messageParameterType);
    }

    /** Whether the handler is a {@code MessageHandler.Partial} (else {@code Whole}). */
    boolean partial() {
        return partial;
    }

    /**
     * The kind for a message parameter of {@code type}, with or without a {@code boolean last}
     * parameter beside it; {@code null} if that combination is not supported. A type one of the
     * endpoint's decoders produces is decoded (a user decoder for a primitive wins over the
     * built-in conversion).
     */
    static MessageKind of(Class<?> type, boolean withLast, CodecPlan codecs) {
        if (type == String.class) {
            return withLast ? TEXT_PARTIAL : TEXT;
        }
        if (type == ByteBuffer.class) {
            return withLast ? BINARY_BUFFER_PARTIAL : BINARY_BUFFER;
        }
        if (type == byte[].class) {
            return withLast ? BINARY_ARRAY_PARTIAL : BINARY_ARRAY;
        }
        if (withLast) {
            return null;
        }
        if (type == PongMessage.class) {
            return PONG;
        }
        if (codecs.hasTextDecoder(type)) {
            return TEXT_DECODED;
        }
        if (codecs.hasBinaryDecoder(type)) {
            return BINARY_DECODED;
        }
        if (type == Reader.class) {
            return TEXT_READER;
        }
        if (type == InputStream.class) {
            return BINARY_STREAM;
        }
        if (StringConversions.isPrimitiveOrBox(type)) {
            return TEXT_CONVERTED;
        }
        return null;
    }
}
