package dev.tether.jakarta.codec;

import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;

/**
 * One session's decoders: turns a whole incoming text or binary message into the object a
 * message handler or {@code @OnMessage} method takes.
 *
 * <p>Choice, for a target type {@code T} (a primitive counts as its box): the endpoint's
 * decoders for the message's format (text: {@code Decoder.Text}, {@code Decoder.TextStream};
 * binary: {@code Decoder.Binary}, {@code Decoder.BinaryStream}) whose object type is {@code T}
 * or a subtype of it are tried in declaration order (spec §4.1.3, §4.2.2). A {@code Text} or
 * {@code Binary} decoder is asked {@code willDecode} first and used only if it answers
 * {@code true}, else the next one is tried; a stream decoder has no {@code willDecode} and is
 * used when reached. When no user decoder takes a text message and {@code T} is a primitive or
 * box, the container parses it itself ({@code Integer.valueOf} and the like; a {@code char}
 * needs exactly one character). Native types ({@code String}, {@code Reader},
 * {@code ByteBuffer}, {@code byte[]}, {@code InputStream}, {@code PongMessage}) are not this
 * class's business: the session hands those over without decoding.
 *
 * <p>Each binary decoder gets its own {@code duplicate()} of the message, for
 * {@code willDecode} and again for {@code decode}, so one decoder's reads never move the
 * position another sees; the caller's buffer is never moved either. A
 * {@code BinaryStream} decoder reads a {@code ByteArrayInputStream} of a copy of the bytes, a
 * {@code TextStream} decoder a {@code StringReader}.
 *
 * <p>Failures are all {@link DecodeException}s: a {@code DecodeException} from a decoder is
 * passed on as it is; an {@code IOException} (stream decoders) or a {@code RuntimeException}
 * (from {@code willDecode} or {@code decode}) is wrapped as the cause of one that names the
 * decoder and the message, so the session reports every decoding failure the same way (to
 * {@code onError}, spec §5.2.2).
 *
 * <p>Threading: the table of decoders is fixed at creation and only read afterwards. Calls into
 * one user decoder are serialized by that instance's lock ({@code willDecode} and
 * {@code decode} under one hold), though the session already calls from its serial executor
 * only. Created by {@link CodecPlan#open} (usually through {@link Codecs#open}); the session
 * calls {@link #close} (or {@link Codecs#close}) when it closes.
 */
public final class Decoders {
    /** What a decoding action returns when the decoder's {@code willDecode} said no. */
    private static final Object DECLINED = new Object();

    private final List<BoundRole> roles;
    private final List<CodecInstance> instances;
    private volatile boolean closed;

    Decoders(List<BoundRole> roles) {
        this.roles = List.copyOf(roles);
        this.instances = BoundRole.instancesOf(this.roles);
    }

    /**
     * Whether a whole text message can be decoded to {@code target}: a user text decoder
     * produces it (or a subtype), or it is a primitive or box. Use it when a handler or
     * {@code @OnMessage} method for {@code target} is registered; it does not look at any
     * message, so a decoder may still decline one ({@link #decodeText} then throws).
     */
    public boolean canDecodeText(Class<?> target) {
        return hasDecoder(target, true) || PrimitiveText.isPrimitiveOrBox(target);
    }

    /**
     * Whether a whole binary message can be decoded to {@code target}: a user binary decoder
     * produces it or a subtype of it. There are no built-in binary decoders.
     */
    public boolean canDecodeBinary(Class<?> target) {
        return hasDecoder(target, false);
    }

