package dev.tether.protocol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;
import java.util.Random;

/**
 * The opening handshake's key and its answer (RFC 6455 §4.1, §4.2.2).
 *
 * <p>The client sends {@code Sec-WebSocket-Key}: 16 random bytes, base64-encoded. The server
 * proves it understood the WebSocket handshake by answering {@code Sec-WebSocket-Accept}:
 * the base64 of the SHA-1 of the key (as sent, a 24-character string) followed by the fixed
 * {@link #ACCEPT_GUID}.
 *
 * <p>Stateless and thread-safe.
 */
public final class WebSocketKeys {
    /** Appended to the key before hashing (RFC 6455 §1.3). */
    public static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /** Number of random bytes in a key (RFC 6455 §4.1, item 7). */
    public static final int KEY_BYTES = 16;

    /** Length of the base64 text of {@value #KEY_BYTES} bytes, padding included. */
    private static final int KEY_CHARS = 24;

    private WebSocketKeys() {
    }

    /**
     * A new key for a client request.
     *
     * @param secureRandom where the 16 bytes come from; RFC 6455 asks for a nonce that is
     *                     randomly selected, so pass a {@link java.security.SecureRandom}
     * @return 24 characters of base64
     */
    public static String newKey(Random secureRandom) {
        byte[] nonce = new byte[KEY_BYTES];
        secureRandom.nextBytes(nonce);
        return Base64.getEncoder().encodeToString(nonce);
    }

    /**
     * The {@code Sec-WebSocket-Accept} value a server answers to {@code key}.
     *
     * @param key the {@code Sec-WebSocket-Key} value exactly as sent (surrounding whitespace
     *            already trimmed); not checked here, see {@link #isValidKey(String)}
     * @return 28 characters of base64
     * @throws NullPointerException if {@code key} is {@code null}
     */
    public static String acceptFor(String key) {
        Objects.requireNonNull(key, "key");
        byte[] digest = sha1().digest((key + ACCEPT_GUID).getBytes(StandardCharsets.ISO_8859_1));
        return Base64.getEncoder().encodeToString(digest);
    }

    /**
     * Whether {@code key} is a well-formed {@code Sec-WebSocket-Key}: padded base64 that
     * decodes to exactly 16 bytes.
     *
     * @param key the header value, may be {@code null}
     */
    public static boolean isValidKey(String key) {
        if (key == null || key.length() != KEY_CHARS) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(key).length == KEY_BYTES;
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-1 (MessageDigest javadoc).
            throw new IllegalStateException("SHA-1 is not available", e);
        }
    }
}
