package dev.tether.engine;

import dev.tether.protocol.CloseException;
import dev.tether.protocol.Masking;
import dev.tether.protocol.OpCode;
import dev.tether.protocol.Utf8Validator;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Joins the frames of one incoming data message into a whole message: enforces the size
 * limits as frames announce their lengths (so an oversized message is refused before its
 * bytes arrive), validates text as UTF-8 chunk by chunk (so invalid text fails at the first
 * bad byte, not at the end of the message), and keeps no large buffer between messages.
 *
 * <p>In partial mode (chosen per message) each frame becomes a part of its own: the limit then
 * applies to each frame, and a text part ends at the last whole character, the bytes of a
 * character split between frames going with the next part.
 *
 * <p>A payload chunk is unmasked, validated (if text) and copied into the message in one pass
 * over its bytes ({@link Utf8Validator#unmaskValidateInto}, {@link Masking#copy}), so the
 * parser hands its chunks over still masked.
 *
 * <p>Not thread-safe: it lives on its connection's read path.
 */
final class MessageAssembler {
    private static final int FIRST_CHUNK = 64 * 1024;
    private static final byte[] EMPTY = new byte[0];

    private final Utf8Validator utf8 = new Utf8Validator();
    private volatile long maxTextSize;
    private volatile long maxBinarySize;

    private int messageType = -1;
    private boolean partial;
    /** Whether the message arrives compressed, so its bytes come here inflated. */
    private boolean compressed;
    private byte[] buffer;
    private int size;
    /** The message's size if the current frame is its last: the most worth allocating now. */
    private int expectedSize;
    /** Whether the current frame continues a message, whose final size no header tells. */
    private boolean continuing;

    MessageAssembler(long maxTextSize, long maxBinarySize) {
        this.maxTextSize = maxTextSize;
        this.maxBinarySize = maxBinarySize;
    }

    void setMaxTextSize(long max) {
        maxTextSize = max;
    }

    void setMaxBinarySize(long max) {
        maxBinarySize = max;
    }

    long maxTextSize() {
        return maxTextSize;
    }

    long maxBinarySize() {
        return maxBinarySize;
    }

    /**
     * A data frame of {@code length} bytes begins; the first frame of a message names its type.
     * The limit is checked against the announced length, but memory is only taken as bytes
     * arrive, so a header alone costs nothing.
     */
    void frameStart(int opcode, long length, boolean partialIfFirst, boolean compressedIfFirst) {
        if (opcode != OpCode.CONTINUATION) {
            messageType = opcode;
            partial = partialIfFirst;
            compressed = compressedIfFirst;
            size = 0;
            utf8.reset();
        }
        if (compressed) {
            // The frame's length says little about the message's: the limit is checked as it inflates.
            if (buffer == null) {
                buffer = EMPTY;
            }
            return;
        }
        checkMessageSize(length);
        continuing = opcode == OpCode.CONTINUATION;
        expectedSize = size + (int) length;
        if (buffer == null && length == 0) {
            buffer = EMPTY;
        }
    }

    /**
     * The next bytes of the message, plain: inflated bytes of a compressed message. Consumes the
     * chunk (its position moves to its limit).
     */
    void payload(ByteBuffer chunk) {
        payload(chunk, 0, 0);
    }

    /**
     * The next bytes of the message, as the parser passes them: masked with {@code maskKey}
     * from key byte {@code keyOffset} (a zero key for plain bytes). They are unmasked, validated
     * if text, and copied in one pass. Consumes the chunk (its position moves to its limit).
     *
     * @throws CloseException 1007 at the first byte of invalid text; 1009 if a compressed
     *         message inflates past its limit
     */
    void payload(ByteBuffer chunk, int maskKey, int keyOffset) {
        int n = chunk.remaining();
        if (n == 0) {
            return;
        }
        if (compressed) {
            checkMessageSize(n);
        }
        ensureCapacity(size + n);
        if (messageType == OpCode.TEXT) {
            utf8.unmaskValidateInto(chunk, maskKey, keyOffset, buffer, size);
        } else {
            Masking.copy(chunk, maskKey, keyOffset, buffer, size);
        }
        chunk.position(chunk.limit());
        size += n;
    }

    /** Bytes of the current message so far. */
    int size() {
        return size;
    }

    boolean isCompressed() {
        return compressed;
    }

    boolean isPartial() {
        return partial;
    }

    /**
     * A frame of a partial text message is complete: the text of its whole characters. A
     * character cut by the frame's end is kept for the next part.
     */
    String finishTextPart(boolean last) {
        if (last) {
            return finishText();
        }
        int whole = wholeCharacters();
        String text = new String(buffer, 0, whole, StandardCharsets.UTF_8);
        int tail = size - whole;
        if (tail == 0) {
            buffer = null;
        } else {
            byte[] carried = new byte[tail];
            System.arraycopy(buffer, whole, carried, 0, tail);
            buffer = carried;
        }
        size = tail;
        return text;
    }

    /** A frame of a partial binary message is complete: its bytes, now the caller's. */
    ByteBuffer finishBinaryPart(boolean last) {
        ByteBuffer part = finishBinary();
        if (!last) {
            messageType = OpCode.BINARY;
        }
        return part;
    }

    /** Length of the buffered bytes up to the start of a character not yet complete. */
    private int wholeCharacters() {
        for (int i = size - 1; i >= 0 && i >= size - 4; i--) {
            int b = buffer[i] & 0xFF;
            if ((b & 0xC0) != 0x80) {
                int length = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
                return size - i >= length ? size : i;
            }
        }
        return size;
    }

    boolean isText() {
        return messageType == OpCode.TEXT;
    }

    /** The message is complete: its text, validated to the end. */
    String finishText() {
        utf8.finish();
        String text = new String(buffer, 0, size, StandardCharsets.UTF_8);
        reset();
        return text;
    }

    /** The message is complete: its bytes, in a buffer that now belongs to the caller. */
    ByteBuffer finishBinary() {
        ByteBuffer message = ByteBuffer.wrap(buffer, 0, size).slice();
        reset();
        return message;
    }

    private void reset() {
        buffer = null;
        size = 0;
        messageType = -1;
    }

    private void checkMessageSize(long frameLength) {
        long max = messageType == OpCode.TEXT ? maxTextSize : maxBinarySize;
        long total = size + frameLength;
        if (total > max || total > Integer.MAX_VALUE - 8) {
            throw CloseException.tooBig((messageType == OpCode.TEXT ? "text" : "binary")
                    + " message of at least " + total + " bytes exceeds the limit of " + max);
        }
    }

    /**
     * Grows the buffer to hold {@code needed} bytes: fourfold from {@link #FIRST_CHUNK}, within
     * what the first frame announced (and the limit), so a message of one small frame gets an
     * exact buffer and a large one is not paid for before a quarter of it has arrived, while the
     * copies growing costs stay at a third of the message (doubling would copy it once more in
     * all: 1 MiB in 64 KiB reads went 64, 128, 256, 512 KiB, 1 MiB). Once a message continues,
     * its size is unknown and the buffer doubles up to the limit: growing it by each frame's
     * length would copy the message again for every frame, quadratic in 64-byte fragments
     * (Autobahn 9.3, 9.4).
     */
    private void ensureCapacity(int needed) {
        int capacity = buffer == null ? 0 : buffer.length;
        if (capacity >= needed) {
            return;
        }
        long grown;
        long limit = Math.min(messageType == OpCode.TEXT ? maxTextSize : maxBinarySize, Integer.MAX_VALUE - 8);
        if (compressed) {
            // Inflated sizes are unknown ahead: start exact, then double up to the limit.
            grown = Math.max(needed, Math.min(capacity * 2L, limit));
        } else if (continuing) {
            grown = Math.max(needed, Math.min(Math.max(capacity * 2L, FIRST_CHUNK), limit));
        } else {
            grown = Math.max(needed, Math.min(Math.max(capacity * 4L, FIRST_CHUNK), expectedSize));
        }
        byte[] larger = new byte[(int) grown];
        if (size > 0) {
            System.arraycopy(buffer, 0, larger, 0, size);
        }
        buffer = larger;
    }
}
