package dev.tether.browser;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The WHATWG URL Standard's percent-encode sets (§1.3) and UTF-8 percent-encoding. Every set
 * holds the C0 controls and everything above U+007E; each adds the ASCII characters listed.
 */
enum PercentEncoding {
    /** Query percent-encode set plus {@code '} (special schemes' queries). */
    SPECIAL_QUERY(" \"#<>'"),
    /** Query set plus {@code ? ^ ` { }}. */
    PATH(" \"#<>?^`{}"),
    /** Path set plus {@code / : ; = @ [ \ ] |}. */
    USERINFO(" \"#<>?^`{}/:;=@[\\]|");

    private final boolean[] ascii = new boolean[0x80];

    PercentEncoding(String extra) {
        for (int c = 0; c < 0x20; c++) {
            ascii[c] = true;
        }
        ascii[0x7F] = true;
        for (char c : extra.toCharArray()) {
            ascii[c] = true;
        }
    }

    /** Whether the byte (or ASCII character) must be percent-encoded in this set. */
    boolean contains(int b) {
        return b < 0 || b >= 0x80 || ascii[b];
    }

    /** Appends {@code codePoint}, UTF-8 percent-encoded with this set, to {@code out}. */
    void append(StringBuilder out, int codePoint) {
        if (codePoint < 0x80 && !contains(codePoint)) {
            out.append((char) codePoint);
            return;
        }
        for (byte b : new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8)) {
            if (b >= 0 && !contains(b)) {
                out.append((char) b);
            } else {
                appendEscape(out, b & 0xFF);
            }
        }
    }

    /** {@code s}, each code point UTF-8 percent-encoded with this set. */
    String encode(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> append(out, cp));
        return out.toString();
    }

    static void appendEscape(StringBuilder out, int b) {
        out.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
                .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
    }

    /** Percent-decodes the UTF-8 bytes of {@code s}; a {@code %} not followed by two hex digits stays. */
    static byte[] decode(String s) {
        byte[] in = s.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '%' && i + 2 < in.length && hex(in[i + 1]) >= 0 && hex(in[i + 2]) >= 0) {
                out.write(hex(in[i + 1]) * 16 + hex(in[i + 2]));
                i += 2;
            } else {
                out.write(in[i]);
            }
        }
        return out.toByteArray();
    }

    private static int hex(byte b) {
        return b >= 0 ? Character.digit((char) b, 16) : -1;
    }
}
