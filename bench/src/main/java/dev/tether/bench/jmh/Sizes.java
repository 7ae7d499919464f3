package dev.tether.bench.jmh;

import java.nio.charset.StandardCharsets;

/** Test data shared by the engine benchmarks. Stateless. */
final class Sizes {
    /** A mask key whose bytes all have the high bit clear: ASCII stays ASCII under it. */
    static final int ASCII_SAFE_KEY = 0x3A1F5C27;

    private Sizes() {
    }

    /** {@code size} bytes of ASCII text. */
    static byte[] ascii(int size) {
        return dev.tether.bench.load.Payloads.words(size);
    }

    /**
     * {@code size} bytes of valid UTF-8 mixing ASCII with 2-, 3- and 4-byte sequences (roughly a
     * quarter of the bytes outside ASCII), padded with ASCII so no sequence is cut.
     */
    static byte[] mixedUtf8(int size) {
        byte[] unit = "price: 12 € — naïve café, 東京 and 🙂 ok; ".getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[size];
        int i = 0;
        while (i + unit.length <= size) {
            System.arraycopy(unit, 0, out, i, unit.length);
            i += unit.length;
        }
        while (i < size) {
            out[i++] = 'x';
        }
        return out;
    }
}
