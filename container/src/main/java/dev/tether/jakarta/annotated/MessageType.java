package dev.tether.jakarta.annotated;

/**
 * The native WebSocket message formats an endpoint can have one {@code @OnMessage} method for
 * (Jakarta WebSocket 2.2 §4.7): text, binary and pong.
 */
public enum MessageType {
    /** Text messages (opcode 0x1 and its continuations). */
    TEXT,
    /** Binary messages (opcode 0x2 and its continuations). */
    BINARY,
    /** Pong control frames. */
    PONG;

    /** Lower-case name used in messages: "text", "binary", "pong". */
    String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
