package dev.tether.protocol;

import java.nio.ByteBuffer;
import java.util.HexFormat;

/** Hex fixtures for tests: "81 05 48 65 6c 6c 6f" to bytes and back. Spaces are ignored on input. */
public final class Hex {
    private static final HexFormat SPACED = HexFormat.ofDelimiter(" ");

    private Hex() {
    }

    /** The bytes a fixture names; whitespace between (or inside) pairs is ignored. */
    public static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
    }

    /** A fresh writable heap buffer holding the fixture's bytes, ready to read. */
    public static ByteBuffer buffer(String hex) {
        return ByteBuffer.wrap(bytes(hex));
    }

    /** Lower-case hex pairs separated by single spaces, the fixtures' own form. */
    public static String of(byte[] bytes) {
        return SPACED.formatHex(bytes);
    }

    /** The remaining bytes of {@code buf}, without moving its position. */
    public static String of(ByteBuffer buf) {
        byte[] b = new byte[buf.remaining()];
        buf.duplicate().get(b);
        return of(b);
    }

    /**
     * A client frame fixture: {@code header} (with the mask bit set), then {@code key}, then
     * {@code payload} masked with the key by the RFC 6455 §5.3 definition, one byte at a time.
     */
    public static String masked(String header, String key, byte[] payload) {
        byte[] k = bytes(key);
        byte[] out = payload.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] ^= k[i % 4];
        }
        return header + " " + key + (out.length == 0 ? "" : " " + of(out));
    }

    /** {@code length} bytes counting up from 0 and wrapping at 251 (a prime, so no 4-byte period). */
    public static byte[] pattern(int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (i % 251);
        }
        return b;
    }
}
