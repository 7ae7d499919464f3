package dev.tether.bench.load;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Message bodies: ASCII words chosen by a fixed-seed generator, so text is valid UTF-8, every
 * run sends the same bytes, and permessage-deflate has something realistic to compress.
 */
public final class Payloads {
    private static final String[] WORDS = ("the quick brown fox jumps over lazy dog tether socket frame "
            + "message echo server client buffer deflate window latency handshake session endpoint "
            + "alpha beta gamma delta 0123 4567 89 {\"id\": true, \"value\": null}").split(" ");

    private Payloads() {
    }

    /** {@code size} bytes of words separated by spaces; {@code size >= 0}. */
    public static byte[] words(int size) {
        SplittableRandom random = new SplittableRandom(6455);
        StringBuilder text = new StringBuilder(size + 32);
        while (text.length() < size) {
            text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
        }
        return text.substring(0, size).getBytes(StandardCharsets.US_ASCII);
    }
}
