package dev.tether.bench.load;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Message bodies: ASCII words drawn by a fixed-seed generator from a vocabulary of a thousand
 * made-up words, with numbers between them, so text is valid UTF-8, every run sends the same
 * bytes, and permessage-deflate meets text that compresses about as well as prose (a tiny
 * vocabulary would make zlib's match search pathologically slow and flatter nobody).
 */
public final class Payloads {
    private static final String[] WORDS = vocabulary();

    private Payloads() {
    }

    private static String[] vocabulary() {
        SplittableRandom random = new SplittableRandom(1951);
        String[] words = new String[1024];
        for (int i = 0; i < words.length; i++) {
            char[] word = new char[2 + random.nextInt(9)];
            for (int j = 0; j < word.length; j++) {
                word[j] = (char) ('a' + random.nextInt(26));
            }
            words[i] = new String(word);
        }
        return words;
    }

    /** {@code size} bytes of words and numbers separated by spaces; {@code size >= 0}. */
    public static byte[] words(int size) {
        SplittableRandom random = new SplittableRandom(6455);
        StringBuilder text = new StringBuilder(size + 32);
        while (text.length() < size) {
            if (random.nextInt(8) == 0) {
                text.append(random.nextInt(100_000)).append(' ');
            } else {
                text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
            }
        }
        return text.substring(0, size).getBytes(StandardCharsets.US_ASCII);
    }
}
