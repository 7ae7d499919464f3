package dev.tether.handshake;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Shared handshake fixtures: the RFC 6455 §1.2 examples and a one-shot parse. */
final class Fixtures {
    /** The client handshake of RFC 6455 §1.2. */
    static final String RFC_REQUEST = "GET /chat HTTP/1.1\r\n"
            + "Host: server.example.com\r\n"
            + "Upgrade: websocket\r\n"
            + "Connection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            + "Origin: http://example.com\r\n"
            + "Sec-WebSocket-Protocol: chat, superchat\r\n"
            + "Sec-WebSocket-Version: 13\r\n"
            + "\r\n";

    /** The server handshake of RFC 6455 §1.2. */
    static final String RFC_RESPONSE = "HTTP/1.1 101 Switching Protocols\r\n"
            + "Upgrade: websocket\r\n"
            + "Connection: Upgrade\r\n"
            + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
            + "Sec-WebSocket-Protocol: chat\r\n"
            + "\r\n";

    static final String RFC_KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    static final String RFC_ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    private Fixtures() {
    }

    static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** Parses a complete request head; fails if it is incomplete. */
    static HttpRequestHead request(String text) {
        HttpRequestHead head = HttpHeadParser.forRequests().parse(bytes(text));
        if (head == null) {
            throw new AssertionError("incomplete head: " + text);
        }
        return head;
    }

    /** Parses a complete response head; fails if it is incomplete. */
    static HttpResponseHead response(String text) {
        HttpResponseHead head = HttpHeadParser.forResponses().parse(bytes(text));
        if (head == null) {
            throw new AssertionError("incomplete head: " + text);
        }
        return head;
    }

    /** The RFC request with {@code header} (a whole line without CRLF, or "") replacing the line that starts with {@code name}. */
    static String rfcRequestWith(String name, String header) {
        StringBuilder out = new StringBuilder();
        for (String line : RFC_REQUEST.split("\r\n", -1)) {
            if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                if (!header.isEmpty()) {
                    out.append(header).append("\r\n");
                }
            } else if (!line.isEmpty()) {
                out.append(line).append("\r\n");
            }
        }
        return out.append("\r\n").toString();
    }
}
