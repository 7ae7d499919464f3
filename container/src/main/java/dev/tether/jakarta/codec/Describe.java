package dev.tether.jakarta.codec;

import java.nio.ByteBuffer;

/**
 * Short descriptions of messages and types for exception messages, so that a large message
 * never ends up whole in an exception or a log. Stateless and thread-safe.
 */
final class Describe {
    /** How many characters of a text message an exception message quotes. */
    static final int QUOTED_CHARS = 40;

    private Describe() {
    }

    /** {@code text message "abc"}, cut to {@link #QUOTED_CHARS} characters with its length. */
    static String text(String text) {
        if (text.length() <= QUOTED_CHARS) {
            return "text message \"" + text + "\"";
        }
        return "text message \"" + text.substring(0, QUOTED_CHARS) + "...\" (" + text.length() + " chars)";
    }

    /** {@code binary message of 12 bytes}. */
    static String binary(ByteBuffer data) {
        return "binary message of " + data.remaining() + " bytes";
    }

    /** A class's name as Java source writes it: {@code int}, {@code byte[]}, {@code com.x.Foo}. */
    static String type(Class<?> type) {
        return type.getTypeName();
    }
}
