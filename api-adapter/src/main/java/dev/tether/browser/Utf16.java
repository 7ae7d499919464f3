package dev.tether.browser;

import java.nio.charset.StandardCharsets;

/**
 * WebIDL's {@code USVString} conversion for Java strings: a lone surrogate becomes U+FFFD, which
 * is three bytes in UTF-8. ({@link String#getBytes} would turn it into {@code ?}, one byte.)
 */
final class Utf16 {
    private static final char REPLACEMENT = '\uFFFD';

    private Utf16() {
    }

    /** {@code s} with every unpaired surrogate replaced by U+FFFD; {@code s} itself when it has none. */
    static String toScalarValues(String s) {
        int bad = firstLoneSurrogate(s, 0);
        if (bad < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int start = 0;
        while (bad >= 0) {
            out.append(s, start, bad).append(REPLACEMENT);
            start = bad + 1;
            bad = firstLoneSurrogate(s, start);
        }
        return out.append(s, start, s.length()).toString();
    }

    private static int firstLoneSurrogate(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            } else if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** The UTF-8 bytes of the scalar value string for {@code s}. */
    static byte[] utf8(String s) {
        return toScalarValues(s).getBytes(StandardCharsets.UTF_8);
    }

    /** How many bytes {@link #utf8} returns, without encoding. */
    static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3; // the BMP, and a lone surrogate as U+FFFD
            }
        }
        return n;
    }
}
