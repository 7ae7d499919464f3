package dev.tether.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tether.protocol.FrameParser.Role;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FrameWriterTest {
    private static final int RFC_KEY = 0x37FA213D;

    private final FrameRecorder events = new FrameRecorder();

    @AfterEach
    void everyEventChecked() {
        events.assertNoMoreEvents();
    }

    @ParameterizedTest(name = "length {0}")
    @CsvSource({
        "0,     82 00",
        "125,   82 7d",
        "126,   82 7e 00 7e",
        "65535, 82 7e ff ff",
        "65536, 82 7f 00 00 00 00 00 01 00 00",
        "4294967297, 82 7f 00 00 00 01 00 00 00 01",
    })
    void headerUsesTheMinimalLengthForm(long length, String expected) {
        ByteBuffer header = FrameWriter.header(true, 0, OpCode.BINARY, length);
        assertEquals(expected, Hex.of(header));
        assertEquals(header.remaining(), FrameWriter.headerLength(length, false));
        assertEquals(header.remaining() + 4, FrameWriter.headerLength(length, true));
    }

    @ParameterizedTest(name = "length {0}")
    @CsvSource({
        "0,     82 80 a1 b2 c3 d4",
        "125,   82 fd a1 b2 c3 d4",
        "126,   82 fe 00 7e a1 b2 c3 d4",
        "65535, 82 fe ff ff a1 b2 c3 d4",
        "65536, 82 ff 00 00 00 00 00 01 00 00 a1 b2 c3 d4",
    })
    void maskedHeaderCarriesTheMaskBitAndKey(long length, String expected) {
        ByteBuffer dst = ByteBuffer.allocate(FrameWriter.MAX_HEADER_LENGTH);
        FrameWriter.writeHeader(dst, true, 0, OpCode.BINARY, length, true, 0xA1B2C3D4);
        assertEquals(expected, Hex.of(dst.flip()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "text fin,                    true,  0, 1,  81 00",
        "text first fragment,         false, 0, 1,  01 00",
        "binary with rsv1,            true,  4, 2,  c2 00",
        "continuation with all rsv,   false, 7, 0,  70 00",
        "continuation last with rsv3, true,  1, 0,  90 00",
        "close,                       true,  0, 8,  88 00",
        "ping,                        true,  0, 9,  89 00",
        "pong,                        true,  0, 10, 8a 00",
    })
    void firstByteHoldsFinRsvAndOpcode(String name, boolean fin, int rsv, int opcode, String expected) {
        assertEquals(expected, Hex.of(FrameWriter.header(fin, rsv, opcode, 0)));
    }

    @Test
    void rfcExamples() {
        ByteBuffer hello = ByteBuffer.wrap("Hello".getBytes(StandardCharsets.US_ASCII));
        assertEquals("81 05 48 65 6c 6c 6f", Hex.of(FrameWriter.frame(true, 0, OpCode.TEXT, hello)));
        assertEquals("81 85 37 fa 21 3d 7f 9f 4d 51 58",
                Hex.of(FrameWriter.maskedFrame(true, 0, OpCode.TEXT, hello, RFC_KEY)));
        assertEquals("89 05 48 65 6c 6c 6f", Hex.of(FrameWriter.frame(true, 0, OpCode.PING, hello)));
        // The caller's buffer is neither moved nor masked.
        assertEquals(0, hello.position());
        assertEquals("48 65 6c 6c 6f", Hex.of(hello));
    }

    @Test
    void framesCopyOnlyThePayloadsRemainingBytes() {
        ByteBuffer payload = Hex.buffer("00 11 22 33 44");
        payload.position(1).limit(4);
        assertEquals("82 03 11 22 33", Hex.of(FrameWriter.frame(true, 0, OpCode.BINARY, payload)));
        assertEquals("82 83 ff ff ff ff ee dd cc",
                Hex.of(FrameWriter.maskedFrame(true, 0, OpCode.BINARY, payload, 0xFFFFFFFF)));
        assertEquals(1, payload.position());
        assertEquals(4, payload.limit());
    }

    @ParameterizedTest(name = "length {0}")
    @ValueSource(ints = {0, 1, 3, 4, 5, 125, 126, 127, 1000, 65535, 65536, 70001})
    void maskedFramesRoundTripThroughAServerParser(int length) {
        byte[] payload = Hex.pattern(length);
        ByteBuffer frame = FrameWriter.maskedFrame(false, 4, OpCode.BINARY, ByteBuffer.wrap(payload), 0x0BADF00D);
        assertEquals(FrameWriter.headerLength(length, true) + length, frame.remaining());
        new FrameParser(Role.SERVER, 4, events).parse(frame);
        events.expect("start BINARY rsv=4 len=" + length, FrameRecorder.end(payload));

        ByteBuffer ping = FrameWriter.maskedFrame(true, 0, OpCode.PING,
                ByteBuffer.wrap(payload, 0, Math.min(length, 125)), 0x12345678);
        new FrameParser(Role.SERVER, 0, events).parse(ping);
        byte[] pingPayload = java.util.Arrays.copyOf(payload, Math.min(length, 125));
        events.expect(pingPayload.length == 0 ? "PING" : "PING " + FrameRecorder.describe(pingPayload));
    }

    @ParameterizedTest(name = "length {0}")
    @ValueSource(ints = {0, 125, 126, 65535, 65536})
    void unmaskedFramesRoundTripThroughAClientParser(int length) {
        byte[] payload = Hex.pattern(length);
        FrameParser parser = new FrameParser(Role.CLIENT, 0, events);
        parser.parse(FrameWriter.frame(true, 0, OpCode.TEXT, ByteBuffer.wrap(payload)));
        // A separately encoded header followed by the payload is the same frame.
        parser.parse(FrameWriter.header(true, 0, OpCode.BINARY, length));
        parser.parse(ByteBuffer.wrap(payload.clone()));
        events.expect("start TEXT fin len=" + length, FrameRecorder.end(payload),
                "start BINARY fin len=" + length, FrameRecorder.end(payload));
    }
}
