package dev.tether.jakarta.codec;

import jakarta.websocket.EncodeException;
import jakarta.websocket.Encoder;

import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * One session's encoders: turns an object given to {@code sendObject} into a text or binary
 * message.
 *
 * <p>Choice: the endpoint's encoders are tried in declaration order (for a class implementing
 * several encoder interfaces: {@code Text}, {@code TextStream}, {@code Binary},
 * {@code BinaryStream}), and the first whose object type is the message's class or a superclass
 * or interface of it is used (spec §4.1.2). Only when none matches does the container's own
 * encoding apply: a {@code String} is sent as it is, a {@code ByteBuffer} or {@code byte[]} as
 * binary, a primitive box ({@code Integer}, {@code Boolean}, {@code Character}…) as its
 * {@code String.valueOf} text. So a user encoder for {@code Integer} (or {@code Object}) takes
 * precedence over the built-in one, as the {@code RemoteEndpoint} Javadoc requires.
 *
 * <p>Threading: {@link #encode} may be called from any number of sending threads at once. The
 * spec promises each encoder instance "at most one calling thread at a time", so calls into one
 * user encoder are serialized (each instance has its own lock); different encoders run in
 * parallel. The table of encoders is fixed at creation and only read afterwards. Stream encoders
 * write into memory ({@code StringWriter}, {@code ByteArrayOutputStream}), so the whole message
 * exists before it is sent.
 *
 * <p>Created by {@link CodecPlan#open} (usually through {@link Codecs#open}); the session calls
 * {@link #close} (or {@link Codecs#close}) when it closes.
 */
public final class Encoders {
    private final List<BoundRole> roles;
    private final List<CodecInstance> instances;
    private volatile boolean closed;

    Encoders(List<BoundRole> roles) {
        this.roles = List.copyOf(roles);
        this.instances = BoundRole.instancesOf(this.roles);
    }

    /**
     * Encodes {@code message} with the first matching user encoder, or the container's own
     * encoding of strings, buffers, byte arrays and primitive boxes.
     *
     * @return a {@code String} to send as a text message or a {@code ByteBuffer} to send as a
     *         binary message (its remaining bytes; for a {@code ByteBuffer} message this is the
     *         caller's own buffer, not a copy)
     * @throws EncodeException          if no encoder matches (the message names the class), if
     *                                  the encoder throws an {@code EncodeException} (passed on as
     *                                  it is), an {@code IOException} (stream encoders) or a
     *                                  {@code RuntimeException} (both wrapped as the cause), or
     *                                  if it returns {@code null}
     * @throws IllegalArgumentException if {@code message} is {@code null}
     * @throws IllegalStateException    if these encoders have been closed
     */
    public Object encode(Object message) throws EncodeException {
        if (message == null) {
            throw new IllegalArgumentException("message must not be null");
        }
        checkOpen();
        Class<?> type = message.getClass();
        for (BoundRole bound : roles) {
            if (bound.role().messageType().isAssignableFrom(type)) {
                return encodeWith(bound, message);
            }
        }
        Object builtIn = encodeBuiltIn(message);
        if (builtIn == null) {
            throw new EncodeException(message, "No encoder for " + Describe.type(type)
                    + ": none of the endpoint's encoders takes it, and it is not a String, ByteBuffer,"
                    + " byte[] or primitive box");
        }
        return builtIn;
    }

    /**
     * Whether {@link #encode} would find an encoder (user or built-in) for an object whose
     * class is exactly {@code type}; a primitive type counts as its box. Useful to check an
     * {@code @OnMessage} return type; at send time the object's own class decides.
     */
    public boolean canEncode(Class<?> type) {
        Class<?> boxed = PrimitiveText.boxed(type);
        for (BoundRole bound : roles) {
            if (bound.role().messageType().isAssignableFrom(boxed)) {
                return true;
            }
        }
        return boxed == String.class || ByteBuffer.class.isAssignableFrom(boxed) || boxed == byte[].class
                || PrimitiveText.isPrimitiveOrBox(boxed);
    }

    /**
     * Calls {@code destroy()} once on every encoder instance, in declaration order, waiting for
     * an encoding in progress on that instance to finish. Idempotent; exceptions from
     * {@code destroy()} are logged, not thrown.
     */
    public void close() {
        closed = true;
        instances.forEach(CodecInstance::destroy);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the session's encoders are closed");
        }
    }

    @SuppressWarnings("unchecked")
    private static Object encodeWith(BoundRole bound, Object message) throws EncodeException {
        CodecRole role = bound.role();
        Object result = bound.instance().call(codec -> switch (role.form()) {
            case TEXT -> ((Encoder.Text<Object>) codec).encode(message);
            case BINARY -> ((Encoder.Binary<Object>) codec).encode(message);
            case TEXT_STREAM -> {
                StringWriter writer = new StringWriter();
                ((Encoder.TextStream<Object>) codec).encode(message, writer);
                yield writer.toString();
            }
            case BINARY_STREAM -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ((Encoder.BinaryStream<Object>) codec).encode(message, out);
                yield ByteBuffer.wrap(out.toByteArray());
            }
        }, failure -> wrap(role, message, failure));
        if (result == null) {
            throw new EncodeException(message, "Encoder " + role.codecClass().getName() + " returned null for "
                    + Describe.type(message.getClass()));
        }
        return result;
    }

    private static EncodeException wrap(CodecRole role, Object message, Exception failure) {
        if (failure instanceof EncodeException e) {
            return e;
        }
        return new EncodeException(message, "Encoder " + role.codecClass().getName() + " failed on "
                + Describe.type(message.getClass()) + ": " + failure, failure);
    }

    private static Object encodeBuiltIn(Object message) {
        if (message instanceof String text) {
            return text;
        }
        if (message instanceof ByteBuffer buffer) {
            return buffer;
        }
        if (message instanceof byte[] bytes) {
            return ByteBuffer.wrap(bytes);
        }
        if (PrimitiveText.isPrimitiveOrBox(message.getClass())) {
            return String.valueOf(message);
        }
        return null;
    }
}
