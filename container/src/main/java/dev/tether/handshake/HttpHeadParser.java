package dev.tether.handshake;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * An incremental, bounded parser of one HTTP/1.1 head (RFC 9112 §2-§5): the start line and
 * the header fields up to and including the blank line.
 *
 * <p>Feed it bytes as they arrive, split anywhere, even one at a time:
 * {@link #parse(ByteBuffer)} consumes what it reads and returns {@code null} until the head
 * is complete, then returns the head. It never reads past the blank line, so bytes that
 * follow the head in the same read (WebSocket frames right after a 101 response, say) stay
 * in the buffer for the next layer.
 *
 * <p>Rules: bytes are ISO-8859-1; lines end in CRLF or a bare LF; empty lines before the
 * start line are skipped (RFC 9112 §2.2); header values lose surrounding spaces and tabs.
 * Rejected with {@link HandshakeException}: a head over the size limit or with too many
 * fields (431 for requests), a malformed start line, a header line without a colon or with
 * whitespace before it, a folded (obs-fold) line, a name that is not a token, and control
 * characters in a value (400 for requests). A response parser reports every failure as 502,
 * meaning "the server's answer is not valid HTTP".
 *
 * <p>Single-threaded and mutable: one parser per connection, used by one thread at a time.
 * It parses one head; after it returned a head or threw, {@code parse} throws
 * {@link IllegalStateException}.
 *
 * @param <H> {@link HttpRequestHead} or {@link HttpResponseHead}
 */
public final class HttpHeadParser<H extends HttpHead> {
    /** Default limit on the bytes of a head: start line, header lines and line ends. */
    public static final int DEFAULT_MAX_HEAD_SIZE = 8192;
    /** Default limit on the number of header lines. */
    public static final int DEFAULT_MAX_HEADERS = 100;

    private enum State {
        /** Before the start line, skipping empty lines. */
        START_LINE,
        /** Reading header lines until the blank one. */
        HEADERS,
        /** A head was returned. */
        DONE,
        /** A violation was thrown; terminal. */
        FAILED
    }

    /** Checks a start line and returns what builds the head once the fields are known. */
    private interface StartLineParser<H> {
        Function<HttpHeaders, H> parse(String line);
    }

    private final StartLineParser<H> startLineParser;
    private final int maxHeadSize;
    private final int maxHeaders;
    private final int malformedStatus;
    private final int tooLargeStatus;

    private State state = State.START_LINE;
    private byte[] line = new byte[128];
    private int lineLength;
    private int consumed;
    private Function<HttpHeaders, H> headBuilder;
    private final List<HttpHeaders.Field> fields = new ArrayList<>();

    private HttpHeadParser(StartLineParser<H> startLineParser, int maxHeadSize, int maxHeaders,
                           int malformedStatus, int tooLargeStatus) {
        if (maxHeadSize <= 0 || maxHeaders < 0) {
            throw new IllegalArgumentException(
                    "need maxHeadSize > 0 and maxHeaders >= 0: " + maxHeadSize + ", " + maxHeaders);
        }
        this.startLineParser = startLineParser;
        this.maxHeadSize = maxHeadSize;
        this.maxHeaders = maxHeaders;
        this.malformedStatus = malformedStatus;
        this.tooLargeStatus = tooLargeStatus;
    }

    /** A request parser with the default limits (8192 bytes, 100 fields). */
    public static HttpHeadParser<HttpRequestHead> forRequests() {
        return forRequests(DEFAULT_MAX_HEAD_SIZE, DEFAULT_MAX_HEADERS);
    }

    /**
     * A request parser: malformed input fails with 400, input over a limit with 431.
     *
     * @param maxHeadSize most bytes in the head, blank line included
     * @param maxHeaders  most header lines
     */
    public static HttpHeadParser<HttpRequestHead> forRequests(int maxHeadSize, int maxHeaders) {
        return new HttpHeadParser<>(HttpHeadParser::requestLine, maxHeadSize, maxHeaders,
                HandshakeException.BAD_REQUEST, HandshakeException.HEADER_FIELDS_TOO_LARGE);
    }

    /** A response parser with the default limits (8192 bytes, 100 fields). */
    public static HttpHeadParser<HttpResponseHead> forResponses() {
        return forResponses(DEFAULT_MAX_HEAD_SIZE, DEFAULT_MAX_HEADERS);
    }

    /**
     * A response parser: every failure is reported with status 502.
     *
     * @param maxHeadSize most bytes in the head, blank line included
     * @param maxHeaders  most header lines
     */
    public static HttpHeadParser<HttpResponseHead> forResponses(int maxHeadSize, int maxHeaders) {
        return new HttpHeadParser<>(HttpHeadParser::statusLine, maxHeadSize, maxHeaders,
                HandshakeException.BAD_GATEWAY, HandshakeException.BAD_GATEWAY);
    }

    /**
     * Consumes bytes of the head from {@code in}.
     *
     * @param in bytes from the peer; on return its position is just past what was consumed:
     *           all of it if the head is incomplete, up to the end of the blank line otherwise
     * @return the head once its blank line has been read, else {@code null}
     * @throws HandshakeException    if the bytes break a rule or a limit; the parser is then dead
     * @throws IllegalStateException if a head was already returned or a failure thrown
     */
    public H parse(ByteBuffer in) {
        if (state == State.DONE || state == State.FAILED) {
            throw new IllegalStateException("parser already " + (state == State.DONE ? "finished" : "failed"));
        }
        try {
            while (in.hasRemaining()) {
                byte b = in.get();
                if (++consumed > maxHeadSize) {
                    throw new HandshakeException(tooLargeStatus, "HTTP head larger than " + maxHeadSize + " bytes");
                }
                if (b != '\n') {
                    append(b);
                    continue;
                }
                H head = endOfLine(takeLine());
                if (head != null) {
                    state = State.DONE;
                    line = null;
                    return head;
                }
            }
            return null;
        } catch (HandshakeException e) {
            state = State.FAILED;
            throw e;
        }
    }

    private void append(byte b) {
        if (lineLength == line.length) {
            line = Arrays.copyOf(line, Math.min(line.length * 2, maxHeadSize));
        }
        line[lineLength++] = b;
    }

    /** The line read so far without its CR, decoded as ISO-8859-1; the line buffer is then empty. */
    private String takeLine() {
        int length = lineLength;
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        lineLength = 0;
        return new String(line, 0, length, StandardCharsets.ISO_8859_1);
    }

    private H endOfLine(String text) {
        if (state == State.START_LINE) {
            if (!text.isEmpty()) {
                headBuilder = startLineParser.parse(text);
                state = State.HEADERS;
            }
            return null;
        }
        if (text.isEmpty()) {
            return headBuilder.apply(HttpHeaders.of(fields));
        }
        if (fields.size() == maxHeaders) {
            throw new HandshakeException(tooLargeStatus, "more than " + maxHeaders + " header fields");
        }
        fields.add(headerField(text));
        return null;
    }

    /** {@code field-name ":" OWS field-value OWS} (RFC 9112 §5). */
    private HttpHeaders.Field headerField(String text) {
        if (HttpSyntax.isWhitespace(text.charAt(0))) {
            throw malformed("obsolete line folding in header");
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw malformed("header line without colon");
        }
        String name = text.substring(0, colon);
        if (!name.isEmpty() && HttpSyntax.isWhitespace(name.charAt(name.length() - 1))) {
            throw malformed("whitespace before colon in header");
        }
        if (!HttpSyntax.isToken(name)) {
            throw malformed("malformed header name");
        }
        String value = HttpSyntax.trimWhitespace(text.substring(colon + 1));
        if (!HttpSyntax.isFieldValue(value)) {
            throw malformed("control character in header value");
        }
        return new HttpHeaders.Field(name, value);
    }

    /** {@code method SP request-target SP HTTP-version} (RFC 9112 §3). */
    private static Function<HttpHeaders, HttpRequestHead> requestLine(String text) {
        int firstSpace = text.indexOf(' ');
        int secondSpace = firstSpace < 0 ? -1 : text.indexOf(' ', firstSpace + 1);
        if (secondSpace < 0 || text.indexOf(' ', secondSpace + 1) >= 0) {
            throw HandshakeException.badRequest("malformed request line");
        }
        String method = text.substring(0, firstSpace);
        String target = text.substring(firstSpace + 1, secondSpace);
        String version = text.substring(secondSpace + 1);
        if (!HttpSyntax.isToken(method)) {
            throw HandshakeException.badRequest("malformed method");
        }
        if (!isRequestTarget(target)) {
            throw HandshakeException.badRequest("malformed request target");
        }
        if (!HttpSyntax.isHttpVersion(version)) {
            throw HandshakeException.badRequest("malformed HTTP version");
        }
        return headers -> new HttpRequestHead(method, target, version, headers);
    }

    private static boolean isRequestTarget(String target) {
        if (target.isEmpty()) {
            return false;
        }
        for (int i = 0; i < target.length(); i++) {
            if (!HttpSyntax.isVisible(target.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code HTTP-version SP status-code SP [reason-phrase]} (RFC 9112 §4); a missing space
     * after the code is tolerated, as many clients do.
     */
    private static Function<HttpHeaders, HttpResponseHead> statusLine(String text) {
        if (text.length() < 12 || text.charAt(8) != ' ') {
            throw HandshakeException.badResponse("malformed status line");
        }
        String version = text.substring(0, 8);
        if (!HttpSyntax.isHttpVersion(version)) {
            throw HandshakeException.badResponse("malformed HTTP version");
        }
        String code = text.substring(9, 12);
        if (!HttpSyntax.isDigit(code.charAt(0)) || !HttpSyntax.isDigit(code.charAt(1))
                || !HttpSyntax.isDigit(code.charAt(2)) || code.charAt(0) == '0') {
            throw HandshakeException.badResponse("malformed status code");
        }
        String reason = "";
        if (text.length() > 12) {
            if (text.charAt(12) != ' ') {
                throw HandshakeException.badResponse("malformed status line");
            }
            reason = text.substring(13);
            if (!HttpSyntax.isFieldValue(reason)) {
                throw HandshakeException.badResponse("control character in reason phrase");
            }
        }
        int status = Integer.parseInt(code);
        String reasonPhrase = reason;
        return headers -> new HttpResponseHead(version, status, reasonPhrase, headers);
    }

    private HandshakeException malformed(String reason) {
        return new HandshakeException(malformedStatus, reason);
    }
}
