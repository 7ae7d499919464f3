package dev.tether.protocol;

/**
 * The frame opcodes of RFC 6455 §5.2 and what each one means.
 *
 * <pre>
 *  0x0 continuation   0x1 text     0x2 binary    0x3-0x7 reserved (data)
 *  0x8 close          0x9 ping     0xA pong      0xB-0xF reserved (control)
 * </pre>
 *
 * Control frames are those whose opcode has the high bit (0x8) set (RFC 6455 §5.5).
 * This class only holds constants and pure functions; it is safe from any thread.
 */
public final class OpCode {
    public static final int CONTINUATION = 0x0;
    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;

    private OpCode() {
    }

    /** Whether the opcode is a control opcode (close, ping, pong or a reserved one), RFC 6455 §5.5. */
    public static boolean isControl(int opcode) {
        return (opcode & 0x8) != 0;
    }

    /** Whether RFC 6455 defines the opcode; all others are reserved and a protocol error. */
    public static boolean isDefined(int opcode) {
        return switch (opcode) {
            case CONTINUATION, TEXT, BINARY, CLOSE, PING, PONG -> true;
            default -> false;
        };
    }

    /** A readable name for logs and error messages. */
    public static String name(int opcode) {
        return switch (opcode) {
            case CONTINUATION -> "CONTINUATION";
            case TEXT -> "TEXT";
            case BINARY -> "BINARY";
            case CLOSE -> "CLOSE";
            case PING -> "PING";
            case PONG -> "PONG";
            default -> "RESERVED(0x" + Integer.toHexString(opcode) + ")";
        };
    }
}
