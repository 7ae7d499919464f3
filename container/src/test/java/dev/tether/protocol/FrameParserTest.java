package dev.tether.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.protocol.FrameParser.Role;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class FrameParserTest {
    /** The masking key of the RFC 6455 §5.7 examples. */
    private static final String RFC_KEY = "37 fa 21 3d";
    private static final String HELLO = "48 65 6c 6c 6f";

    private final FrameRecorder events = new FrameRecorder();

    @AfterEach
    void everyEventChecked() {
        events.assertNoMoreEvents();
    }

    private FrameParser parser(Role role) {
        return new FrameParser(role, 0, events);
    }

    /** Parses a fixture in one call and checks that every byte was consumed. */
    private static void parse(FrameParser parser, String hex) {
        ByteBuffer in = Hex.buffer(hex);
        parser.parse(in);
        assertFalse(in.hasRemaining(), "parse must consume its whole input");
    }

    // ---- lengths ----

    @ParameterizedTest(name = "length {0}")
    @CsvSource({
        "0,     82 00,                         82 80",
        "125,   82 7d,                         82 fd",
        "126,   82 7e 00 7e,                   82 fe 00 7e",
        "127,   82 7e 00 7f,                   82 fe 00 7f",
        "65535, 82 7e ff ff,                   82 fe ff ff",
        "65536, 82 7f 00 00 00 00 00 01 00 00, 82 ff 00 00 00 00 00 01 00 00",
    })
    void readsEveryLengthForm(int length, String unmaskedHeader, String maskedHeader) {
        byte[] payload = Hex.pattern(length);

        parse(parser(Role.CLIENT), unmaskedHeader + " " + Hex.of(payload));
        events.expect("start BINARY fin len=" + length, FrameRecorder.end(payload));

        parse(parser(Role.SERVER), Hex.masked(maskedHeader, "a1 b2 c3 d4", payload));
        events.expect("start BINARY fin len=" + length, FrameRecorder.end(payload));
    }

    @Test
    void announcesA64BitLengthWithoutWaitingForThePayload() {
        FrameParser client = parser(Role.CLIENT);
        parse(client, "82 7f 00 00 00 01 00 00 00 01 01 02 03");
        events.expect("start BINARY fin len=4294967297");
        assertArrayEquals(Hex.bytes("01 02 03"), events.partialPayload());

        FrameRecorder more = new FrameRecorder();
        FrameParser server = new FrameParser(Role.SERVER, 0, more);
        server.parse(Hex.buffer(Hex.masked("82 ff 7f ff ff ff ff ff ff ff", RFC_KEY, Hex.bytes("01 02 03"))));
        more.expect("start BINARY fin len=" + Long.MAX_VALUE);
        assertArrayEquals(Hex.bytes("01 02 03"), more.partialPayload());
        more.assertNoMoreEvents();
    }

    @Test
    void streamsDataPayloadAsItArrives() {
        FrameParser parser = parser(Role.SERVER);
        byte[] payload = Hex.pattern(200);
        byte[] frame = Hex.bytes(Hex.masked("82 fe 00 c8", RFC_KEY, payload));
        parser.parse(ByteBuffer.wrap(frame, 0, 4 + 4 + 99));
        events.expect("start BINARY fin len=200");
        assertArrayEquals(Hex.pattern(99), events.partialPayload());
        parser.parse(ByteBuffer.wrap(frame, 107, frame.length - 107));
        events.expect(FrameRecorder.end(payload));
        assertEquals(2, events.chunks());
        assertNull(events.partialPayload());
    }

    @Test
    void leavesDataPayloadsMaskedInItsInputAndPassesTheKey() {
        byte[] frame = Hex.bytes("81 85 37 fa 21 3d 7f 9f 4d 51 58");
        FrameParser parser = new FrameParser(Role.SERVER, 0, new FrameListener() {
            @Override
            public void onDataFrameStart(int opcode, boolean fin, int rsv, long payloadLength) {
            }

            @Override
            public void onDataPayload(ByteBuffer chunk, int maskKey, int keyOffset) {
                assertEquals(0x37FA213D, maskKey);
                assertEquals(0, keyOffset);
                assertEquals(Hex.buffer("7f 9f 4d 51 58"), chunk);
            }

            @Override
            public void onDataFrameEnd(boolean fin) {
            }

            @Override
            public void onControlFrame(int opcode, ByteBuffer payload) {
            }
        });
        parser.parse(ByteBuffer.wrap(frame));
        assertArrayEquals(Hex.bytes("81 85 37 fa 21 3d 7f 9f 4d 51 58"), frame);
    }

    // ---- RFC 6455 §5.7 examples ----

    @Test
    void rfcSingleFrameUnmaskedText() {
        parse(parser(Role.CLIENT), "81 05 48 65 6c 6c 6f");
        events.expect("start TEXT fin len=5", "end " + HELLO);
    }

    @Test
    void rfcSingleFrameMaskedText() {
        parse(parser(Role.SERVER), "81 85 37 fa 21 3d 7f 9f 4d 51 58");
        events.expect("start TEXT fin len=5", "end " + HELLO);
    }

    @Test
    void rfcFragmentedUnmaskedText() {
        parse(parser(Role.CLIENT), "01 03 48 65 6c 80 02 6c 6f");
        events.expect("start TEXT len=3", "end 48 65 6c", "start CONTINUATION fin len=2", "end 6c 6f");
    }

    @Test
    void rfcUnmaskedPingAndMaskedPong() {
        parse(parser(Role.CLIENT), "89 05 48 65 6c 6c 6f");
        events.expect("PING " + HELLO);
        parse(parser(Role.SERVER), "8a 85 37 fa 21 3d 7f 9f 4d 51 58");
        events.expect("PONG " + HELLO);
    }

    @Test
    void rfc256ByteBinaryHeader() {
        byte[] payload = Hex.pattern(256);
        parse(parser(Role.CLIENT), "82 7E 01 00 " + Hex.of(payload));
        events.expect("start BINARY fin len=256", FrameRecorder.end(payload));
    }

    @Test
    void rfc64KiBBinaryHeader() {
        byte[] payload = Hex.pattern(65536);
        parse(parser(Role.CLIENT), "82 7F 00 00 00 00 00 01 00 00 " + Hex.of(payload));
        events.expect("start BINARY fin len=65536", FrameRecorder.end(payload));
    }

    @Test
    void emptyFramesEndWithoutFurtherInput() {
        FrameParser parser = parser(Role.SERVER);
        parse(parser, "81 80 37 fa 21 3d");
        events.expect("start TEXT fin len=0", "end");
        parse(parser, "89 80 37 fa 21 3d");
        events.expect("PING");
        parse(parser, "88 80 37 fa");
        parse(parser, "21 3d");
        events.expect("CLOSE");
    }

    // ---- control frames between fragments ----

    @Test
    void controlFramesMayComeBetweenFragments() {
        parse(parser(Role.CLIENT), "01 03 48 65 6c 89 00 8a 02 41 42 88 02 03 e8 80 02 6c 6f");
        events.expect("start TEXT len=3", "end 48 65 6c", "PING", "PONG 41 42", "CLOSE 03 e8",
                "start CONTINUATION fin len=2", "end 6c 6f");
    }

    @Test
    void maskedControlFramesMayComeBetweenFragments() {
        String stream = Hex.masked("02 82", "01 02 03 04", Hex.bytes("aa bb"))
                + " " + Hex.masked("89 85", RFC_KEY, Hex.bytes(HELLO))
                + " " + Hex.masked("00 81", "ff ff ff ff", Hex.bytes("cc"))
                + " " + Hex.masked("8a 80", "10 20 30 40", new byte[0])
                + " " + Hex.masked("80 80", "05 06 07 08", new byte[0]);
        parse(parser(Role.SERVER), stream);
        events.expect("start BINARY len=2", "end aa bb", "PING " + HELLO,
                "start CONTINUATION len=1", "end cc", "PONG",
                "start CONTINUATION fin len=0", "end");
    }

    // ---- any split gives the same events ----

    static Stream<Arguments> streams() {
        return Stream.of(
                Arguments.of(Role.CLIENT, "81 05 48 65 6c 6c 6f"),
                Arguments.of(Role.SERVER, "81 85 37 fa 21 3d 7f 9f 4d 51 58"),
                Arguments.of(Role.CLIENT, "01 03 48 65 6c 80 02 6c 6f"),
                Arguments.of(Role.CLIENT, "89 05 48 65 6c 6c 6f 8a 00 88 02 03 e8"),
                Arguments.of(Role.SERVER, "89 85 37 fa 21 3d 7f 9f 4d 51 58 81 80 01 02 03 04"),
                Arguments.of(Role.CLIENT, "82 7e 01 00 " + Hex.of(Hex.pattern(256))),
                Arguments.of(Role.SERVER, Hex.masked("82 fe 01 2d", "a1 b2 c3 d4", Hex.pattern(301))),
                Arguments.of(Role.SERVER, Hex.masked("01 87", "a1 b2 c3 d4", Hex.bytes("e2 82 ac 41 f0 9f 98"))
                        + " " + Hex.masked("89 fd", RFC_KEY, Hex.pattern(125))
                        + " " + Hex.masked("80 83", "0f 1e 2d 3c", Hex.bytes("80 42 43"))),
                Arguments.of(Role.CLIENT, "82 7f 00 00 00 00 00 01 00 00 " + Hex.of(Hex.pattern(65536))));
    }

    @ParameterizedTest
    @MethodSource("streams")
    void everySplitGivesTheSameEvents(Role role, String hex) {
        byte[] stream = Hex.bytes(hex);
        List<String> whole = parseSplit(role, stream, new int[0]);
        assertFalse(whole.isEmpty());
        assertTrue(whole.stream().noneMatch(e -> e.startsWith("BREACH")), whole::toString);

        // Two pieces at every cut (for the 64 KiB frame: every cut in and around its header).
        int lastCut = stream.length > 1000 ? 40 : stream.length;
        for (int cut = 0; cut <= lastCut; cut++) {
            assertEquals(whole, parseSplit(role, stream, new int[] {cut}), "cut at " + cut);
        }
        if (stream.length > 1000) {
            for (int cut = stream.length - 20; cut <= stream.length; cut++) {
                assertEquals(whole, parseSplit(role, stream, new int[] {cut}), "cut at " + cut);
            }
        }
        // One byte at a time.
        int[] everyByte = new int[stream.length];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = i;
        }
        assertEquals(whole, parseSplit(role, stream, everyByte), "one byte at a time");
    }

    /** Parses a fresh copy of {@code stream} in pieces that start at each of {@code cuts}. */
    private static List<String> parseSplit(Role role, byte[] stream, int[] cuts) {
        byte[] copy = stream.clone();
        FrameRecorder recorder = new FrameRecorder();
        FrameParser parser = new FrameParser(role, 0, recorder);
        int from = 0;
        for (int cut : cuts) {
            ByteBuffer piece = ByteBuffer.wrap(copy, from, cut - from);
            parser.parse(piece);
            assertFalse(piece.hasRemaining());
            from = cut;
        }
        ByteBuffer rest = ByteBuffer.wrap(copy, from, copy.length - from);
        parser.parse(rest);
        assertFalse(rest.hasRemaining());
        return recorder.drain();
    }

    // ---- one check per rule ----

    /**
     * Each fixture ends at the byte that breaks its rule: every byte before it parses cleanly,
     * that byte fails with 1002 and the rule's message, and the parser is then corrupt.
     */
    @ParameterizedTest(name = "{3}: {2}")
    @CsvSource({
        "SERVER, 0, 81 05,                         unmasked client frame",
        "SERVER, 0, 89 00,                         unmasked client frame",
        "CLIENT, 0, 81 85,                         masked server frame",
        "CLIENT, 0, 8a 80,                         masked server frame",
        "CLIENT, 0, c1,                            reserved bits set without an extension that owns them",
        "CLIENT, 0, a2,                            reserved bits set without an extension that owns them",
        "CLIENT, 0, 91,                            reserved bits set without an extension that owns them",
        "CLIENT, 4, a1,                            reserved bits set without an extension that owns them",
        "CLIENT, 4, c9,                            reserved bits set without an extension that owns them",
        "CLIENT, 7, f8,                            reserved bits set without an extension that owns them",
        "SERVER, 4, 41 80 01 02 03 04 c0,          reserved bits set without an extension that owns them",
        "CLIENT, 0, 83,                            reserved opcode 0x3",
        "CLIENT, 0, 87,                            reserved opcode 0x7",
        "CLIENT, 0, 8b,                            reserved opcode 0xb",
        "SERVER, 0, 8f,                            reserved opcode 0xf",
        "CLIENT, 0, 89 7e 00 7e,                   control frame too long",
        "CLIENT, 0, 88 7e ff ff,                   control frame too long",
        "SERVER, 0, 8a fe 00 7e,                   control frame too long",
        "CLIENT, 0, 09,                            fragmented control frame",
        "CLIENT, 0, 01 00 08,                      fragmented control frame",
        "CLIENT, 0, 80,                            continuation frame without a message in progress",
        "CLIENT, 0, 00,                            continuation frame without a message in progress",
        "CLIENT, 0, 01 00 80 00 80,                continuation frame without a message in progress",
        "CLIENT, 0, 01 00 81,                      new data frame inside a fragmented message",
        "CLIENT, 0, 01 00 89 00 02,                new data frame inside a fragmented message",
        "CLIENT, 0, 82 7f 80 00 00 00 00 00 00 00, 64-bit payload length with the most significant bit set",
        "CLIENT, 0, 82 7f ff ff ff ff ff ff ff ff, 64-bit payload length with the most significant bit set",
        "CLIENT, 0, 82 7e 00 00,                   payload length not in its minimal form",
        "CLIENT, 0, 82 7e 00 7d,                   payload length not in its minimal form",
        "CLIENT, 0, 82 7f 00 00 00 00 00 00 00 7d, payload length not in its minimal form",
        "CLIENT, 0, 82 7f 00 00 00 00 00 00 ff ff, payload length not in its minimal form",
        "SERVER, 0, 82 ff 00 00 00 00 00 00 00 00, payload length not in its minimal form",
    })
    void eachRuleFailsWithItsMessageAtTheByteThatBreaksIt(Role role, int extensionRsv, String hex, String rule) {
        byte[] bytes = Hex.bytes(hex);
        FrameRecorder recorder = new FrameRecorder();
        FrameParser parser = new FrameParser(role, extensionRsv, recorder);
        for (int i = 0; i < bytes.length - 1; i++) {
            parser.parse(ByteBuffer.wrap(bytes, i, 1));
        }
        assertFalse(parser.isCorrupt());
        ByteBuffer last = ByteBuffer.wrap(bytes, bytes.length - 1, 1);
        CloseException e = assertThrows(CloseException.class, () -> parser.parse(last));
        assertEquals(CloseStatus.PROTOCOL_ERROR, e.closeCode());
        assertEquals(rule, e.getMessage());
        assertCorrupt(parser, last);

        // The same in one call, with more bytes after the violation: they are consumed too.
        FrameParser whole = new FrameParser(role, extensionRsv, new FrameRecorder());
        ByteBuffer in = Hex.buffer(hex + " 00 00 00");
        CloseException again = assertThrows(CloseException.class, () -> whole.parse(in));
        assertEquals(rule, again.getMessage());
        assertCorrupt(whole, in);
    }

    private static void assertCorrupt(FrameParser parser, ByteBuffer lastInput) {
        assertTrue(parser.isCorrupt());
        assertFalse(lastInput.hasRemaining(), "a failed parse still consumes its input");
        assertThrows(IllegalStateException.class, () -> parser.parse(Hex.buffer("81 00")));
        assertThrows(IllegalStateException.class, () -> parser.parse(ByteBuffer.allocate(0)));
    }

    @Test
    void reportsTheFramesBeforeAViolation() {
        FrameParser parser = parser(Role.CLIENT);
        CloseException e = assertThrows(CloseException.class, () -> parse(parser, "01 01 41 89 00 81 00"));
        assertEquals("new data frame inside a fragmented message", e.getMessage());
        events.expect("start TEXT len=1", "end 41", "PING");
    }

    @Test
    void extensionMayOwnRsv1OnTheFirstDataFrameOnly() {
        FrameParser parser = new FrameParser(Role.CLIENT, 4, events);
        parse(parser, "c1 02 48 69 42 01 aa 80 01 bb");
        events.expect("start TEXT fin rsv=4 len=2", "end 48 69",
                "start BINARY rsv=4 len=1", "end aa", "start CONTINUATION fin len=1", "end bb");

        CloseException onContinuation = assertThrows(CloseException.class, () -> parse(parser, "41 01 48 c0 01 69"));
        assertEquals("reserved bits set without an extension that owns them", onContinuation.getMessage());
        assertEquals(CloseStatus.PROTOCOL_ERROR, onContinuation.closeCode());
        events.expect("start TEXT rsv=4 len=1", "end 48");

        FrameParser control = new FrameParser(Role.CLIENT, 4, events);
        CloseException onPing = assertThrows(CloseException.class, () -> parse(control, "c9 00"));
        assertEquals("reserved bits set without an extension that owns them", onPing.getMessage());
    }

    @Test
    void setExtensionRsvChangesWhatIsAllowed() {
        FrameParser parser = parser(Role.CLIENT);
        parser.setExtensionRsv(4);
        parse(parser, "c1 00");
        events.expect("start TEXT fin rsv=4 len=0", "end");
    }

    @Test
    void aListenerFailureLeavesTheParserCorrupt() {
        CloseException thrown = CloseException.badData("listener says no");
        FrameParser parser = new FrameParser(Role.CLIENT, 0, new FrameListener() {
            @Override
            public void onDataFrameStart(int opcode, boolean fin, int rsv, long payloadLength) {
            }

            @Override
            public void onDataPayload(ByteBuffer chunk, int maskKey, int keyOffset) {
                throw thrown;
            }

            @Override
            public void onDataFrameEnd(boolean fin) {
            }

            @Override
            public void onControlFrame(int opcode, ByteBuffer payload) {
            }
        });
        ByteBuffer in = Hex.buffer("81 05 48 65 6c 6c 6f 81 00");
        assertSame(thrown, assertThrows(CloseException.class, () -> parser.parse(in)));
        assertCorrupt(parser, in);
    }
}
