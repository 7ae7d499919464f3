package dev.tether.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CloseStatusTest {

    /** RFC 6455 §7.4.1 and the IANA registry: the codes a close frame may carry. */
    private static boolean sendable(int code) {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    }

    private static ByteBuffer codeBytes(int code) {
        return ByteBuffer.wrap(new byte[] {(byte) (code >>> 8), (byte) code});
    }

    @Test
    void emptyPayloadMeansNoStatus() {
        assertEquals(new CloseStatus(CloseStatus.NO_STATUS, ""), CloseStatus.decode(ByteBuffer.allocate(0)));
    }

    @Test
    void oneBytePayloadIsAProtocolError() {
        CloseException e = assertThrows(CloseException.class, () -> CloseStatus.decode(Hex.buffer("03")));
        assertEquals(CloseStatus.PROTOCOL_ERROR, e.closeCode());
        assertEquals("close frame payload of one byte", e.getMessage());
    }

    @Test
    void everyCodeIsClassified() {
        int accepted = 0;
        for (int code = 0; code <= 0xFFFF; code++) {
            assertEquals(sendable(code), CloseStatus.mayBeSent(code), "code " + code);
            ByteBuffer payload = codeBytes(code);
            if (sendable(code)) {
                assertEquals(new CloseStatus(code), CloseStatus.decode(payload));
                assertEquals(0, payload.position());
                assertEquals(Hex.of(codeBytes(code)), Hex.of(new CloseStatus(code).encode()));
                accepted++;
            } else {
                CloseException e = assertThrows(CloseException.class, () -> CloseStatus.decode(payload));
                assertEquals(CloseStatus.PROTOCOL_ERROR, e.closeCode());
                assertEquals("close code " + code + " may not be sent", e.getMessage());
            }
        }
        assertEquals(4 + 8 + 2000, accepted);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000})
    void boundariesAreRejected(int code) {
        assertFalse(CloseStatus.mayBeSent(code));
    }

    @ParameterizedTest
    @ValueSource(ints = {1000, 1003, 1007, 1014, 3000, 4999})
    void boundariesAreAccepted(int code) {
        assertTrue(CloseStatus.mayBeSent(code));
    }

    @Test
    void unsendableCodesDoNotEncodeExceptNoStatus() {
        assertEquals(0, new CloseStatus(CloseStatus.NO_STATUS, "ignored").encode().remaining());
        for (int code : new int[] {CloseStatus.ABNORMAL, CloseStatus.TLS_HANDSHAKE, 999, 1004, 5000}) {
            assertThrows(IllegalStateException.class, () -> new CloseStatus(code).encode(), "code " + code);
        }
    }

    @Test
    void decodesCodeAndReasonWithoutMovingThePosition() {
        ByteBuffer payload = Hex.buffer("03 e8 62 79 65");
        assertEquals(new CloseStatus(1000, "bye"), CloseStatus.decode(payload));
        assertEquals(0, payload.position());
        assertEquals(new CloseStatus(4000, "é"), CloseStatus.decode(Hex.buffer("0f a0 c3 a9")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"03 e8 ff", "03 e8 62 c3", "03 e8 e2 82", "03 e8 ed a0 80", "03 e8 c0 80", "03 e8 f4 90 80 80"})
    void invalidUtf8ReasonIsBadData(String hex) {
        CloseException e = assertThrows(CloseException.class, () -> CloseStatus.decode(Hex.buffer(hex)));
        assertEquals(CloseStatus.INVALID_PAYLOAD, e.closeCode());
        assertEquals("close reason is not valid UTF-8", e.getMessage());
    }

    @Test
    void encodesCodeThenReason() {
        assertEquals("03 e8 62 79 65", Hex.of(new CloseStatus(1000, "bye").encode()));
        assertEquals("03 e9", Hex.of(new CloseStatus(CloseStatus.GOING_AWAY).encode()));
        assertEquals("03 e8", Hex.of(new CloseStatus(1000, null).encode()));
    }

    @Test
    void longReasonIsCutAtACharacterBoundary() {
        // 120 + 3 bytes: exactly the limit, kept whole.
        assertReasonOnWire("a".repeat(120) + "€", "a".repeat(120) + "€");
        // 121 + 3 bytes: the euro sign would end at byte 124, so it goes.
        assertReasonOnWire("a".repeat(121) + "€b", "a".repeat(121));
        // 122 + 3: the cut would fall after the euro sign's first byte.
        assertReasonOnWire("a".repeat(122) + "€", "a".repeat(122));
        // A four-byte character (a surrogate pair in Java) is never split either.
        assertReasonOnWire("a".repeat(120) + "\uD83D\uDE00", "a".repeat(120));
        assertReasonOnWire("a".repeat(119) + "\uD83D\uDE00xyz", "a".repeat(119) + "\uD83D\uDE00");
        assertReasonOnWire("é".repeat(100), "é".repeat(61));
    }

    private static void assertReasonOnWire(String reason, String expectedOnWire) {
        ByteBuffer encoded = new CloseStatus(1000, reason).encode();
        assertTrue(encoded.remaining() <= 125, "close payload of " + encoded.remaining() + " bytes");
        assertEquals(2 + expectedOnWire.getBytes(StandardCharsets.UTF_8).length, encoded.remaining());
        assertEquals(new CloseStatus(1000, expectedOnWire), CloseStatus.decode(encoded));
    }
}
