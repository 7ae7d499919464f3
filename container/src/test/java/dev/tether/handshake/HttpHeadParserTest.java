package dev.tether.handshake;

import static dev.tether.handshake.Fixtures.RFC_REQUEST;
import static dev.tether.handshake.Fixtures.RFC_RESPONSE;
import static dev.tether.handshake.Fixtures.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class HttpHeadParserTest {

    private static void assertRfcRequest(HttpRequestHead head) {
        assertNotNull(head);
        assertEquals("GET", head.method());
        assertEquals("/chat", head.target());
        assertEquals("HTTP/1.1", head.version());
        assertEquals("server.example.com", head.header("host"));
        assertEquals("chat, superchat", head.header("SEC-WEBSOCKET-PROTOCOL"));
        assertEquals(List.of("Host", "Upgrade", "Connection", "Sec-WebSocket-Key", "Origin",
                "Sec-WebSocket-Protocol", "Sec-WebSocket-Version"), head.headerNames());
        assertEquals(7, head.headerFields().size());
    }

    @Test
    void parsesTheRfcRequestInOneRead() {
        ByteBuffer in = bytes(RFC_REQUEST);
        assertRfcRequest(HttpHeadParser.forRequests().parse(in));
        assertEquals(0, in.remaining());
    }

    @Test
    void parsesTheRfcRequestSplitAtEveryPoint() {
        byte[] all = RFC_REQUEST.getBytes(StandardCharsets.ISO_8859_1);
        for (int split = 0; split <= all.length; split++) {
            HttpHeadParser<HttpRequestHead> parser = HttpHeadParser.forRequests();
            ByteBuffer first = ByteBuffer.wrap(all, 0, split);
            HttpRequestHead head = parser.parse(first);
            if (split < all.length) {
                assertNull(head, "complete after " + split + " bytes");
                assertEquals(0, first.remaining(), "first part consumed at split " + split);
                head = parser.parse(ByteBuffer.wrap(all, split, all.length - split));
            }
            assertRfcRequest(head);
        }
    }

    @Test
    void parsesTheRfcRequestOneByteAtATime() {
        byte[] all = RFC_REQUEST.getBytes(StandardCharsets.ISO_8859_1);
        HttpHeadParser<HttpRequestHead> parser = HttpHeadParser.forRequests();
        HttpRequestHead head = null;
        for (int i = 0; i < all.length; i++) {
            ByteBuffer one = ByteBuffer.wrap(all, i, 1);
            head = parser.parse(one);
            assertEquals(0, one.remaining());
            if (i < all.length - 1) {
                assertNull(head, "complete after " + (i + 1) + " bytes");
            }
        }
        assertRfcRequest(head);
    }

    @Test
    void bytesAfterTheHeadStayInTheBuffer() {
        ByteBuffer in = bytes(RFC_RESPONSE + "\u0081\u0002hi");
        HttpResponseHead head = HttpHeadParser.forResponses().parse(in);
        assertEquals(101, head.status());
        assertEquals("Switching Protocols", head.reasonPhrase());
        assertEquals(4, in.remaining());
        assertEquals((byte) 0x81, in.get());
    }

    @Test
    void bytesAfterTheHeadStayWhenTheBlankLineArrivesLater() {
        HttpHeadParser<HttpResponseHead> parser = HttpHeadParser.forResponses();
        String head = RFC_RESPONSE.substring(0, RFC_RESPONSE.length() - 2);
        assertNull(parser.parse(bytes(head)));
        ByteBuffer rest = bytes("\r\nframes");
        assertNotNull(parser.parse(rest));
        assertEquals("frames", StandardCharsets.ISO_8859_1.decode(rest).toString());
    }

    @Test
    void acceptsBareLineFeeds() {
        HttpRequestHead head = Fixtures.request(RFC_REQUEST.replace("\r\n", "\n"));
        assertRfcRequest(head);
    }

    @Test
    void skipsEmptyLinesBeforeTheRequestLine() {
        assertRfcRequest(Fixtures.request("\r\n\n" + RFC_REQUEST));
    }

    @Test
    void keepsTargetAsSentAndSplitsPathAndQuery() {
        HttpRequestHead head = Fixtures.request("GET /chat/a%20b?x=1&y=%3F HTTP/1.1\r\nHost: h\r\n\r\n");
        assertEquals("/chat/a%20b?x=1&y=%3F", head.target());
        assertEquals("/chat/a%20b", head.path());
        assertEquals("x=1&y=%3F", head.query());
        assertNull(Fixtures.request("GET / HTTP/1.1\r\n\r\n").query());
    }

    @Test
    void headersKeepOrderAndRepeatsAndAreTrimmed() {
        HttpRequestHead head = Fixtures.request("GET / HTTP/1.1\r\n"
                + "X-A: \t one \t\r\n"
                + "x-a:two\r\n"
                + "Empty:\r\n"
                + "X-B: inner  space\r\n"
                + "\r\n");
        assertEquals("one", head.header("x-a"));
        assertEquals(List.of("one", "two"), head.headers("X-A"));
        assertEquals("", head.header("empty"));
        assertEquals("inner  space", head.header("X-B"));
        assertEquals(List.of("X-A", "Empty", "X-B"), head.headerNames());
        assertEquals(List.of("one", "two"), head.headerMap().get("X-a"));
        assertNull(head.header("missing"));
        assertEquals(List.of(), head.headers("missing"));
        assertThrows(UnsupportedOperationException.class, () -> head.headerMap().put("x", List.of()));
    }

    @Test
    void decodesBytesAsLatin1() {
        HttpRequestHead head = Fixtures.request("GET / HTTP/1.1\r\nX-Name: caf\u00e9\r\n\r\n");
        assertEquals("caf\u00e9", head.header("x-name"));
    }

    @Test
    void parsesAStatusLineWithoutReasonPhrase() {
        HttpResponseHead head = Fixtures.response("HTTP/1.1 404\r\n\r\n");
        assertEquals(404, head.status());
        assertEquals("", head.reasonPhrase());
        assertEquals(404, Fixtures.response("HTTP/1.1 404 \r\n\r\n").status());
    }

    static Stream<Arguments> malformedRequests() {
        return Stream.of(
                Arguments.of("GET /chat HTTP/1.1 extra\r\n", "malformed request line"),
                Arguments.of("GET  /chat HTTP/1.1\r\n", "malformed request line"),
                Arguments.of("GET /chat\r\n", "malformed request line"),
                Arguments.of("G(T /chat HTTP/1.1\r\n", "malformed method"),
                Arguments.of(" GET /chat HTTP/1.1\r\n", "malformed request line"),
                Arguments.of("GET /ch\u0001at HTTP/1.1\r\n", "malformed request target"),
                Arguments.of("GET /chat HTTP/1\r\n", "malformed HTTP version"),
                Arguments.of("GET /chat http/1.1\r\n", "malformed HTTP version"),
                Arguments.of("GET /chat HTTP/1.1\r\nHost\r\n", "header line without colon"),
                Arguments.of("GET /chat HTTP/1.1\r\nHost : h\r\n", "whitespace before colon in header"),
                Arguments.of("GET /chat HTTP/1.1\r\nHost\t: h\r\n", "whitespace before colon in header"),
                Arguments.of("GET /chat HTTP/1.1\r\nX: a\r\n  b\r\n", "obsolete line folding in header"),
                Arguments.of("GET /chat HTTP/1.1\r\nX: a\r\n\tb\r\n", "obsolete line folding in header"),
                Arguments.of("GET /chat HTTP/1.1\r\n: h\r\n", "malformed header name"),
                Arguments.of("GET /chat HTTP/1.1\r\nX(Y): h\r\n", "malformed header name"),
                Arguments.of("GET /chat HTTP/1.1\r\nX: a\u0000b\r\n", "control character in header value"),
                Arguments.of("GET /chat HTTP/1.1\r\nX: a\rb\r\n", "control character in header value"),
                Arguments.of("GET /chat HTTP/1.1\r\nX: a\u007fb\r\n", "control character in header value"));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("malformedRequests")
    void rejectsMalformedRequestsWith400(String head, String message) {
        HandshakeException e = assertThrows(HandshakeException.class,
                () -> HttpHeadParser.forRequests().parse(bytes(head + "\r\n")));
        assertEquals(400, e.status());
        assertEquals(message, e.getMessage());
    }

    @Test
    void rejectsAHeadOverTheSizeLimitWith431() {
        String big = "GET / HTTP/1.1\r\nX: " + "a".repeat(9000) + "\r\n\r\n";
        HandshakeException e = assertThrows(HandshakeException.class,
                () -> HttpHeadParser.forRequests().parse(bytes(big)));
        assertEquals(431, e.status());
        assertEquals("HTTP head larger than 8192 bytes", e.getMessage());
    }

    @Test
    void sizeLimitCountsEveryByteOfTheHead() {
        String head = "GET / HTTP/1.1\r\n\r\n";
        assertNotNull(HttpHeadParser.forRequests(head.length(), 10).parse(bytes(head)));
        HandshakeException e = assertThrows(HandshakeException.class,
                () -> HttpHeadParser.forRequests(head.length() - 1, 10).parse(bytes(head)));
        assertEquals(431, e.status());
    }

    @Test
    void sizeLimitHoldsAcrossReadsOfOneByte() {
        HttpHeadParser<HttpRequestHead> parser = HttpHeadParser.forRequests(64, 10);
        byte[] endless = ("GET / HTTP/1.1\r\nX: " + "a".repeat(100)).getBytes(StandardCharsets.ISO_8859_1);
        HandshakeException e = assertThrows(HandshakeException.class, () -> {
            for (byte b : endless) {
                parser.parse(ByteBuffer.wrap(new byte[] {b}));
            }
        });
        assertEquals(431, e.status());
    }

    @Test
    void rejectsTooManyHeadersWith431() {
        StringBuilder head = new StringBuilder("GET / HTTP/1.1\r\n");
        for (int i = 0; i < 101; i++) {
            head.append("X-").append(i).append(": v\r\n");
        }
        String text = head.append("\r\n").toString();
        HandshakeException e = assertThrows(HandshakeException.class,
                () -> HttpHeadParser.forRequests().parse(bytes(text)));
        assertEquals(431, e.status());
        assertEquals("more than 100 header fields", e.getMessage());
        String hundred = text.replace("X-100: v\r\n", "");
        assertEquals(100, HttpHeadParser.forRequests().parse(bytes(hundred)).headerFields().size());
    }

    @Test
    void responseFailuresAre502() {
        HandshakeException big = assertThrows(HandshakeException.class,
                () -> HttpHeadParser.forResponses(32, 10).parse(bytes(RFC_RESPONSE)));
        assertEquals(502, big.status());
        assertEquals("HTTP head larger than 32 bytes", big.getMessage());

        HandshakeException folded = assertThrows(HandshakeException.class,
                () -> HttpHeadParser.forResponses().parse(bytes("HTTP/1.1 101 OK\r\nA: b\r\n c\r\n\r\n")));
        assertEquals(502, folded.status());
        assertEquals("obsolete line folding in header", folded.getMessage());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "HTTP/1.1 101Switching | malformed status line",
            "HTTP/1.1  101         | malformed status code",
            "HTTP/1.1 10           | malformed status line",
            "HTTPS/1.1 101 OK      | malformed status line",
            "HTTP/1.x 101 OK       | malformed HTTP version",
            "HTTP/1.1 1x1 OK       | malformed status code",
            "HTTP/1.1 012 OK       | malformed status code",
    })
    void rejectsMalformedStatusLines(String line, String message) {
        HandshakeException e = assertThrows(HandshakeException.class,
                () -> HttpHeadParser.forResponses().parse(bytes(line.strip() + "\r\n\r\n")));
        assertEquals(502, e.status());
        assertEquals(message, e.getMessage());
    }

    @Test
    void isSingleUse() {
        HttpHeadParser<HttpRequestHead> parser = HttpHeadParser.forRequests();
        parser.parse(bytes(RFC_REQUEST));
        assertThrows(IllegalStateException.class, () -> parser.parse(bytes(RFC_REQUEST)));

        HttpHeadParser<HttpRequestHead> failed = HttpHeadParser.forRequests();
        assertThrows(HandshakeException.class, () -> failed.parse(bytes("BAD\r\n")));
        assertThrows(IllegalStateException.class, () -> failed.parse(bytes(RFC_REQUEST)));
    }
}
