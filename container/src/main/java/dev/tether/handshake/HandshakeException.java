package dev.tether.handshake;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An opening handshake that cannot go on, with the HTTP status that goes with it.
 *
 * <p>Unchecked, like {@link dev.tether.protocol.CloseException}: the transport catches it in
 * one place and, on the server side, answers with
 * {@link ServerHandshake#rejectResponse(HandshakeException)} before closing the connection.
 * The message is a short reason naming the rule that failed ("missing Host header"); tests
 * and readers find the rule by searching for it.
 *
 * <p>What {@link #status()} means depends on the side:
 * <ul>
 *   <li>server side (request parsing and {@link ServerHandshake#validate}): the status to
 *       answer with, such as 400, 426 or 431;</li>
 *   <li>client side ({@link ClientHandshake#validate}): the status the server answered with
 *       when it refused the upgrade (404, 403…), or 502 when its answer was not a valid
 *       handshake response (malformed head, wrong {@code Sec-WebSocket-Accept}…).</li>
 * </ul>
 *
 * <p>{@link #headers()} holds extra response headers the answer must carry, such as
 * {@code Sec-WebSocket-Version: 13} on a 426. Immutable.
 */
public class HandshakeException extends RuntimeException {
    public static final int BAD_REQUEST = 400;
    public static final int FORBIDDEN = 403;
    public static final int NOT_FOUND = 404;
    public static final int UPGRADE_REQUIRED = 426;
    public static final int HEADER_FIELDS_TOO_LARGE = 431;
    public static final int BAD_GATEWAY = 502;

    private final int status;
    private final Map<String, List<String>> headers;

    /**
     * @param status the HTTP status, 100-599
     * @param reason a short reason naming the failed rule
     */
    public HandshakeException(int status, String reason) {
        this(status, reason, Map.of());
    }

    /**
     * @param status  the HTTP status, 100-599
     * @param reason  a short reason naming the failed rule
     * @param headers extra headers for the HTTP answer; copied
     * @throws IllegalArgumentException if {@code status} is not a three-digit status
     */
    public HandshakeException(int status, String reason, Map<String, List<String>> headers) {
        // Failures from peers are routine; a stack trace would only cost time.
        super(reason, null, false, false);
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        this.status = status;
        this.headers = copyOf(headers);
    }

    /** 400: the request breaks HTTP or RFC 6455 syntax or rules. */
    public static HandshakeException badRequest(String reason) {
        return new HandshakeException(BAD_REQUEST, reason);
    }

    /** 502: the server's answer to our upgrade request is not a valid handshake response. */
    public static HandshakeException badResponse(String reason) {
        return new HandshakeException(BAD_GATEWAY, reason);
    }

    /** The HTTP status; see the class comment for its meaning on each side. */
    public int status() {
        return status;
    }

    /** The short reason, the same as {@link #getMessage()}. */
    public String reason() {
        return getMessage();
    }

    /** Extra headers the HTTP answer carries; unmodifiable, names case-insensitive. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    private static Map<String, List<String>> copyOf(Map<String, List<String>> headers) {
        if (headers == null || headers.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        return Collections.unmodifiableMap(copy);
    }
}
