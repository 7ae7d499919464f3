package dev.tether.server;

import dev.tether.handshake.HandshakeException;
import dev.tether.handshake.HttpHeadParser;
import dev.tether.handshake.HttpRequestHead;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The Jakarta view of an upgrade request. Regression tests for inputs the upgrade-request fuzz
 * target found: characters HTTP allows in a request target but {@link java.net.URI} rejects,
 * and a Host header that cannot be part of a URI, used to escape as an
 * {@link IllegalArgumentException} (a 500 and a logged stack trace).
 */
class ServerHandshakeRequestTest {

    private static HttpRequestHead head(String target, String host) {
        String request = "GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\n\r\n";
        return HttpHeadParser.forRequests().parse(ByteBuffer.wrap(request.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void charactersBrowsersSendUnescapedArePercentEncodedInTheRequestUri() {
        ServerHandshakeRequest request = new ServerHandshakeRequest(head("/chat/a|b?q=^{x}", "127.0.0.1:8080"),
                false, Map.of());
        assertEquals("ws://127.0.0.1:8080/chat/a%7Cb?q=%5E%7Bx%7D", request.getRequestURI().toString());
        assertEquals(Map.of("q", List.of("^{x}")), request.getParameterMap());
    }

    @Test
    void aPercentSignThatStartsNoEscapeIsEncodedAndValidEscapesAreKept() {
        ServerHandshakeRequest request = new ServerHandshakeRequest(head("/chat/%zz%41?a=%G1&b=%", "h"), true, Map.of());
        assertEquals("wss://h/chat/%25zz%41?a=%25G1&b=%25", request.getRequestURI().toString());
    }

    @Test
    void aTargetThatNeedsNoEscapingIsUnchanged() {
        ServerHandshakeRequest request = new ServerHandshakeRequest(head("/a/b;c?d=e&f=%20g", "h"), false, Map.of());
        assertEquals("ws://h/a/b;c?d=e&f=%20g", request.getRequestURI().toString());
    }

    @Test
    void aHostThatCannotBePartOfAUriIs400() {
        HandshakeException e = assertThrows(HandshakeException.class,
                () -> new ServerHandshakeRequest(head("/echo", "a b"), false, Map.of()));
        assertEquals(400, e.status());
        assertEquals("malformed Host header or request target", e.reason());
    }
}
