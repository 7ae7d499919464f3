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
 * parser's input (already unmasked) or of its own small scratch space. It is valid only for
 * the duration of the call; a listener that needs the bytes later copies them. A listener
 * may move the view's position; the parser does not rely on it.
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

    /** The next bytes of the current data frame's payload (never empty). */
    void onDataPayload(ByteBuffer chunk);

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
