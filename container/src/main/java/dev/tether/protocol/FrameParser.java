package dev.tether.protocol;

import java.nio.ByteBuffer;

/**
 * An incremental push parser for RFC 6455 §5 frames.
 *
 * <p>Bytes arrive in any split, down to one byte at a time; {@link #parse(ByteBuffer)} consumes
 * everything it is given and reports frames to a {@link FrameListener}. Data payloads are
 * streamed as they arrive (so a large frame is never buffered here, and a listener can reject
 * bad text before the frame ends); control frames, being at most 125 bytes, are delivered
 * whole.
 *
 * <p>Every framing rule of RFC 6455 §5 is one named check that throws a {@link CloseException}
 * with close code 1002 and a message naming the rule. After any failure the parser is
 * corrupt: it rejects further input, since the byte stream has lost its frame boundaries.
 *
 * <p>Data payloads are passed on still masked, with their key and key offset, so that the
 * listener can unmask them in the pass that copies them anyway (see {@link FrameListener});
 * the parser never writes them. Control payloads are unmasked here, in place in the input
 * buffer (or in a scratch buffer when they arrive split), so the input must be writable.
 * Not thread-safe: one parser belongs to one connection's read path.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-------+-+-------------+-------------------------------+
 *  |F|R|R|R| opcode|M| Payload len |    Extended payload length    |
 *  |I|S|S|S|  (4)  |A|     (7)     |             (16/64)           |
 *  |N|V|V|V|       |S|             |   (if payload len==126/127)   |
 *  | |1|2|3|       |K|             |                               |
 *  +-+-+-+-+-------+-+-------------+ - - - - - - - - - - - - - - - +
 *  |     Extended payload length continued, if payload len == 127  |
 *  + - - - - - - - - - - - - - - - +-------------------------------+
 *  |                               |Masking-key, if MASK set to 1  |
 *  +-------------------------------+-------------------------------+
 * </pre>
 */
public final class FrameParser {

    /** Which side of the connection this parser reads for; it decides the masking rule. */
    public enum Role {
        /** Reads frames sent by a client: every frame must be masked. */
        SERVER,
        /** Reads frames sent by a server: no frame may be masked. */
        CLIENT
    }

    private enum State { FIRST_BYTE, SECOND_BYTE, EXTENDED_LENGTH, MASK_KEY, PAYLOAD, CORRUPT }

    static final int FIN = 0x80;
    static final int RSV_BITS = 0x70;
    static final int OPCODE_BITS = 0x0F;
    static final int MASK = 0x80;
    static final int LENGTH_BITS = 0x7F;
    static final int LENGTH_16 = 126;
    static final int LENGTH_64 = 127;
    static final int MAX_CONTROL_PAYLOAD = 125;

    private final Role role;
    private final FrameListener listener;
    private int extensionRsv;

    private State state = State.FIRST_BYTE;
    private boolean fin;
    private int rsv;
    private int opcode;
    private boolean masked;
    private int maskKey;
    private int maskOffset;
    private long payloadLength;
    private long payloadRemaining;
    /** Bytes still to read for the extended length or the mask key, and what has been read. */
    private int pendingBytes;
    private int accumulatedWidth;
    private long accumulator;
    /** Whether a fragmented data message has started and not yet ended. */
    private boolean messageInProgress;
    /** Holds a control frame's payload when it arrives split across reads. */
    private ByteBuffer controlPayload;

    /**
     * @param role         which side this parser reads for
     * @param extensionRsv the reserved bits (RSV1 = 4, RSV2 = 2, RSV3 = 1) that negotiated
     *                     extensions may set on the first frame of a data message
     * @param listener     receives the frames
     */
    public FrameParser(Role role, int extensionRsv, FrameListener listener) {
        this.role = role;
        this.extensionRsv = extensionRsv;
        this.listener = listener;
    }

    /** Changes the reserved bits that extensions own; for use between handshake and first frame. */
    public void setExtensionRsv(int extensionRsv) {
        this.extensionRsv = extensionRsv;
    }