    /**
     * Decodes a whole text message to {@code target} with the first user decoder that takes it,
     * else with the built-in primitive conversion.
     *
     * @return the decoded object: what the chosen decoder returned (an instance of
     *         {@code target}, or {@code null} if the decoder returned that), or the box of a
     *         primitive
     * @throws DecodeException       if no decoder takes the message (its text is quoted, cut to
     *                               40 characters, with the target type), if a primitive does not
     *                               parse, or if the chosen decoder fails (see the class comment)
     * @throws IllegalStateException if these decoders have been closed
     */
    public Object decodeText(Class<?> target, String message) throws DecodeException {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(message, "message");
        checkOpen();
        boolean declined = false;
        for (BoundRole bound : roles) {
            CodecRole role = bound.role();
            if (!role.form().text() || !produces(role, target)) {
                continue;
            }
            Object result = bound.instance().call(codec -> {
                if (role.form() == CodecForm.TEXT_STREAM) {
                    return ((Decoder.TextStream<?>) codec).decode(new StringReader(message));
                }
                Decoder.Text<?> decoder = (Decoder.Text<?>) codec;
                return decoder.willDecode(message) ? decoder.decode(message) : DECLINED;
            }, failure -> wrap(role, message, failure));
            if (result != DECLINED) {
                return result;
            }
            declined = true;
        }
        if (PrimitiveText.isPrimitiveOrBox(target)) {
            try {
                return PrimitiveText.parse(target, message);
            } catch (IllegalArgumentException e) {
                throw new DecodeException(message, "Cannot decode " + Describe.text(message) + " to "
                        + Describe.type(target) + ": " + e.getMessage(), e);
            }
        }
        throw new DecodeException(message, (declined ? "No decoder for " + Describe.type(target) + " will decode "
                : "No text decoder for " + Describe.type(target) + " to decode ") + Describe.text(message));
    }

    /**
     * Decodes a whole binary message to {@code target} with the first user decoder that takes
     * it. {@code message}'s position and limit are left as they were.
     *
     * @return the decoded object: what the chosen decoder returned (an instance of
     *         {@code target}, or {@code null} if the decoder returned that), or the box of a
     *         primitive
     * @throws DecodeException       if no decoder takes the message (its size and the target
     *                               type are named), or if the chosen decoder fails (see the
     *                               class comment)
     * @throws IllegalStateException if these decoders have been closed
     */
    public Object decodeBinary(Class<?> target, ByteBuffer message) throws DecodeException {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(message, "message");
        checkOpen();
        boolean declined = false;
        for (BoundRole bound : roles) {
            CodecRole role = bound.role();
            if (role.form().text() || !produces(role, target)) {
                continue;
            }
            Object result = bound.instance().call(codec -> {
                if (role.form() == CodecForm.BINARY_STREAM) {
                    return ((Decoder.BinaryStream<?>) codec).decode(new ByteArrayInputStream(bytesOf(message)));
                }
                Decoder.Binary<?> decoder = (Decoder.Binary<?>) codec;
                return decoder.willDecode(message.duplicate()) ? decoder.decode(message.duplicate()) : DECLINED;
            }, failure -> wrap(role, message, failure));
            if (result != DECLINED) {
                return result;
            }
            declined = true;
        }
        throw new DecodeException(message.duplicate(), (declined ? "No decoder for " + Describe.type(target)
                + " will decode " : "No binary decoder for " + Describe.type(target) + " to decode ")
                + Describe.binary(message));
    }

    /**
     * Calls {@code destroy()} once on every decoder instance, in declaration order, waiting for
     * a decoding in progress on that instance to finish. Idempotent; exceptions from
     * {@code destroy()} are logged, not thrown.
     */
    public void close() {
        closed = true;
        instances.forEach(CodecInstance::destroy);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the session's decoders are closed");
        }
    }

    private boolean hasDecoder(Class<?> target, boolean text) {
        for (BoundRole bound : roles) {
            if (bound.role().form().text() == text && produces(bound.role(), target)) {
                return true;
            }
        }
        return false;
    }

    /** Whether what the decoder produces can be given where {@code target} is wanted. */
    static boolean produces(CodecRole role, Class<?> target) {
        return PrimitiveText.boxed(target).isAssignableFrom(role.messageType());
    }

    private static byte[] bytesOf(ByteBuffer message) {
        byte[] bytes = new byte[message.remaining()];
        message.duplicate().get(bytes);
        return bytes;
    }

    private static DecodeException wrap(CodecRole role, String message, Exception failure) {
        if (failure instanceof DecodeException e) {
            return e;
        }
        return new DecodeException(message, "Decoder " + role.codecClass().getName() + " failed on "
                + Describe.text(message) + ": " + failure, failure);
    }

    private static DecodeException wrap(CodecRole role, ByteBuffer message, Exception failure) {
        if (failure instanceof DecodeException e) {
            return e;
        }
        return new DecodeException(message.duplicate(), "Decoder " + role.codecClass().getName() + " failed on "
                + Describe.binary(message) + ": " + failure, failure);
    }
}
