package dev.tether.jakarta;

import dev.tether.jakarta.codec.Decoders;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;

import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A session's message handlers: at most one for each kind of message (text, binary, pong),
 * as the Jakarta WebSocket API requires.
 *
 * <p>Thread-safe: changes copy the table, reads see a consistent one without locking.
 */
final class MessageHandlers {
    enum Kind { TEXT, BINARY, PONG }

    /**
     * A handler with the message type it takes, whether it takes parts, and whether its
     * messages go through a decoder.
     */
    record Registered(MessageHandler handler, Class<?> type, boolean partial, boolean decoded) { }

    private final Decoders decoders;
    private volatile Map<Kind, Registered> handlers = new EnumMap<>(Kind.class);

    /** @param decoders the session's decoders, which decide which other types a handler may take */
    MessageHandlers(Decoders decoders) {
        this.decoders = decoders;
    }

    Registered get(Kind kind) {
        return handlers.get(kind);
    }

    /**
     * @throws IllegalStateException if a handler for the same kind of message is registered, or
     *                               the type is not one a handler may take
     */
    synchronized void add(Class<?> type, MessageHandler handler, boolean partial) {
        // A user decoder for Reader or InputStream wins over the built-in streams.
        boolean streamDecoder = (type == Reader.class && decoders.canDecodeText(type))
                || (type == InputStream.class && decoders.canDecodeBinary(type));
        Kind kind = streamDecoder ? null : nativeKind(type, partial);
        boolean decoded = kind == null;
        if (decoded) {
            kind = decodedKind(type, partial);
        }
        if (handlers.containsKey(kind)) {
            throw new IllegalStateException("a handler for " + kind.name().toLowerCase()
                    + " messages is already registered: " + handlers.get(kind).handler());
        }
        EnumMap<Kind, Registered> copy = new EnumMap<>(Kind.class);
        copy.putAll(handlers);
        copy.put(kind, new Registered(handler, type, partial, decoded));
        handlers = copy;
    }

    synchronized void remove(MessageHandler handler) {
        EnumMap<Kind, Registered> copy = new EnumMap<>(Kind.class);
        copy.putAll(handlers);
        copy.values().removeIf(r -> r.handler() == handler);
        handlers = copy;
    }

    Set<MessageHandler> all() {
        Set<MessageHandler> all = new LinkedHashSet<>();
        handlers.values().forEach(r -> all.add(r.handler()));
        return all;
    }

    /** The kind of message a handler of {@code type} takes without a decoder, or null. */
    private static Kind nativeKind(Class<?> type, boolean partial) {
        if (type == null) {
            throw new IllegalStateException("the handler's message type cannot be determined;"
                    + " use addMessageHandler(Class, handler)");
        }
        if (type == String.class || (!partial && type == Reader.class)) {
            return Kind.TEXT;
        }
        if (type == ByteBuffer.class || type == byte[].class || (!partial && type == InputStream.class)) {
            return Kind.BINARY;
        }
        if (type == PongMessage.class && !partial) {
            return Kind.PONG;
        }
        return null;
    }

    private Kind decodedKind(Class<?> type, boolean partial) {
        if (!partial && decoders.canDecodeText(type)) {
            return Kind.TEXT;
        }
        if (!partial && decoders.canDecodeBinary(type)) {
            return Kind.BINARY;
        }
        throw new IllegalStateException("no decoder for message type " + type.getName()
                + (partial ? " in a partial handler" : ""));
    }
}
