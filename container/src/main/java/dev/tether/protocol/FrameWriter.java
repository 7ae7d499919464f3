package dev.tether.protocol;

import java.nio.ByteBuffer;

/**
 * Encodes RFC 6455 §5.2 frame headers, and whole frames where a copy is needed anyway.
 *
 * <p>A server sends unmasked frames; its payload can go to the wire as the caller's buffer,
 * behind a separately encoded header, without a copy. A client masks every frame with a
 * fresh key, which needs a copy of the payload (the caller's buffer is not ours to change);
 * {@link #maskedFrame} makes header and masked payload in one buffer.
 *
 * <p>Stateless and thread-safe.
 */
public final class FrameWriter {
    /** The largest header: 2 bytes, an 8-byte length and a 4-byte mask key. */
    public static final int MAX_HEADER_LENGTH = 14;

    private FrameWriter() {
    }

    /** The header length for a payload of {@code payloadLength} bytes. */
    public static int headerLength(long payloadLength, boolean masked) {
        int length = payloadLength <= 125 ? 2 : payloadLength <= 0xFFFF ? 4 : 10;
        return masked ? length + 4 : length;
    }

    /**
     * Writes a frame header at {@code dst}'s position, advancing it.
     *
     * @param rsv     reserved bits, RSV1 = 4, RSV2 = 2, RSV3 = 1
     * @param masked  whether a mask key follows (client frames)
     * @param maskKey the key, big-endian; ignored when not masked
     */
    public static void writeHeader(ByteBuffer dst, boolean fin, int rsv, int opcode,
                                   long payloadLength, boolean masked, int maskKey) {
        dst.put((byte) ((fin ? 0x80 : 0) | (rsv << 4) | opcode));
        int maskBit = masked ? 0x80 : 0;
        if (payloadLength <= 125) {
            dst.put((byte) (maskBit | (int) payloadLength));
        } else if (payloadLength <= 0xFFFF) {
            dst.put((byte) (maskBit | 126));
            dst.putShort((short) payloadLength);
        } else {
            dst.put((byte) (maskBit | 127));
            dst.putLong(payloadLength);
        }
        if (masked) {
            dst.putInt(maskKey);
        }
    }

    /** A new buffer holding just the header, ready to read. */
    public static ByteBuffer header(boolean fin, int rsv, int opcode, long payloadLength) {
        ByteBuffer header = ByteBuffer.allocate(headerLength(payloadLength, false));
        writeHeader(header, fin, rsv, opcode, payloadLength, false, 0);
        return header.flip();
    }

    /**
     * A new buffer holding an unmasked frame: header and a copy of {@code payload}'s remaining
     * bytes. Worth it for small payloads, where one write beats a gathered one.
     * {@code payload}'s position is not changed.
     */
    public static ByteBuffer frame(boolean fin, int rsv, int opcode, ByteBuffer payload) {
        int length = payload.remaining();
        ByteBuffer frame = ByteBuffer.allocate(headerLength(length, false) + length);
        writeHeader(frame, fin, rsv, opcode, length, false, 0);
        frame.put(payload.duplicate());
        return frame.flip();
    }

    /**
     * A new buffer holding a masked frame: header, key and a masked copy of {@code payload}'s
     * remaining bytes. {@code payload} is not changed.
     */
    public static ByteBuffer maskedFrame(boolean fin, int rsv, int opcode, ByteBuffer payload, int maskKey) {
        int length = payload.remaining();
        ByteBuffer frame = ByteBuffer.allocate(headerLength(length, true) + length);
        writeHeader(frame, fin, rsv, opcode, length, true, maskKey);
        int start = frame.position();
        frame.put(payload.duplicate());
        Masking.mask(frame, start, frame.position(), maskKey, 0);
        return frame.flip();
    }
}
