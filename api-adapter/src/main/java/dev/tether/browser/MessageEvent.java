package dev.tether.browser;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A {@code message} event. Its {@link #data()} is a {@link String} for a text message; for a
 * binary one, a {@link Blob} when the socket's {@code binaryType} is {@code "blob"} or a
 * read-only {@link ByteBuffer} when it is {@code "arraybuffer"}.
 */
public class MessageEvent extends Event {
    private final Object data;
    private final String origin;

    /**
     * @param data   a {@link String}, a {@link Blob} or a {@link ByteBuffer}
     * @param origin the serialised origin of the sender
     */
    public MessageEvent(String type, Object data, String origin) {
        super(type);
        this.data = Objects.requireNonNull(data, "data");
        this.origin = Objects.requireNonNull(origin, "origin");
    }

    /** The message: a {@link String}, a {@link Blob} or a read-only {@link ByteBuffer}. */
    public Object data() {
        return data instanceof ByteBuffer buffer ? buffer.duplicate() : data;
    }

    /** The serialised origin of the socket's URL, such as {@code "ws://example.com:8080"}. */
    public String origin() {
        return origin;
    }
}
