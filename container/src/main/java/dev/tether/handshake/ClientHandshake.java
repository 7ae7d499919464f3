package dev.tether.handshake;

import static dev.tether.handshake.HeaderNames.CONNECTION;
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
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The client's side of the opening handshake (RFC 6455 §4.1): one upgrade request and the
 * checks on the server's answer.
 *
 * <p>The request is {@code GET <path?query> HTTP/1.1} with, in this order, {@code Host},
 * {@code Upgrade: websocket}, {@code Connection: Upgrade}, {@code Sec-WebSocket-Key},
 * {@code Sec-WebSocket-Version: 13}, {@code Sec-WebSocket-Protocol} and
 * {@code Sec-WebSocket-Extensions} when there are any, then the extra headers. Those seven
 * headers always come from this object's fields: extra headers with their names are skipped,
 * so a caller that lets user code edit the headers (a Jakarta {@code beforeRequest}) passes
 * edited subprotocols and extensions as the lists, not as extra headers.
 *
 * <p>{@link #validate(HttpResponseHead)} applies the rules of §4.1 to the answer and throws
 * {@link HandshakeException} at the first one broken: a status other than 101 (the exception
 * carries that status), a missing {@code websocket} upgrade, a missing {@code Upgrade}
 * connection option, a wrong {@code Sec-WebSocket-Accept}, a subprotocol or extension that
 * was not offered (all these 502).
 *
 * <p>Immutable and thread-safe.
 */
public final class ClientHandshake {
    /** Request headers written from this object's fields; extra headers cannot replace them. */
    private static final Set<String> HANDSHAKE_HEADERS = HeaderNames.caseInsensitiveSet(HOST, UPGRADE,
            CONNECTION, SEC_WEBSOCKET_KEY, SEC_WEBSOCKET_VERSION, SEC_WEBSOCKET_PROTOCOL, SEC_WEBSOCKET_EXTENSIONS);

    private final URI uri;
    private final String key;
    private final List<String> subprotocols;
    private final List<ExtensionOffer> extensions;
    private final String requestTarget;
    private final HttpHeaders requestHeaders;
    private final byte[] request;

    /**
     * The outcome of a successful handshake.
     *
     * @param subprotocol the subprotocol the server chose, or {@code ""} if it chose none (as
     *                    Jakarta's {@code Session.getNegotiatedSubprotocol()} reports it)
     * @param extensions  the extensions the server chose, with its parameters, in its order
     * @param response    the server's 101 response head
     */
    public record Result(String subprotocol, List<ExtensionOffer> extensions, HttpResponseHead response) {
        public Result {
            Objects.requireNonNull(subprotocol, "subprotocol");
            extensions = List.copyOf(extensions);
            Objects.requireNonNull(response, "response");
        }

        /** The response headers: unmodifiable, case-insensitive keys. */
        public Map<String, List<String>> headers() {
            return response.headerMap();
        }
    }

    /**
     * Prepares the handshake for {@code uri}.
     *
     * @param uri          a {@code ws} or {@code wss} URI with a host and no fragment; its raw
     *                     (still encoded) path and query become the request target
     * @param key          the {@code Sec-WebSocket-Key}, from {@link WebSocketKeys#newKey}
     * @param subprotocols subprotocols to offer, most preferred first; tokens, no repeats
     * @param extensions   extensions to offer, most preferred first
     * @param extraHeaders more request headers, one line per value, in the map's order;
     *                     {@code null} entries are skipped, and so are the handshake's own
     *                     headers (see the class comment); may be {@code null}
     * @throws IllegalArgumentException if the URI, key or a subprotocol is unusable, or a
     *                                  header name is not a token or a value holds control characters
     */
    public ClientHandshake(URI uri, String key, List<String> subprotocols, List<ExtensionOffer> extensions,
                           Map<String, List<String>> extraHeaders) {
        this.uri = Objects.requireNonNull(uri, "uri");
        this.key = checkKey(key);
        this.subprotocols = checkSubprotocols(subprotocols);
        this.extensions = List.copyOf(extensions);
        this.requestTarget = targetOf(uri);
        this.requestHeaders = headersFor(hostOf(uri), extraHeaders);
        this.request = writeRequest();
    }

    private static String checkKey(String key) {
        if (!WebSocketKeys.isValidKey(key)) {
            throw new IllegalArgumentException("Sec-WebSocket-Key must be base64 of 16 bytes: " + key);
        }
        return key;
    }

    private static List<String> checkSubprotocols(List<String> subprotocols) {
        Set<String> seen = new HashSet<>();
        for (String subprotocol : subprotocols) {
            if (!HttpSyntax.isToken(subprotocol)) {
                throw new IllegalArgumentException("subprotocol is not a token: " + subprotocol);
            }
            if (!seen.add(subprotocol)) {
                throw new IllegalArgumentException("subprotocol offered twice: " + subprotocol);
            }
        }
        return List.copyOf(subprotocols);
    }

    /** RFC 6455 §3: the resource name is the path (or "/") and the query. */
    private static String targetOf(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            throw new IllegalArgumentException("URI scheme must be ws or wss: " + uri);
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException("URI must not have a fragment: " + uri);
        }
        String path = uri.getRawPath();
        String target = path == null || path.isEmpty() ? "/" : path;
        return uri.getRawQuery() == null ? target : target + '?' + uri.getRawQuery();
    }

    /** {@code host[:port]}, the port left out when it is the scheme's default, IPv6 in brackets. */
    private static String hostOf(URI uri) {
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("URI has no host: " + uri);
        }
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = '[' + host + ']';
        }
        int port = uri.getPort();
        int defaultPort = uri.getScheme().equalsIgnoreCase("wss") ? 443 : 80;
        return port < 0 || port == defaultPort ? host : host + ':' + port;
    }

    private HttpHeaders headersFor(String host, Map<String, List<String>> extraHeaders) {
        List<HttpHeaders.Field> fields = new ArrayList<>();
        fields.add(new HttpHeaders.Field(HOST, host));
        fields.add(new HttpHeaders.Field(UPGRADE, WEBSOCKET));
        fields.add(new HttpHeaders.Field(CONNECTION, UPGRADE));
        fields.add(new HttpHeaders.Field(SEC_WEBSOCKET_KEY, key));
        fields.add(new HttpHeaders.Field(SEC_WEBSOCKET_VERSION, VERSION_13));
        if (!subprotocols.isEmpty()) {
            fields.add(new HttpHeaders.Field(SEC_WEBSOCKET_PROTOCOL, String.join(", ", subprotocols)));
        }
        if (!extensions.isEmpty()) {
            fields.add(new HttpHeaders.Field(SEC_WEBSOCKET_EXTENSIONS, ExtensionOffer.toHeaderValue(extensions)));
        }
        if (extraHeaders != null) {
            extraHeaders.forEach((name, values) -> {
                if (name == null || values == null || HANDSHAKE_HEADERS.contains(name)) {
                    return;
                }
                for (String value : values) {
                    if (value != null) {
                        fields.add(new HttpHeaders.Field(name, value));
                    }
                }
            });
        }
        return HttpHeaders.of(fields);
    }

    private byte[] writeRequest() {
        HeadWriter head = new HeadWriter("GET " + requestTarget + " HTTP/1.1");
        for (HttpHeaders.Field field : requestHeaders.fields()) {
            head.header(field.name(), field.value());
        }
        return head.toBytes();
    }

    /** The URI this handshake connects to. */
    public URI uri() {
        return uri;
    }

    /** The {@code Sec-WebSocket-Key} sent. */
    public String key() {
        return key;
    }

    /** The subprotocols offered, most preferred first. */
    public List<String> subprotocols() {
        return subprotocols;
    }

    /** The extensions offered, most preferred first. */
    public List<ExtensionOffer> extensions() {
        return extensions;
    }

    /** The request-target of the request line: raw path (or {@code /}) and query. */
    public String requestTarget() {
        return requestTarget;
    }

    /** The request's headers in the order sent. */
    public HttpHeaders requestHeaderFields() {
        return requestHeaders;
    }

    /** The request's headers by name: unmodifiable, case-insensitive keys. */
    public Map<String, List<String>> requestHeaders() {
        return requestHeaders.asMap();
    }

    /** The bytes of the whole request head, blank line included; a fresh copy on each call. */
    public byte[] request() {
        return request.clone();
    }

    /**
     * Checks the server's answer against RFC 6455 §4.1 (see the class comment).
     *
     * @param response the parsed response head
     * @return the negotiated subprotocol and extensions
     * @throws HandshakeException at the first rule the answer breaks: with the response's own
     *                            status when it is not 101, else with 502
     */
    public Result validate(HttpResponseHead response) {
        checkStatus(response);
        checkUpgrade(response);
        checkConnection(response);
        checkAccept(response);
        String subprotocol = checkSubprotocol(response);
        List<ExtensionOffer> chosen = checkExtensions(response);
        return new Result(subprotocol, chosen, response);
    }

    private static void checkStatus(HttpResponseHead response) {
        int status = response.status();
        if (status == 101) {
            return;
        }
        String phrase = response.reasonPhrase().isEmpty() ? StatusPhrases.of(status) : response.reasonPhrase();
        String reason = "server answered " + status + ' ' + phrase + " instead of 101";
        throw new HandshakeException(status <= 599 ? status : HandshakeException.BAD_GATEWAY, reason);
    }

    private static void checkUpgrade(HttpResponseHead response) {
        if (!response.headerFields().containsToken(UPGRADE, WEBSOCKET)) {
            throw HandshakeException.badResponse("Upgrade header must be websocket");
        }
    }

    private static void checkConnection(HttpResponseHead response) {
        if (!response.headerFields().containsToken(CONNECTION, UPGRADE)) {
            throw HandshakeException.badResponse("Connection header must contain Upgrade");
        }
    }

    private void checkAccept(HttpResponseHead response) {
        List<String> accepts = response.headers(SEC_WEBSOCKET_ACCEPT);
        if (accepts.isEmpty()) {
            throw HandshakeException.badResponse("missing Sec-WebSocket-Accept header");
        }
        if (accepts.size() > 1) {
            throw HandshakeException.badResponse("more than one Sec-WebSocket-Accept header");
        }
        if (!accepts.get(0).equals(WebSocketKeys.acceptFor(key))) {
            throw HandshakeException.badResponse("Sec-WebSocket-Accept does not match the key");
        }
    }

    private String checkSubprotocol(HttpResponseHead response) {
        List<String> selected = response.headerFields().listElements(SEC_WEBSOCKET_PROTOCOL);
        if (selected.isEmpty()) {
            return "";
        }
        if (selected.size() > 1) {
            throw HandshakeException.badResponse("server selected more than one subprotocol");
        }
        String subprotocol = selected.get(0);
        if (!subprotocols.contains(subprotocol)) {
            throw HandshakeException.badResponse("server selected subprotocol " + subprotocol + " that was not offered");
        }
        return subprotocol;
    }

    private List<ExtensionOffer> checkExtensions(HttpResponseHead response) {
        List<ExtensionOffer> chosen;
        try {
            chosen = ExtensionOffer.parseAll(response.headers(SEC_WEBSOCKET_EXTENSIONS));
        } catch (IllegalArgumentException e) {
            throw HandshakeException.badResponse("malformed Sec-WebSocket-Extensions header: " + e.getMessage());
        }
        for (ExtensionOffer extension : chosen) {
            if (!wasOffered(extension.name())) {
                throw HandshakeException.badResponse(
                        "server selected extension " + extension.name() + " that was not offered");
            }
        }
        return chosen;
    }

    private boolean wasOffered(String extensionName) {
        for (ExtensionOffer offer : extensions) {
            if (offer.name().equals(extensionName)) {
                return true;
            }
        }
        return false;
    }
}
