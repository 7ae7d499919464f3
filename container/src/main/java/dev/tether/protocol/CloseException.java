package dev.tether.protocol;

/**
 * A failure that ends a WebSocket connection and knows the close code it ends with
 * (RFC 6455 §7.4.1): 1002 for a protocol violation, 1007 for data that does not match its
 * message type, 1009 for a message over the configured limit, 1011 for our own failure.
 *
 * <p>Each check that can fail throws one of these with a message that names the rule, so a
 * reader (or a test) finds the rule by searching for the message. The engine turns it into a
 * close frame in one place.
 */
public class CloseException extends RuntimeException {
    private final int closeCode;

    public CloseException(int closeCode, String message) {
        super(message, null, false, false);
        this.closeCode = closeCode;
    }

    public CloseException(int closeCode, String message, Throwable cause) {
        super(message, cause);
        this.closeCode = closeCode;
    }

    /** The code of the close frame this failure is reported with. */
    public int closeCode() {
        return closeCode;
    }

    /** A violation of RFC 6455 framing or sequencing: close code 1002. */
    public static CloseException protocolError(String rule) {
        return new CloseException(CloseStatus.PROTOCOL_ERROR, rule);
    }

    /** Data inconsistent with its message type, such as invalid UTF-8 in text: close code 1007. */
    public static CloseException badData(String rule) {
        return new CloseException(CloseStatus.INVALID_PAYLOAD, rule);
    }

    /** A message larger than this endpoint accepts: close code 1009. */
    public static CloseException tooBig(String rule) {
        return new CloseException(CloseStatus.MESSAGE_TOO_BIG, rule);
    }
}
