package dev.tether.bench.load;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HandshakeTest {
    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    private static String response(String accept, String extra) {
        return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept + "\r\n" + extra + "\r\n";
    }

    @Test
    void acceptIsTheRfcExample() {
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", Handshake.expectedAccept(KEY));
    }

    @Test
    void acceptsAValidResponseWithoutExtensions() throws IOException {
        Handshake.Agreed agreed = Handshake.check(response("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", ""), KEY, true);
        assertFalse(agreed.deflate());
    }

    @Test
    void readsTheDeflateAnswer() throws IOException {
        Handshake.Agreed agreed = Handshake.check(response("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=",
                "Sec-WebSocket-Extensions: permessage-deflate; client_no_context_takeover\r\n"), KEY, true);
        assertTrue(agreed.deflate());
        assertTrue(agreed.clientNoContextTakeover());
    }

    @Test
    void refusesAWrongAccept() {
        IOException e = assertThrows(IOException.class,
                () -> Handshake.check(response("AAAAAAAAAAAAAAAAAAAAAAAAAAA=", ""), KEY, false));
        assertTrue(e.getMessage().contains("Sec-WebSocket-Accept"), e.getMessage());
    }

    @Test
    void refusesAnotherStatus() {
        IOException e = assertThrows(IOException.class,
                () -> Handshake.check("HTTP/1.1 404 Not Found\r\n\r\n", KEY, false));
        assertTrue(e.getMessage().contains("404"), e.getMessage());
    }

    @Test
    void refusesAnExtensionThatWasNotOffered() {
        assertThrows(IOException.class, () -> Handshake.check(response("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=",
                "Sec-WebSocket-Extensions: permessage-deflate\r\n"), KEY, false));
    }
}