    /** Whether a violation has been found; a corrupt parser accepts no more input. */
    public boolean isCorrupt() {
        return state == State.CORRUPT;
    }

    /**
     * Consumes all of {@code in}, from its position to its limit, reporting frames to the
     * listener. On return {@code in} has no remaining bytes.
     *
     * @throws CloseException        on a violation of RFC 6455 framing, or whatever the listener throws
     * @throws IllegalStateException if the parser is already corrupt
     */
    public void parse(ByteBuffer in) {
        if (state == State.CORRUPT) {
            throw new IllegalStateException("the frame stream is corrupt; no more input is accepted");
        }
        try {
            while (in.hasRemaining() || readyToEndEmptyFrame()) {
                switch (state) {
                    case FIRST_BYTE -> readFirstByte(in.get());
                    case SECOND_BYTE -> readSecondByte(in.get());
                    case EXTENDED_LENGTH -> readExtendedLength(in);
                    case MASK_KEY -> readMaskKey(in);
                    case PAYLOAD -> readPayload(in);
                    default -> throw new IllegalStateException(state.name());
                }
            }
        } catch (RuntimeException e) {
            state = State.CORRUPT;
            in.position(in.limit());
            throw e;
        }
    }

    /** A frame with an empty payload ends as soon as its header is read, with or without more input. */
    private boolean readyToEndEmptyFrame() {
        return state == State.PAYLOAD && payloadRemaining == 0;
    }

    private void readFirstByte(int b) {
        fin = (b & FIN) != 0;
        rsv = (b & RSV_BITS) >>> 4;
        opcode = b & OPCODE_BITS;
        checkOpcodeDefined();
        if (OpCode.isControl(opcode)) {
            checkControlNotFragmented();
            checkNoReservedBits(0);
        } else {
            checkFragmentSequence();
            checkNoReservedBits(opcode == OpCode.CONTINUATION ? 0 : extensionRsv);
        }
        state = State.SECOND_BYTE;
    }

    private void readSecondByte(int b) {
        masked = (b & MASK) != 0;
        checkMasking();
        int length = b & LENGTH_BITS;
        if (length == LENGTH_16 || length == LENGTH_64) {
            pendingBytes = length == LENGTH_16 ? 2 : 8;
            accumulator = 0;
            state = State.EXTENDED_LENGTH;
        } else {
            payloadLength = length;
            afterLength();
        }
    }

    private void readExtendedLength(ByteBuffer in) {
        if (!accumulate(in)) {
            return;
        }
        long length = accumulator;
        if (accumulatedWidth == 2) {
            checkMinimalLength(length, LENGTH_16);
        } else {
            checkLength64TopBit(length);
            checkMinimalLength(length, 0xFFFF + 1);
        }
        payloadLength = length;
        afterLength();
    }

    /** Reads big-endian bytes into the accumulator; true once {@code pendingBytes} are read. */
    private boolean accumulate(ByteBuffer in) {
        if (accumulatedWidth == 0) {
            accumulatedWidth = pendingBytes;
        }
        while (pendingBytes > 0 && in.hasRemaining()) {
            accumulator = (accumulator << 8) | (in.get() & 0xFF);
            pendingBytes--;
        }
        return pendingBytes == 0;
    }

    private void afterLength() {
        accumulatedWidth = 0;
        if (OpCode.isControl(opcode)) {
            checkControlLength();
        }
        if (masked) {
            pendingBytes = 4;
            accumulator = 0;
            state = State.MASK_KEY;
        } else {
            maskKey = 0;
            startPayload();
        }
    }

    private void readMaskKey(ByteBuffer in) {
        if (!accumulate(in)) {
            return;
        }
        accumulatedWidth = 0;
        maskKey = (int) accumulator;
        startPayload();
    }

    private void startPayload() {
        maskOffset = 0;
        payloadRemaining = payloadLength;
        state = State.PAYLOAD;
        if (!OpCode.isControl(opcode)) {
            if (opcode != OpCode.CONTINUATION) {
                messageInProgress = !fin;
            } else if (fin) {
                messageInProgress = false;
            }
            listener.onDataFrameStart(opcode, fin, rsv, payloadLength);
        }
    }

