package dev.tether.handshake;

import static dev.tether.handshake.Fixtures.RFC_ACCEPT;
import static dev.tether.handshake.Fixtures.RFC_KEY;
import static dev.tether.handshake.Fixtures.RFC_REQUEST;
import static dev.tether.handshake.Fixtures.rfcRequestWith;
import static dev.tether.handshake.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ServerHandshakeTest {

    private static HandshakeException rejected(String request) {
        HttpRequestHead head = Fixtures.request(request);
        return assertThrows(HandshakeException.class, () -> ServerHandshake.validate(head));
    }

    @Test
    void acceptsTheRfcRequestAndReturnsItsKey() {
        HttpRequestHead head = Fixtures.request(RFC_REQUEST);
        assertTrue(ServerHandshake.isUpgradeRequest(head));
        assertEquals(RFC_KEY, ServerHandshake.validate(head));
    }

    @Test
    void upgradeAndConnectionTokensAreCaseInsensitiveListElements() {
        String request = rfcRequestWith("Upgrade", "upgrade: WebSocket");
        request = request.replace("Connection: Upgrade\r\n", "Connection: keep-alive, Upgrade\r\n");
        assertEquals(RFC_KEY, ServerHandshake.validate(Fixtures.request(request)));

        String lower = rfcRequestWith("Connection", "connection: keep-alive,upgrade");
        assertEquals(RFC_KEY, ServerHandshake.validate(Fixtures.request(lower)));

        String split = rfcRequestWith("Connection", "Connection: keep-alive\r\nConnection: UPGRADE");
        assertEquals(RFC_KEY, ServerHandshake.validate(Fixtures.request(split)));

        String listed = rfcRequestWith("Upgrade", "Upgrade: foo/2, websocket");
        assertEquals(RFC_KEY, ServerHandshake.validate(Fixtures.request(listed)));
    }

    @Test
    void acceptsLaterHttpVersions() {
        String request = RFC_REQUEST.replace("HTTP/1.1", "HTTP/1.2");
        assertEquals(RFC_KEY, ServerHandshake.validate(Fixtures.request(request)));
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                Arguments.of(RFC_REQUEST.replace("GET", "POST"), "method must be GET"),
                Arguments.of(RFC_REQUEST.replace("GET", "get"), "method must be GET"),
                Arguments.of(RFC_REQUEST.replace("HTTP/1.1", "HTTP/1.0"), "HTTP version must be 1.1 or later"),
                Arguments.of(rfcRequestWith("Host", ""), "missing Host header"),
                Arguments.of(rfcRequestWith("Host", "Host: a\r\nHost: b"), "more than one Host header"),
                Arguments.of(rfcRequestWith("Upgrade", ""), "Upgrade header must be websocket"),
                Arguments.of(rfcRequestWith("Upgrade", "Upgrade: h2c"), "Upgrade header must be websocket"),
                Arguments.of(rfcRequestWith("Upgrade", "Upgrade: websocket2"), "Upgrade header must be websocket"),
                Arguments.of(rfcRequestWith("Connection", ""), "Connection header must contain Upgrade"),
                Arguments.of(rfcRequestWith("Connection", "Connection: keep-alive"),
                        "Connection header must contain Upgrade"),
                Arguments.of(rfcRequestWith("Connection", "Connection: Upgraded"),
                        "Connection header must contain Upgrade"),
                Arguments.of(rfcRequestWith("Sec-WebSocket-Key", ""), "missing Sec-WebSocket-Key header"),
                Arguments.of(rfcRequestWith("Sec-WebSocket-Key",
                        "Sec-WebSocket-Key: " + RFC_KEY + "\r\nSec-WebSocket-Key: " + RFC_KEY),
                        "more than one Sec-WebSocket-Key header"),
                Arguments.of(rfcRequestWith("Sec-WebSocket-Key", "Sec-WebSocket-Key: short"),
                        "Sec-WebSocket-Key must be base64 of 16 bytes"),
                Arguments.of(rfcRequestWith("Sec-WebSocket-Key", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZTE="),
                        "Sec-WebSocket-Key must be base64 of 16 bytes"),
                Arguments.of(rfcRequestWith("Sec-WebSocket-Version", ""), "missing Sec-WebSocket-Version header"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badRequests")
    void rejectsWith400(String request, String message) {
        HandshakeException e = rejected(request);
        assertEquals(400, e.status());
        assertEquals(message, e.getMessage());
        assertEquals(Map.of(), e.headers());
    }

    @Test
    void rejectsAnotherVersionWith426AndTheVersionWeSpeak() {
        HandshakeException e = rejected(rfcRequestWith("Sec-WebSocket-Version", "Sec-WebSocket-Version: 8"));
        assertEquals(426, e.status());
        assertEquals("unsupported Sec-WebSocket-Version: 8", e.getMessage());
        assertEquals(List.of("13"), e.headers().get("sec-websocket-version"));

        String response = text(ServerHandshake.rejectResponse(e));
        assertTrue(response.startsWith("HTTP/1.1 426 Upgrade Required\r\n"), response);
        assertTrue(response.contains("\r\nSec-WebSocket-Version: 13\r\n"), response);
        assertTrue(response.endsWith("\r\n\r\nunsupported Sec-WebSocket-Version: 8\n"), response);
    }

    @Test
    void rejectsSeveralVersionsWith426() {
        HandshakeException e = rejected(rfcRequestWith("Sec-WebSocket-Version",
                "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Version: 8"));
        assertEquals(426, e.status());
        assertEquals("unsupported Sec-WebSocket-Version: 13, 8", e.getMessage());
    }

    @Test
    void aPlainRequestIsNotAnUpgrade() {
        assertFalse(ServerHandshake.isUpgradeRequest(Fixtures.request("GET / HTTP/1.1\r\nHost: h\r\n\r\n")));
    }

    @Test
    void offeredSubprotocolsComeFromEveryHeaderInOrder() {
        HttpRequestHead head = Fixtures.request("GET / HTTP/1.1\r\n"
                + "Sec-WebSocket-Protocol: chat , superchat\r\n"
                + "Sec-WebSocket-Protocol:\r\n"
                + "sec-websocket-protocol: v2.chat,,\tmqtt \r\n"
                + "\r\n");
        assertEquals(List.of("chat", "superchat", "v2.chat", "mqtt"), ServerHandshake.offeredSubprotocols(head));
        assertEquals(List.of(), ServerHandshake.offeredSubprotocols(Fixtures.request(RFC_REQUEST.replace(
                "Sec-WebSocket-Protocol: chat, superchat\r\n", ""))));
    }

    @Test
    void offeredExtensionsComeFromEveryHeaderInOrder() {
        HttpRequestHead head = Fixtures.request("GET / HTTP/1.1\r\n"
                + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits, "
                + "permessage-deflate; server_max_window_bits=\"10\"\r\n"
                + "Sec-WebSocket-Extensions: x-foo\r\n"
                + "\r\n");
        List<ExtensionOffer> offers = ServerHandshake.offeredExtensions(head);
        assertEquals(List.of(
                new ExtensionOffer("permessage-deflate", List.of(new ExtensionOffer.Param("client_max_window_bits"))),
                new ExtensionOffer("permessage-deflate",
                        List.of(new ExtensionOffer.Param("server_max_window_bits", "10"))),
                new ExtensionOffer("x-foo")), offers);
    }

    @Test
    void malformedExtensionsAre400() {
        HttpRequestHead head = Fixtures.request("GET / HTTP/1.1\r\nSec-WebSocket-Extensions: a; =1\r\n\r\n");
        HandshakeException e = assertThrows(HandshakeException.class, () -> ServerHandshake.offeredExtensions(head));
        assertEquals(400, e.status());
        assertEquals("malformed Sec-WebSocket-Extensions header: expected parameter name at index 3 but found '='",
                e.getMessage());
    }

    @Test
    void acceptResponseIsTheRfcAnswer() {
        byte[] response = ServerHandshake.acceptResponse(RFC_KEY, "chat", List.of(), null);
        assertEquals(Fixtures.RFC_RESPONSE, text(response));
    }

    @Test
    void acceptResponseWithExtensionsAndExtraHeaders() {
        Map<String, List<String>> extra = new LinkedHashMap<>();
        extra.put("X-Served-By", List.of("tether"));
        extra.put("Set-Cookie", List.of("a=1", "b=2"));
        extra.put("upgrade", List.of("h2c"));
        extra.put("CONNECTION", List.of("close"));
        extra.put("Sec-WebSocket-Accept", List.of("forged"));
        extra.put("Sec-WebSocket-Protocol", List.of("other"));
        extra.put("Sec-WebSocket-Extensions", List.of("other"));
        extra.put("X-Empty", List.of());
        List<ExtensionOffer> extensions = List.of(new ExtensionOffer("permessage-deflate",
                List.of(new ExtensionOffer.Param("server_no_context_takeover"),
                        new ExtensionOffer.Param("client_max_window_bits", "10"))));

        String response = text(ServerHandshake.acceptResponse(RFC_KEY, null, extensions, extra));
        assertEquals("HTTP/1.1 101 Switching Protocols\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + RFC_ACCEPT + "\r\n"
                + "Sec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover; client_max_window_bits=10\r\n"
                + "X-Served-By: tether\r\n"
                + "Set-Cookie: a=1\r\n"
                + "Set-Cookie: b=2\r\n"
                + "\r\n", response);
    }

    @Test
    void acceptResponseRefusesHeaderInjection() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                ServerHandshake.acceptResponse(RFC_KEY, "", List.of(), Map.of("X", List.of("a\r\nEvil: 1"))));
        assertEquals("invalid character in value of header X", e.getMessage());
        assertThrows(IllegalArgumentException.class, () ->
                ServerHandshake.acceptResponse(RFC_KEY, "", List.of(), Map.of("Bad Name", List.of("v"))));
        assertThrows(IllegalArgumentException.class, () ->
                ServerHandshake.acceptResponse(RFC_KEY, "two words", List.of(), null));
    }

    @Test
    void rejectResponseIsACompleteSmallResponse() {
        String response = text(ServerHandshake.rejectResponse(404, "no endpoint at /x", null));
        assertEquals("HTTP/1.1 404 Not Found\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: 18\r\n"
                + "Connection: close\r\n"
                + "\r\n"
                + "no endpoint at /x\n", response);
    }

    @Test
    void rejectResponseCountsUtf8BytesAndKeepsItsOwnFraming() {
        Map<String, List<String>> extra = new LinkedHashMap<>();
        extra.put("Content-Length", List.of("0"));
        extra.put("Connection", List.of("keep-alive"));
        extra.put("X-Why", List.of("policy"));
        byte[] response = ServerHandshake.rejectResponse(403, "\u00e9t\u00e9", extra);
        String head = new String(response, StandardCharsets.UTF_8);
        assertEquals("HTTP/1.1 403 Forbidden\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: 6\r\n"
                + "Connection: close\r\n"
                + "X-Why: policy\r\n"
                + "\r\n"
                + "\u00e9t\u00e9\n", head);
    }

    @Test
    void rejectResponseForParserFailures() {
        HandshakeException tooLarge = assertThrows(HandshakeException.class, () ->
                HttpHeadParser.forRequests(16, 10).parse(Fixtures.bytes(RFC_REQUEST)));
        String response = text(ServerHandshake.rejectResponse(tooLarge));
        assertTrue(response.startsWith("HTTP/1.1 431 Request Header Fields Too Large\r\n"), response);
        assertTrue(response.endsWith("\r\n\r\nHTTP head larger than 16 bytes\n"), response);

        String unknown = text(ServerHandshake.rejectResponse(499, null, null));
        assertTrue(unknown.startsWith("HTTP/1.1 499 Client Error\r\n"), unknown);
        assertTrue(unknown.endsWith("\r\n\r\nClient Error\n"), unknown);
        assertThrows(IllegalArgumentException.class, () -> ServerHandshake.rejectResponse(200, "ok", null));
    }

    @Test
    void plainResponseServesABody() {
        byte[] page = "<h1>hi</h1>".getBytes(StandardCharsets.UTF_8);
        assertEquals("HTTP/1.1 200 OK\r\n"
                + "Content-Type: text/html; charset=utf-8\r\n"
                + "Content-Length: 11\r\n"
                + "Connection: close\r\n"
                + "\r\n"
                + "<h1>hi</h1>", text(ServerHandshake.plainResponse(200, "text/html; charset=utf-8", page)));
        assertThrows(IllegalArgumentException.class, () -> ServerHandshake.plainResponse(204, "text/plain", page));
        assertThrows(IllegalArgumentException.class, () -> ServerHandshake.plainResponse(101, "text/plain", page));
    }
}
