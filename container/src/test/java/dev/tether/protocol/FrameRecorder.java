package dev.tether.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * A {@link FrameListener} that writes down what it is told, as short strings, so that tests can
 * compare a parse against a list and against another parse of the same bytes split differently.
 *
 * <pre>
 *   "start TEXT fin len=5"      a data frame begins (" rsv=4" when reserved bits are set)
 *   "end 48 65 6c 6c 6f"        it ends; the payload of all its chunks joined
 *   "PING 48 65 6c 6c 6f"       a whole control frame
 * </pre>
 *
 * Payloads over 64 bytes are written as {@code "<n> bytes crc <crc32>"}. Chunks are joined, so the
 * events do not depend on how the input was split. Chunks arrive masked and are unmasked here
 * with the key and offset the parser passes. A contract breach (an empty chunk, a key offset
 * that does not follow from the bytes before, a chunk or an end outside a frame) is recorded as an event starting with "BREACH", which no
 * expectation matches. Not thread-safe, like the parser it listens to.
 */
public final class FrameRecorder implements FrameListener {
    private final ArrayDeque<String> events = new ArrayDeque<>();
    private ByteArrayOutputStream payload;
    private int chunks;

    /** How a payload is written in an event. */
    public static String describe(byte[] payload) {
        if (payload.length <= 64) {
            return Hex.of(payload);
        }
        CRC32 crc = new CRC32();
        crc.update(payload);
        return payload.length + " bytes crc " + Long.toHexString(crc.getValue());
    }

    /** The event for the end of a data frame with this payload. */
    public static String end(byte[] payload) {
        return payload.length == 0 ? "end" : "end " + describe(payload);
    }

    @Override
    public void onDataFrameStart(int opcode, boolean fin, int rsv, long payloadLength) {
        if (payload != null) {
            events.add("BREACH start inside a frame");
        }
        payload = new ByteArrayOutputStream();
        chunks = 0;
        events.add("start " + OpCode.name(opcode) + (fin ? " fin" : "") + (rsv != 0 ? " rsv=" + rsv : "")
                + " len=" + payloadLength);
    }

    @Override
    public void onDataPayload(ByteBuffer chunk, int maskKey, int keyOffset) {
        if (payload == null) {
            events.add("BREACH payload outside a frame");
            return;
        }
        if (!chunk.hasRemaining()) {
            events.add("BREACH empty chunk");
        }
        if (keyOffset != (payload.size() & 3)) {
            events.add("BREACH key offset " + keyOffset + " after " + payload.size() + " bytes");
        }
        byte[] b = new byte[chunk.remaining()];
        Masking.copy(chunk, maskKey, keyOffset, b, 0);
        payload.writeBytes(b);
        chunks++;
    }

    @Override
    public void onDataFrameEnd(boolean fin) {
        if (payload == null) {
            events.add("BREACH end outside a frame");
            return;
        }
        events.add(end(payload.toByteArray()));
        payload = null;
    }

    @Override
    public void onControlFrame(int opcode, ByteBuffer data) {
        byte[] b = new byte[data.remaining()];
        data.get(b);
        events.add(b.length == 0 ? OpCode.name(opcode) : OpCode.name(opcode) + " " + describe(b));
    }

    /** The payload bytes of the frame now in progress, or null between frames. */
    public byte[] partialPayload() {
        return payload == null ? null : payload.toByteArray();
    }

    /** How many chunks the frame in progress (or the last one) arrived in. */
    public int chunks() {
        return chunks;
    }

    /** Takes every event recorded so far. */
    public List<String> drain() {
        List<String> all = new ArrayList<>(events);
        events.clear();
        return all;
    }

    /** Asserts that the next events are exactly {@code expected}, in order, and takes them. */
    public void expect(String... expected) {
        List<String> actual = new ArrayList<>();
        for (int i = 0; i < expected.length && !events.isEmpty(); i++) {
            actual.add(events.poll());
        }
        assertEquals(List.of(expected), actual);
    }

    /** Fails if anything is left unchecked. */
    public void assertNoMoreEvents() {
        if (!events.isEmpty()) {
            fail("unexpected events: " + events);
        }
    }
}
