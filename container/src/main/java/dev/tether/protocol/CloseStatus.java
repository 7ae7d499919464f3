package dev.tether.protocol;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A close code and reason as carried by a close frame (RFC 6455 §5.5.1, §7.4).
 *
 * <p>Codes fall in two groups: those that may travel in a close frame (1000-1003,
 * 1007-1014 and the registered/private range 3000-4999) and those that only report a local
 * condition and must never be sent (1005 "no status", 1006 "abnormal", 1015 "TLS failure").
 * Everything else (0-999, 1004, 1016-2999, 5000+) is reserved and a protocol error on receipt.
 *
 * <p>Immutable and thread-safe.
 *
 * @param code   the close code
 * @param reason the reason text, never {@code null}; at most {@link #MAX_REASON_BYTES} UTF-8 bytes on the wire
 */
public record CloseStatus(int code, String reason) {
    public static final int NORMAL = 1000;
    public static final int GOING_AWAY = 1001;
    public static final int PROTOCOL_ERROR = 1002;
    public static final int UNSUPPORTED_DATA = 1003;
    /** Local only: the peer's close frame had no code. */
    public static final int NO_STATUS = 1005;
    /** Local only: the connection ended without a closing handshake. */
    public static final int ABNORMAL = 1006;
    public static final int INVALID_PAYLOAD = 1007;
    public static final int POLICY_VIOLATION = 1008;
    public static final int MESSAGE_TOO_BIG = 1009;
    public static final int MANDATORY_EXTENSION = 1010;
    public static final int INTERNAL_ERROR = 1011;
    public static final int SERVICE_RESTART = 1012;
    public static final int TRY_AGAIN_LATER = 1013;
    public static final int BAD_GATEWAY = 1014;
    /** Local only: the TLS handshake failed. */
    public static final int TLS_HANDSHAKE = 1015;

    /** A close frame's payload is at most 125 bytes, two of which hold the code. */
    public static final int MAX_REASON_BYTES = 123;

    public CloseStatus {
        if (reason == null) {
            reason = "";
        }
    }

    public CloseStatus(int code) {
        this(code, "");
    }

    /** Whether {@code code} may be put in a close frame, and so also be accepted from a peer. */
    public static boolean mayBeSent(int code) {
        return (code >= 1000 && code <= 1003)
                || (code >= 1007 && code <= 1014)
                || (code >= 3000 && code <= 4999);
    }

    /**
     * Reads a received close frame's payload, leaving {@code payload}'s position unchanged.
     * An empty payload means {@link #NO_STATUS}.
     *
     * @throws CloseException 1002 for a one-byte payload or a code that may not be sent,
     *                        1007 for a reason that is not valid UTF-8
     */
    public static CloseStatus decode(ByteBuffer payload) {
        int length = payload.remaining();
        if (length == 0) {
            return new CloseStatus(NO_STATUS);
        }
        if (length == 1) {
            throw CloseException.protocolError("close frame payload of one byte");
        }
        int pos = payload.position();
        int code = ((payload.get(pos) & 0xFF) << 8) | (payload.get(pos + 1) & 0xFF);
        if (!mayBeSent(code)) {
            throw CloseException.protocolError("close code " + code + " may not be sent");
        }
        if (length == 2) {
            return new CloseStatus(code);
        }
        ByteBuffer reasonBytes = payload.duplicate().position(pos + 2);
        try {
            String reason = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(reasonBytes)
                    .toString();
            return new CloseStatus(code, reason);
        } catch (CharacterCodingException e) {
            throw CloseException.badData("close reason is not valid UTF-8");
        }
    }

    /**
     * The payload of a close frame carrying this status: the code in network byte order and
     * the reason in UTF-8, cut at a character boundary to {@link #MAX_REASON_BYTES}.
     * {@link #NO_STATUS} encodes as an empty payload.
     *
     * @throws IllegalStateException if the code is one that may not be sent
     */
    public ByteBuffer encode() {
        if (code == NO_STATUS) {
            return ByteBuffer.allocate(0);
        }
        if (!mayBeSent(code)) {
            throw new IllegalStateException("close code " + code + " may not be sent");
        }
        ByteBuffer out = ByteBuffer.allocate(2 + MAX_REASON_BYTES);
        out.put((byte) (code >>> 8)).put((byte) code);
        StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .encode(CharBuffer.wrap(reason), out, true);
        return out.flip();
    }

    @Override
    public String toString() {
        return reason.isEmpty() ? Integer.toString(code) : code + " " + reason;
    }
}
