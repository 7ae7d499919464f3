package dev.tether.handshake;

import static dev.tether.handshake.HeaderNames.CONNECTION;
import static dev.tether.handshake.HeaderNames.CONTENT_LENGTH;
import static dev.tether.handshake.HeaderNames.CONTENT_TYPE;
import static dev.tether.handshake.HeaderNames.HOST;
import static dev.tether.handshake.HeaderNames.SEC_WEBSOCKET_ACCEPT;
import static dev.tether.handshake.HeaderNames.SEC_WEBSOCKET_EXTENSIONS;
import static dev.tether.handshake.HeaderNames.SEC_WEBSOCKET_KEY;
import static dev.tether.handshake.HeaderNames.SEC_WEBSOCKET_PROTOCOL;
import static dev.tether.handshake.HeaderNames.SEC_WEBSOCKET_VERSION;
import static dev.tether.handshake.HeaderNames.UPGRADE;
import static dev.tether.handshake.HeaderNames.VERSION_13;
import static dev.tether.handshake.HeaderNames.WEBSOCKET;

import dev.tether.protocol.WebSocketKeys;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The server's side of the opening handshake (RFC 6455 §4.2): checks an upgrade request and
 * writes the answer, 101 or a refusal.
 *
 * <p>{@link #validate(HttpRequestHead)} applies each rule of §4.2.1 as a named check with its
 * own message, in this order, and throws {@link HandshakeException} at the first failure:
 * <ol>
 *   <li>the method is {@code GET}, else 400 "method must be GET" (400 rather than 405, as
 *       §4.2.2 suggests, so every malformed handshake gets the same status);</li>
 *   <li>the HTTP version is 1.1 or later, else 400;</li>
 *   <li>exactly one {@code Host} header, else 400;</li>
 *   <li>{@code Upgrade} lists the token {@code websocket} (any case), else 400;</li>
 *   <li>{@code Connection} lists the token {@code Upgrade} (any case, over several headers),
 *       else 400;</li>
 *   <li>exactly one {@code Sec-WebSocket-Key}, base64 of 16 bytes, else 400;</li>
 *   <li>{@code Sec-WebSocket-Version} is {@code 13}: missing is 400 (the request is not a
 *       WebSocket handshake at all); any other value is 426 with
 *       {@code Sec-WebSocket-Version: 13} so the client can retry (§4.4).</li>
 * </ol>
 * Choosing a subprotocol, extensions or refusing by path or origin is the caller's job; the
 * helpers here parse what the client offered.
 *
 * <p>Stateless and thread-safe.
 */
public final class ServerHandshake {
    /** Response headers a caller cannot override in {@link #acceptResponse}. */
    private static final Set<String> ACCEPT_HEADERS = HeaderNames.caseInsensitiveSet(
            UPGRADE, CONNECTION, SEC_WEBSOCKET_ACCEPT, SEC_WEBSOCKET_PROTOCOL, SEC_WEBSOCKET_EXTENSIONS);
    /** Response headers a caller cannot override in the plain responses. */
    private static final Set<String> PLAIN_HEADERS = HeaderNames.caseInsensitiveSet(
            CONTENT_TYPE, CONTENT_LENGTH, CONNECTION);

    private ServerHandshake() {
    }

    /**
     * Whether {@code request} asks for a WebSocket upgrade at all: its {@code Upgrade} header
     * lists {@code websocket}. A transport that also serves plain HTTP uses this to choose
     * between {@link #validate} and a plain answer.
     */
    public static boolean isUpgradeRequest(HttpRequestHead request) {
        return request.headerFields().containsToken(UPGRADE, WEBSOCKET);
    }

    /**
     * Checks an opening handshake request against RFC 6455 §4.2.1; see the class comment for
     * the rules, their order and their statuses.
     *
     * @return the {@code Sec-WebSocket-Key} to answer with {@link #acceptResponse}
     * @throws HandshakeException at the first rule the request breaks
     */
    public static String validate(HttpRequestHead request) {
        checkMethod(request);
        checkHttpVersion(request);
        checkHost(request);
        checkUpgrade(request);
        checkConnection(request);
        String key = checkKey(request);
        checkWebSocketVersion(request);
        return key;
    }

    private static void checkMethod(HttpRequestHead request) {
        if (!request.method().equals("GET")) {
            throw HandshakeException.badRequest("method must be GET");
        }
    }

    private static void checkHttpVersion(HttpRequestHead request) {
        if (!HttpSyntax.isAtLeastHttp11(request.version())) {
            throw HandshakeException.badRequest("HTTP version must be 1.1 or later");
        }
    }

    private static void checkHost(HttpRequestHead request) {
        List<String> hosts = request.headers(HOST);
        if (hosts.isEmpty()) {
            throw HandshakeException.badRequest("missing Host header");
        }
        if (hosts.size() > 1) {
            throw HandshakeException.badRequest("more than one Host header");
        }
    }

    private static void checkUpgrade(HttpRequestHead request) {
        if (!isUpgradeRequest(request)) {
            throw HandshakeException.badRequest("Upgrade header must be websocket");
        }
    }

    private static void checkConnection(HttpRequestHead request) {
        if (!request.headerFields().containsToken(CONNECTION, UPGRADE)) {
            throw HandshakeException.badRequest("Connection header must contain Upgrade");
        }
    }

    private static String checkKey(HttpRequestHead request) {
        List<String> keys = request.headers(SEC_WEBSOCKET_KEY);
        if (keys.isEmpty()) {
            throw HandshakeException.badRequest("missing Sec-WebSocket-Key header");
        }
        if (keys.size() > 1) {
            throw HandshakeException.badRequest("more than one Sec-WebSocket-Key header");
        }
        if (!WebSocketKeys.isValidKey(keys.get(0))) {
            throw HandshakeException.badRequest("Sec-WebSocket-Key must be base64 of 16 bytes");
        }
        return keys.get(0);
    }

    private static void checkWebSocketVersion(HttpRequestHead request) {
        List<String> versions = request.headers(SEC_WEBSOCKET_VERSION);
        if (versions.isEmpty()) {
            throw HandshakeException.badRequest("missing Sec-WebSocket-Version header");
        }
        if (versions.size() != 1 || !versions.get(0).equals(VERSION_13)) {
            throw new HandshakeException(HandshakeException.UPGRADE_REQUIRED,
                    "unsupported Sec-WebSocket-Version: " + String.join(", ", versions),
                    Map.of(SEC_WEBSOCKET_VERSION, List.of(VERSION_13)));
        }
    }

    /**
     * The subprotocols the client offered, in its order of preference: every
     * {@code Sec-WebSocket-Protocol} header, split at commas, trimmed. Empty if none.
     */
    public static List<String> offeredSubprotocols(HttpRequestHead request) {
        return request.headerFields().listElements(SEC_WEBSOCKET_PROTOCOL);
    }

    /**
     * The extensions the client offered, in its order of preference, from every
     * {@code Sec-WebSocket-Extensions} header. Empty if none.
     *
     * @throws HandshakeException 400 "malformed Sec-WebSocket-Extensions header: …" if a
     *                            header breaks the grammar of RFC 6455 §9.1
     */
    public static List<ExtensionOffer> offeredExtensions(HttpRequestHead request) {
        try {
            return ExtensionOffer.parseAll(request.headers(SEC_WEBSOCKET_EXTENSIONS));
        } catch (IllegalArgumentException e) {
            throw HandshakeException.badRequest("malformed Sec-WebSocket-Extensions header: " + e.getMessage());
        }
    }

    /**
     * The bytes of the 101 answer: status line, {@code Upgrade: websocket},
     * {@code Connection: Upgrade}, {@code Sec-WebSocket-Accept}, then
     * {@code Sec-WebSocket-Protocol} and {@code Sec-WebSocket-Extensions} when given, then the
     * extra headers, then the blank line.
     *
     * @param key          the client's {@code Sec-WebSocket-Key}, as returned by {@link #validate}
     * @param subprotocol  the chosen subprotocol; {@code null} or empty for none
     * @param extensions   the accepted extensions with the parameters of the answer; {@code null}
     *                     or empty for none
     * @param extraHeaders more headers, one line per value; entries named like the headers
     *                     above are skipped, so the negotiated values always win; may be {@code null}
     * @throws IllegalArgumentException if the subprotocol is not a token, a header name is not
     *                                  a token, or a value holds control characters
     */
    public static byte[] acceptResponse(String key, String subprotocol, List<ExtensionOffer> extensions,
                                        Map<String, List<String>> extraHeaders) {
        HeadWriter head = new HeadWriter(HeadWriter.statusLine(101))
                .header(UPGRADE, WEBSOCKET)
                .header(CONNECTION, UPGRADE)
                .header(SEC_WEBSOCKET_ACCEPT, WebSocketKeys.acceptFor(key));
        if (subprotocol != null && !subprotocol.isEmpty()) {
            if (!HttpSyntax.isToken(subprotocol)) {
                throw new IllegalArgumentException("subprotocol is not a token: " + subprotocol);
            }
            head.header(SEC_WEBSOCKET_PROTOCOL, subprotocol);
        }
        if (extensions != null && !extensions.isEmpty()) {
            head.header(SEC_WEBSOCKET_EXTENSIONS, ExtensionOffer.toHeaderValue(extensions));
        }
        return head.headers(extraHeaders, ACCEPT_HEADERS).toBytes();
    }

    /**
     * The bytes of a refusal for {@code failure}: its status, reason and headers.
     *
     * @see #rejectResponse(int, String, Map)
     */
    public static byte[] rejectResponse(HandshakeException failure) {
        return rejectResponse(failure.status(), failure.reason(), failure.headers());
    }

    /**
     * The bytes of a complete refusal: {@code HTTP/1.1 <status> <standard phrase>},
     * {@code Content-Type: text/plain; charset=utf-8}, {@code Content-Length},
     * {@code Connection: close}, the extra headers, and the body {@code reason + "\n"} in
     * UTF-8. The caller closes the connection after writing it.
     *
     * @param status       300-599
     * @param reason       the body text; {@code null} for the standard phrase
     * @param extraHeaders more headers (a 426 carries {@code Sec-WebSocket-Version}); entries
     *                     named like the three above are skipped; may be {@code null}
     * @throws IllegalArgumentException for a status outside 300-599 or a header that cannot
     *                                  be written
     */
    public static byte[] rejectResponse(int status, String reason, Map<String, List<String>> extraHeaders) {
        if (status < 300 || status > 599) {
            throw new IllegalArgumentException("a refusal needs a status of 300-599: " + status);
        }
        String text = reason == null ? StatusPhrases.of(status) : reason;
        byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
        return withBody(status, "text/plain; charset=utf-8", body, extraHeaders);
    }

    /**
     * The bytes of a complete response with a body, for a transport that also serves a page or
     * two: {@code Content-Type}, {@code Content-Length}, {@code Connection: close}, body.
     *
     * @param status      200-599, except 204 and 304 which have no body
     * @param contentType the {@code Content-Type} value, such as {@code text/html; charset=utf-8}
     * @param body        the body bytes
     * @throws IllegalArgumentException for a status that has no body or a content type that
     *                                  cannot be written
     */
    public static byte[] plainResponse(int status, String contentType, byte[] body) {
        if (status < 200 || status > 599 || status == 204 || status == 304) {
            throw new IllegalArgumentException("status has no body: " + status);
        }
        return withBody(status, contentType, body, null);
    }

    private static byte[] withBody(int status, String contentType, byte[] body,
                                   Map<String, List<String>> extraHeaders) {
        return new HeadWriter(HeadWriter.statusLine(status))
                .header(CONTENT_TYPE, contentType)
                .header(CONTENT_LENGTH, Integer.toString(body.length))
                .header(CONNECTION, "close")
                .headers(extraHeaders, PLAIN_HEADERS)
                .toBytes(body);
    }
}