    private void readPayload(ByteBuffer in) {
        if (OpCode.isControl(opcode)) {
            readControlPayload(in);
            return;
        }
        int n = (int) Math.min(payloadRemaining, in.remaining());
        if (n > 0) {
            deliverSlice(in, n);
            payloadRemaining -= n;
        }
        if (payloadRemaining == 0) {
            state = State.FIRST_BYTE;
            listener.onDataFrameEnd(fin);
        }
    }

    /** Shows the next {@code n} bytes, still masked, to the listener without copying. */
    private void deliverSlice(ByteBuffer in, int n) {
        int start = in.position();
        int end = start + n;
        int keyOffset = maskOffset;
        maskOffset = (keyOffset + n) & 3;
        int limit = in.limit();
        in.limit(end);
        try {
            listener.onDataPayload(in, maskKey, keyOffset);
        } finally {
            in.limit(limit).position(end);
        }
    }

    private void readControlPayload(ByteBuffer in) {
        int length = (int) payloadLength;
        if (controlPayload == null && in.remaining() >= length) {
            // The whole payload is here: show it in place.
            int start = in.position();
            int end = start + length;
            Masking.mask(in, start, end, maskKey, 0);
            int limit = in.limit();
            in.limit(end);
            state = State.FIRST_BYTE;
            try {
                listener.onControlFrame(opcode, in);
            } finally {
                in.limit(limit).position(end);
            }
            return;
        }
        if (controlPayload == null) {
            controlPayload = ByteBuffer.allocate(MAX_CONTROL_PAYLOAD);
        }
        int n = (int) Math.min(payloadRemaining, in.remaining());
        int start = controlPayload.position();
        controlPayload.put(controlPayload.position(), in, in.position(), n);
        controlPayload.position(start + n);
        in.position(in.position() + n);
        payloadRemaining -= n;
        if (payloadRemaining == 0) {
            controlPayload.flip();
            Masking.mask(controlPayload, maskKey, 0);
            state = State.FIRST_BYTE;
            ByteBuffer payload = controlPayload;
            controlPayload = null;
            listener.onControlFrame(opcode, payload);
        }
    }

    // One check per rule of RFC 6455 §5; each message names its rule.

    private void checkOpcodeDefined() {
        if (!OpCode.isDefined(opcode)) {
            throw CloseException.protocolError("reserved opcode 0x" + Integer.toHexString(opcode));
        }
    }

    private void checkControlNotFragmented() {
        if (!fin) {
            throw CloseException.protocolError("fragmented control frame");
        }
    }

    private void checkNoReservedBits(int allowed) {
        if ((rsv & ~allowed) != 0) {
            throw CloseException.protocolError("reserved bits set without an extension that owns them");
        }
    }

    private void checkFragmentSequence() {
        if (opcode == OpCode.CONTINUATION && !messageInProgress) {
            throw CloseException.protocolError("continuation frame without a message in progress");
        }
        if (opcode != OpCode.CONTINUATION && messageInProgress) {
            throw CloseException.protocolError("new data frame inside a fragmented message");
        }
    }

    private void checkMasking() {
        if (role == Role.SERVER && !masked) {
            throw CloseException.protocolError("unmasked client frame");
        }
        if (role == Role.CLIENT && masked) {
            throw CloseException.protocolError("masked server frame");
        }
    }

    private void checkControlLength() {
        if (payloadLength > MAX_CONTROL_PAYLOAD) {
            throw CloseException.protocolError("control frame too long");
        }
    }

    private static void checkLength64TopBit(long length) {
        if (length < 0) {
            throw CloseException.protocolError("64-bit payload length with the most significant bit set");
        }
    }

    private static void checkMinimalLength(long length, long minimum) {
        if (length < minimum) {
            throw CloseException.protocolError("payload length not in its minimal form");
        }
    }
}
