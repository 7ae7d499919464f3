package dev.tether.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WebSocketKeysTest {

    @Test
    void acceptForTheRfcExample() {
        // RFC 6455 §1.3
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", WebSocketKeys.acceptFor("dGhlIHNhbXBsZSBub25jZQ=="));
    }

    @Test
    void newKeyIsValidAndFresh() {
        Random random = new SecureRandom();
        String first = WebSocketKeys.newKey(random);
        String second = WebSocketKeys.newKey(random);
        assertEquals(24, first.length());
        assertTrue(WebSocketKeys.isValidKey(first));
        assertTrue(WebSocketKeys.isValidKey(second));
        assertNotEquals(first, second);
    }

    @Test
    void newKeyEncodesSixteenBytesFromTheGivenRandom() {
        Random zeros = new Random() {
            @Override
            public void nextBytes(byte[] bytes) {
                java.util.Arrays.fill(bytes, (byte) 0);
            }
        };
        assertEquals("AAAAAAAAAAAAAAAAAAAAAA==", WebSocketKeys.newKey(zeros));
    }

    @Test
    void validKeys() {
        assertTrue(WebSocketKeys.isValidKey("dGhlIHNhbXBsZSBub25jZQ=="));
        assertTrue(WebSocketKeys.isValidKey("AAAAAAAAAAAAAAAAAAAAAA=="));
    }

    @Test
    void invalidKeys() {
        assertFalse(WebSocketKeys.isValidKey(null));
        assertFalse(WebSocketKeys.isValidKey(""));
        assertFalse(WebSocketKeys.isValidKey("dGhlIHNhbXBsZSBub25jZQ"), "no padding");
        assertFalse(WebSocketKeys.isValidKey("dGhlIHNhbXBsZSBub25jZQ=== "), "too long");
        assertFalse(WebSocketKeys.isValidKey("dGhlIHNhbXBsZSBub25j!Q=="), "not base64");
        assertFalse(WebSocketKeys.isValidKey("dGhlIHNhbXBsZSBub25jZTE="), "17 bytes");
        assertFalse(WebSocketKeys.isValidKey("AAAAAAAAAAAAAAAAAAAAAAAA"), "18 bytes");
        assertFalse(WebSocketKeys.isValidKey("dGhlIHNhbXBsZSBub25j"), "15 bytes");
    }
}
