package dev.tether.handshake;

import static dev.tether.handshake.Fixtures.RFC_ACCEPT;
import static dev.tether.handshake.Fixtures.RFC_KEY;
import static dev.tether.handshake.Fixtures.RFC_RESPONSE;
import static dev.tether.handshake.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tether.handshake.ExtensionOffer.Param;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientHandshakeTest {
    private static final ExtensionOffer DEFLATE = new ExtensionOffer("permessage-deflate",
            List.of(new Param("client_max_window_bits")));

    private static ClientHandshake handshake(String uri) {
        return new ClientHandshake(URI.create(uri), RFC_KEY, List.of(), List.of(), null);
    }

    private static ClientHandshake chatHandshake() {
        return new ClientHandshake(URI.create("ws://server.example.com/chat"), RFC_KEY,
                List.of("chat", "superchat"), List.of(DEFLATE), null);
    }

    @Test
    void writesTheRfcStyleRequest() {
        Map<String, List<String>> extra = new LinkedHashMap<>();
        extra.put("Origin", List.of("http://example.com"));
        extra.put("Cookie", List.of("a=1", "b=2"));
        ClientHandshake handshake = new ClientHandshake(URI.create("ws://server.example.com/chat"), RFC_KEY,
                List.of("chat", "superchat"), List.of(DEFLATE), extra);
        assertEquals("GET /chat HTTP/1.1\r\n"
                + "Host: server.example.com\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Protocol: chat, superchat\r\n"
                + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"
                + "Origin: http://example.com\r\n"
                + "Cookie: a=1\r\n"
                + "Cookie: b=2\r\n"
                + "\r\n", text(handshake.request()));
        assertEquals(List.of("a=1", "b=2"), handshake.requestHeaders().get("cookie"));
        assertEquals(List.of("13"), handshake.requestHeaders().get("Sec-WebSocket-Version"));
        assertNotSame(handshake.request(), handshake.request());
    }

    @Test
    void theRequestParsesAndPassesTheServerChecks() {
        ClientHandshake handshake = chatHandshake();
        HttpRequestHead head = Fixtures.request(text(handshake.request()));
        assertEquals(RFC_KEY, ServerHandshake.validate(head));
        assertEquals(List.of("chat", "superchat"), ServerHandshake.offeredSubprotocols(head));
        assertEquals(List.of(DEFLATE), ServerHandshake.offeredExtensions(head));
    }

    @Test
    void leavesOutOptionalHeadersWhenThereIsNothingToOffer() {
        assertEquals("GET / HTTP/1.1\r\n"
                + "Host: example.com\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "\r\n", text(handshake("ws://example.com").request()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "ws://example.com,                  /,                  example.com",
            "ws://example.com:80/a,             /a,                 example.com",
            "wss://example.com:443/a,           /a,                 example.com",
            "ws://example.com:443/a,            /a,                 example.com:443",
            "wss://example.com:80/a,            /a,                 example.com:80",
            "ws://example.com:8080/a/b?x=1&y=2, /a/b?x=1&y=2,       example.com:8080",
            "ws://example.com?x=1,              /?x=1,              example.com",
            "ws://example.com/a%20b?q=%3F%26,   /a%20b?q=%3F%26,    example.com",
            "WSS://[::1]:8443/chat,             /chat,              [::1]:8443",
            "ws://[2001:db8::1]/,               /,                  [2001:db8::1]",
            "ws://user:pw@example.com/,         /,                  example.com",
    })
    void buildsTargetAndHostFromTheUri(String uri, String target, String host) {
        ClientHandshake handshake = handshake(uri);
        assertEquals(target, handshake.requestTarget());
        assertEquals(host, handshake.requestHeaders().get("Host").get(0));
        assertEquals("GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\n",
                text(handshake.request()).substring(0, ("GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\n").length()));
    }

    @Test
    void extraHeadersCannotReplaceTheHandshakeHeaders() {
        Map<String, List<String>> extra = new LinkedHashMap<>();
        extra.put("host", List.of("evil"));
        extra.put("Sec-WebSocket-Key", List.of("AAAAAAAAAAAAAAAAAAAAAA=="));
        extra.put("sec-websocket-version", List.of("8"));
        extra.put("Upgrade", List.of("h2c"));
        extra.put("Connection", List.of("close"));
        extra.put("Sec-WebSocket-Protocol", List.of("x"));
        extra.put("Sec-WebSocket-Extensions", List.of("x"));
        extra.put("X-Null", null);
        ClientHandshake handshake = new ClientHandshake(URI.create("ws://h/"), RFC_KEY, List.of(), List.of(), extra);
        assertEquals(text(handshake("ws://h/").request()), text(handshake.request()));
    }

    @Test
    void refusesUnusableArguments() {
        assertEquals("URI scheme must be ws or wss: http://h/",
                assertThrows(IllegalArgumentException.class, () -> handshake("http://h/")).getMessage());
        assertEquals("URI must not have a fragment: ws://h/#x",
                assertThrows(IllegalArgumentException.class, () -> handshake("ws://h/#x")).getMessage());
        assertEquals("URI has no host: ws:/path",
                assertThrows(IllegalArgumentException.class, () -> handshake("ws:/path")).getMessage());
        URI uri = URI.create("ws://h/");
        assertThrows(IllegalArgumentException.class,
                () -> new ClientHandshake(uri, "short", List.of(), List.of(), null));
        assertThrows(IllegalArgumentException.class,
                () -> new ClientHandshake(uri, RFC_KEY, List.of("two words"), List.of(), null));
        assertThrows(IllegalArgumentException.class,
                () -> new ClientHandshake(uri, RFC_KEY, List.of("a", "a"), List.of(), null));
        assertThrows(IllegalArgumentException.class,
                () -> new ClientHandshake(uri, RFC_KEY, List.of(), List.of(), Map.of("X", List.of("a\nb"))));
    }

    @Test
    void acceptsTheRfcResponse() {
        ClientHandshake.Result result = chatHandshake().validate(Fixtures.response(RFC_RESPONSE));
        assertEquals("chat", result.subprotocol());
        assertEquals(List.of(), result.extensions());
        assertEquals(List.of(RFC_ACCEPT), result.headers().get("sec-websocket-accept"));
        assertEquals(101, result.response().status());
    }

    @Test
    void acceptsAResponseWithoutSubprotocolAndWithAChosenExtension() {
        String response = "HTTP/1.1 101 Switching Protocols\r\n"
                + "upgrade: WebSocket\r\n"
                + "connection: keep-alive, upgrade\r\n"
                + "Sec-WebSocket-Accept: " + RFC_ACCEPT + "\r\n"
                + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits=\"12\"\r\n"
                + "\r\n";
        ClientHandshake.Result result = chatHandshake().validate(Fixtures.response(response));
        assertEquals("", result.subprotocol());
        assertEquals(List.of(new ExtensionOffer("permessage-deflate",
                List.of(new Param("client_max_window_bits", "12")))), result.extensions());
    }

    private static HandshakeException refused(String response) {
        HttpResponseHead head = Fixtures.response(response);
        return assertThrows(HandshakeException.class, () -> chatHandshake().validate(head));
    }

    @Test
    void refusesAnotherStatusWithThatStatus() {
        HandshakeException e = refused("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
        assertEquals(404, e.status());
        assertEquals("server answered 404 Not Found instead of 101", e.getMessage());

        HandshakeException bare = refused("HTTP/1.1 403\r\n\r\n");
        assertEquals(403, bare.status());
        assertEquals("server answered 403 Forbidden instead of 101", bare.getMessage());

        HandshakeException odd = refused("HTTP/1.1 200 Fine\r\n\r\n");
        assertEquals(200, odd.status());
        assertEquals("server answered 200 Fine instead of 101", odd.getMessage());

        HandshakeException strange = refused("HTTP/1.1 999 What\r\n\r\n");
        assertEquals(502, strange.status());
        assertEquals("server answered 999 What instead of 101", strange.getMessage());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "Upgrade: websocket                   | | Upgrade header must be websocket",
            "Upgrade: websocket                   | Upgrade: h2c | Upgrade header must be websocket",
            "Connection: Upgrade                  | | Connection header must contain Upgrade",
            "Connection: Upgrade                  | Connection: close | Connection header must contain Upgrade",
            "Sec-WebSocket-Accept: " + RFC_ACCEPT + " | | missing Sec-WebSocket-Accept header",
            "Sec-WebSocket-Accept: " + RFC_ACCEPT + " | Sec-WebSocket-Accept: AAAAAAAAAAAAAAAAAAAAAAAAAAA= "
                    + "| Sec-WebSocket-Accept does not match the key",
            "Sec-WebSocket-Accept: " + RFC_ACCEPT + " | Sec-WebSocket-Accept: " + RFC_KEY
                    + "| Sec-WebSocket-Accept does not match the key",
            "Sec-WebSocket-Protocol: chat         | Sec-WebSocket-Protocol: mqtt "
                    + "| server selected subprotocol mqtt that was not offered",
            "Sec-WebSocket-Protocol: chat         | Sec-WebSocket-Protocol: chat, superchat "
                    + "| server selected more than one subprotocol",
    })
    void refusesABadAnswerWith502(String line, String replacement, String message) {
        String replaced = replacement == null ? "" : replacement + "\r\n";
        HandshakeException e = refused(RFC_RESPONSE.replace(line.strip() + "\r\n", replaced));
        assertEquals(502, e.status());
        assertEquals(message, e.getMessage());
    }

    @Test
    void refusesTwoAcceptHeaders() {
        HandshakeException e = refused(RFC_RESPONSE.replace("\r\n\r\n",
                "\r\nSec-WebSocket-Accept: " + RFC_ACCEPT + "\r\n\r\n"));
        assertEquals(502, e.status());
        assertEquals("more than one Sec-WebSocket-Accept header", e.getMessage());
    }

    @Test
    void refusesASubprotocolWhenNoneWasOffered() {
        HttpResponseHead head = Fixtures.response(RFC_RESPONSE);
        ClientHandshake none = handshake("ws://server.example.com/chat");
        HandshakeException e = assertThrows(HandshakeException.class, () -> none.validate(head));
        assertEquals(502, e.status());
        assertEquals("server selected subprotocol chat that was not offered", e.getMessage());
    }

    @Test
    void refusesAnExtensionThatWasNotOffered() {
        HandshakeException e = refused(RFC_RESPONSE.replace("\r\n\r\n",
                "\r\nSec-WebSocket-Extensions: permessage-deflate, x-foo; a=1\r\n\r\n"));
        assertEquals(502, e.status());
        assertEquals("server selected extension x-foo that was not offered", e.getMessage());
    }

    @Test
    void refusesAMalformedExtensionHeader() {
        HandshakeException e = refused(RFC_RESPONSE.replace("\r\n\r\n",
                "\r\nSec-WebSocket-Extensions: permessage-deflate;\r\n\r\n"));
        assertEquals(502, e.status());
        assertEquals("malformed Sec-WebSocket-Extensions header: "
                + "expected parameter name at index 19 but found end of value", e.getMessage());
    }

    @Test
    void roundTripsWithTheServerSide() {
        ClientHandshake client = chatHandshake();
        HttpRequestHead request = Fixtures.request(text(client.request()));
        String key = ServerHandshake.validate(request);
        byte[] answer = ServerHandshake.acceptResponse(key, "superchat",
                List.of(new ExtensionOffer("permessage-deflate")), Map.of("X-Id", List.of("7")));
        ClientHandshake.Result result = client.validate(Fixtures.response(text(answer)));
        assertEquals("superchat", result.subprotocol());
        assertEquals(List.of(new ExtensionOffer("permessage-deflate")), result.extensions());
        assertEquals("7", result.response().header("x-id"));
    }
}
