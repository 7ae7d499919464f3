package dev.tether.protocol;

import java.nio.ByteBuffer;

/**
 * Receives what a {@link FrameParser} finds, on the thread that calls
 * {@link FrameParser#parse(ByteBuffer)}, in wire order.
 *
 * <p>Data frames stream: a start, zero or more payload chunks, an end. Control frames
 * (at most 125 bytes) arrive whole, possibly between the frames of a fragmented message.
 *
 * <p>Buffer ownership: every {@link ByteBuffer} handed to a listener is a view of the
 * parser's input or of its own small scratch space. It is valid only for the duration of the
 * call; a listener that needs the bytes later copies them. A listener may move the view's
 * position; the parser does not rely on it.
 *
 * <p>Masking: control payloads arrive unmasked, but data payload chunks arrive as they were on
 * the wire, still masked, with the key and the key offset that unmask them. A data payload is
 * copied somewhere anyway (into a message, or through an inflater), so the listener unmasks it
 * in that same pass: {@link Utf8Validator#unmaskValidateInto} for text, {@link Masking#copy}
 * for binary, or {@link Masking#mask(ByteBuffer, int, int)} in place (the parser's input is
 * writable) where it must have the plain bytes in the buffer itself.
 *
 * <p>A listener may throw {@link CloseException} (for example when a message grows past a
 * limit, or text is not valid UTF-8); the parser then becomes corrupt and rethrows it.
 */
public interface FrameListener {

    /**
     * A data frame begins.
     *
     * @param opcode        {@link OpCode#TEXT}, {@link OpCode#BINARY} or {@link OpCode#CONTINUATION}
     * @param fin           whether this is the last frame of its message
     * @param rsv           the three reserved bits as {@code 0b0RRR0000} shifted down: RSV1 = 4, RSV2 = 2, RSV3 = 1;
     *                      only bits that an extension owns can be set here
     * @param payloadLength the frame's payload length in bytes
     */
    void onDataFrameStart(int opcode, boolean fin, int rsv, long payloadLength);

    /**
     * The next bytes of the current data frame's payload (never empty), still masked: byte
     * {@code i} of the chunk (counting from its position) is XORed with key byte
     * {@code (keyOffset + i) % 4}, as {@link Masking} counts them. The offsets of successive
     * chunks chain, so unmasking each chunk with its own offset unmasks the frame.
     *
     * @param chunk     the bytes from its position to its limit
     * @param maskKey   the frame's masking key as a big-endian int; 0 for an unmasked frame
     *                  (from a server), whose bytes are plain
     * @param keyOffset 0-3: the key byte that applies to the chunk's first byte
     */
    void onDataPayload(ByteBuffer chunk, int maskKey, int keyOffset);

    /** The current data frame's payload is complete. */
    void onDataFrameEnd(boolean fin);

    /**
     * A whole control frame.
     *
     * @param opcode  {@link OpCode#CLOSE}, {@link OpCode#PING} or {@link OpCode#PONG}
     * @param payload the unmasked payload, 0 to 125 bytes
     */
    void onControlFrame(int opcode, ByteBuffer payload);
}
