package dev.tether.protocol;

import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Checks, as the fragments of a text message arrive, that the message is well-formed UTF-8
 * (RFC 6455 §8.1; the well-formed byte sequences of Unicode Table 3-7).
 *
 * <p>The check fails fast: {@link #validate} throws at the first byte after which the bytes
 * seen so far can no longer be the start of valid UTF-8, which is what RFC 6455 §8.1 asks
 * of an endpoint ("MUST _Fail the WebSocket Connection_"). A multi-byte sequence may be split
 * anywhere across calls; the validator remembers where it is. At the end of the message call
 * {@link #finish()}, which fails if the message stops inside a sequence.
 *
 * <p>Every failure is a {@link CloseException} with close code 1007 (invalid payload data).
 * After a failure the validator refuses further input until {@link #reset()} or
 * {@link #finish()} is called.
 *
 * <p>Well-formed sequences and the state that reads each byte after the first:
 * <pre>
 *  lead      2nd byte          3rd      4th
 *  00-7F     -
 *  C2-DF     80-BF NEED_1
 *  E0        A0-BF AFTER_E0    80-BF
 *  E1-EC     80-BF NEED_2      80-BF
 *  ED        80-9F AFTER_ED    80-BF                (A0-BF would be a surrogate)
 *  EE-EF     80-BF NEED_2      80-BF
 *  F0        90-BF AFTER_F0    80-BF    80-BF       (80-8F would be overlong)
 *  F1-F3     80-BF NEED_3      80-BF    80-BF
 *  F4        80-8F AFTER_F4    80-BF    80-BF       (90-BF would be above U+10FFFF)
 * </pre>
 * C0, C1 and F5-FF never appear; neither does a continuation byte (80-BF) as a lead.
 *
 * <p>{@link #unmaskValidateInto} is the read path's single pass: it unmasks a frame's payload
 * chunk into the message buffer and validates it on the way, eight bytes at a time while the
 * text is ASCII, so a text byte is read once and written once.
 *
 * <p>Threading: an instance is mutable and not thread-safe. Use one per connection (a
 * connection reads one message at a time), from the thread that reads that connection.
 * Buffers passed in stay owned by the caller; the validator reads them during the call only
 * and changes neither their contents nor their position (only the destination array of
 * {@link #unmaskValidateInto} is written).
 */
public final class Utf8Validator {
    /** The high bit of each of eight bytes: zero after masking means all eight are ASCII. */
    private static final long NON_ASCII = 0x8080808080808080L;

    private static final VarHandle LONG_IN_ARRAY = Masking.LONG_IN_ARRAY;
    private static final VarHandle LONG_IN_BUFFER = Masking.LONG_IN_BUFFER;
    private static final boolean BIG_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN;

    private static final String INVALID = "text is not valid UTF-8";
    private static final String TRUNCATED = "text message ends inside a UTF-8 sequence";

    /**
     * Where the validator is within a UTF-8 sequence. Each state that expects a continuation
     * byte knows the range that byte may take and the state that follows it.
     */
    private enum State {
        /** Between sequences: the next byte is a lead byte (or ASCII). */
        ACCEPT(0, -1, null),
        /** One continuation byte 80-BF still to come. */
        NEED_1(0x80, 0xBF, ACCEPT),
        /** Two continuation bytes 80-BF still to come. */
        NEED_2(0x80, 0xBF, NEED_1),
        /** Three continuation bytes 80-BF still to come. */
        NEED_3(0x80, 0xBF, NEED_2),
        /** After E0: A0-BF, as 80-9F would encode a code point below U+0800 (overlong). */
        AFTER_E0(0xA0, 0xBF, NEED_1),
        /** After ED: 80-9F, as A0-BF would encode a surrogate U+D800-U+DFFF. */
        AFTER_ED(0x80, 0x9F, NEED_1),
        /** After F0: 90-BF, as 80-8F would encode a code point below U+10000 (overlong). */
        AFTER_F0(0x90, 0xBF, NEED_2),
        /** After F4: 80-8F, as 90-BF would encode a code point above U+10FFFF. */
        AFTER_F4(0x80, 0x8F, NEED_2),
        /** A violation was found; nothing more is accepted until a reset. */
        FAILED(0, -1, null);

        final int min;
        final int max;
        final State next;

        State(int min, int max, State next) {
            this.min = min;
            this.max = max;
            this.next = next;
        }
    }

    private State state = State.ACCEPT;

    /**
     * Validates the bytes from the buffer's position to its limit as the next part of the
     * current message. The buffer's position, limit and contents are not changed.
     *
     * @throws CloseException (1007) at the first byte that cannot be part of valid UTF-8, or at
     *         once if an earlier call failed and the validator has not been reset since
     */
    public void validate(ByteBuffer buf) {
        int from = buf.position();
        int to = buf.limit();
        if (buf.hasArray()) {
            validate(buf.array(), buf.arrayOffset() + from, to - from);
        } else {
            validateAbsolute(buf, from, to);
        }
    }

    /**
     * Validates {@code len} bytes of {@code b} from {@code off} as the next part of the current
     * message. The array is not changed.
     *
     * @throws IndexOutOfBoundsException if the range lies outside the array
     * @throws CloseException (1007) at the first byte that cannot be part of valid UTF-8, or at
     *         once if an earlier call failed and the validator has not been reset since
     */
    public void validate(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        State s = refuseIfFailed();
        int i = off;
        int end = off + len;
        int words = end - 7;
        while (i < end) {
            if (s == State.ACCEPT) {
                // The ASCII run, a word at a time. The exit test compares the index with an
                // invariant limit, the shape C2 unrolls and drops bounds checks from.
                while (i < words) {
                    long high = (long) LONG_IN_ARRAY.get(b, i) & NON_ASCII;
                    if (high != 0) {
                        i += firstNonAscii(high);
                        break;
                    }
                    i += 8;
                }
                if (i == end) {
                    break;
                }
            }
            s = step(s, b[i++]);
        }
        state = s;
    }

    /** The general path for buffers without an accessible array (direct or read-only). */
    private void validateAbsolute(ByteBuffer buf, int from, int to) {
        State s = refuseIfFailed();
        int i = from;
        int words = to - 7;
        while (i < to) {
            if (s == State.ACCEPT) {
                while (i < words) {
                    long high = (long) LONG_IN_BUFFER.get(buf, i) & NON_ASCII;
                    if (high != 0) {
                        i += firstNonAscii(high);
                        break;
                    }
                    i += 8;
                }
                if (i == to) {
                    break;
                }
            }
            s = step(s, buf.get(i++));
        }
        state = s;
    }

    /**
     * Unmasks the bytes from {@code src}'s position to its limit into {@code dst} from
     * {@code dstOff} and validates them as the next part of the current message, in one pass:
     * the same as {@link Masking#copy} followed by {@link #validate(byte[], int, int)} on the
     * copy, but each byte is read once. {@code src}'s contents, position and limit are not
     * changed, so it may be read-only; it must not share memory with {@code dst} (a word found
     * to hold non-ASCII bytes is stored whole, and its bytes are then read again from the source).
     *
     * <p>On failure the bytes up to the invalid one, and possibly a few after it, have been
     * written to {@code dst}; the rest of the range is unspecified.
     *
     * @param maskKey the four key bytes as a big-endian int (the first byte on the wire is the
     *        most significant); zero for bytes that are not masked
     * @param keyOffset 0-3: which key byte applies to the byte at {@code src}'s position
     * @return the key offset for the byte after the limit: {@code (keyOffset + src.remaining()) & 3}
     * @throws IndexOutOfBoundsException if {@code dst} has no room for the bytes at {@code dstOff}
     * @throws IllegalArgumentException if {@code keyOffset} is not 0-3, or {@code src} is backed
     *         by {@code dst}
     * @throws CloseException (1007) at the first byte that cannot be part of valid UTF-8, or at
     *         once if an earlier call failed and the validator has not been reset since
     */
    public int unmaskValidateInto(ByteBuffer src, int maskKey, int keyOffset, byte[] dst, int dstOff) {
        int from = src.position();
        int len = src.limit() - from;
        Objects.checkFromIndexSize(dstOff, len, dst.length);
        if ((keyOffset & ~3) != 0) {
            throw new IllegalArgumentException("key offset must be 0-3: " + keyOffset);
        }
        if (src.hasArray() && src.array() == dst) {
            throw new IllegalArgumentException("the source must not share memory with the destination");
        }
        int key = Masking.keyAt(maskKey, keyOffset);
        if (src.hasArray()) {
            unmaskValidateArray(src.array(), src.arrayOffset() + from, len, key, dst, dstOff);
        } else {
            unmaskValidateBuffer(src, from, len, key, dst, dstOff);
        }
        return (keyOffset + len) & 3;
    }

    /**
     * The fused pass over an array. {@code key} applies from {@code s[from]}; within an ASCII
     * run each word is unmasked, stored, and tested for a high bit before the next is read.
     */
    private void unmaskValidateArray(byte[] s, int from, int len, int key, byte[] d, int dOff) {
        State st = refuseIfFailed();
        int i = 0;
        int words = len - 7;
        while (i < len) {
            if (st == State.ACCEPT && i < words) {
                // The key for a word starting at i: the period is four bytes, and a word holds two.
                i = copyAsciiWords(s, from, d, dOff, i, words, Masking.wideKey(Masking.keyAt(key, i)));
                if (i == len) {
                    break;
                }
            }
            int b = s[from + i] ^ Masking.keyByte(key, i);
            d[dOff + i] = (byte) b;
            st = step(st, (byte) b);
            i++;
        }
        state = st;
    }

    /** The fused pass for a buffer without an accessible array (direct or read-only). */
    private void unmaskValidateBuffer(ByteBuffer src, int from, int len, int key, byte[] d, int dOff) {
        State st = refuseIfFailed();
        int i = 0;
        int words = len - 7;
        while (i < len) {
            if (st == State.ACCEPT && i < words) {
                i = copyAsciiWords(src, from, d, dOff, i, words, Masking.wideKey(Masking.keyAt(key, i)));
                if (i == len) {
                    break;
                }
            }
            int b = src.get(from + i) ^ Masking.keyByte(key, i);
            d[dOff + i] = (byte) b;
            st = step(st, (byte) b);
            i++;
        }
        state = st;
    }

    /**
     * The fused pass's ASCII run: unmasks words {@code s[from + i ..]} with {@code key64} into
     * {@code d[dOff + i ..]} while they are ASCII and a whole word remains before
     * {@code words}. Returns the index (counted like {@code i}) of the first byte not known to
     * be ASCII. The word holding it is stored whole; the caller writes its bytes from that one
     * on again, one by one, from the source. A method of its own, so that C2 compiles it as
     * the simple counted loop it is.
     */
    private static int copyAsciiWords(byte[] s, int from, byte[] d, int dOff, int i, int words, long key64) {
        for (; i < words; i += 8) {
            long v = (long) LONG_IN_ARRAY.get(s, from + i) ^ key64;
            LONG_IN_ARRAY.set(d, dOff + i, v);
            long high = v & NON_ASCII;
            if (high != 0) {
                return i + firstNonAscii(high);
            }
        }
        return i;
    }

    /** {@link #copyAsciiWords(byte[], int, byte[], int, int, int, long)} from a buffer. */
    private static int copyAsciiWords(ByteBuffer s, int from, byte[] d, int dOff, int i, int words, long key64) {
        for (; i < words; i += 8) {
            long v = (long) LONG_IN_BUFFER.get(s, from + i) ^ key64;
            LONG_IN_ARRAY.set(d, dOff + i, v);
            long high = v & NON_ASCII;
            if (high != 0) {
                return i + firstNonAscii(high);
            }
        }
        return i;
    }

    /**
     * Ends the current message: fails if it stopped inside a multi-byte sequence (or if an
     * earlier {@link #validate} call failed). Whether or not it throws, the validator is reset
     * and ready for the next message.
     *
     * @throws CloseException (1007) if the message is not complete, valid UTF-8
     */
    public void finish() {
        State s = state;
        state = State.ACCEPT;
        if (s == State.FAILED) {
            throw CloseException.badData(INVALID);
        }
        if (s != State.ACCEPT) {
            throw CloseException.badData(TRUNCATED);
        }
    }

    /** Forgets any partial sequence or earlier failure, as at the start of a new message. */
    public void reset() {
        state = State.ACCEPT;
    }

    /**
     * Whether the bytes seen so far end between sequences, so the message could end here.
     * False inside a multi-byte sequence and after a failure.
     */
    public boolean isComplete() {
        return state == State.ACCEPT;
    }

    private State refuseIfFailed() {
        State s = state;
        if (s == State.FAILED) {
            throw CloseException.badData(INVALID);
        }
        return s;
    }

    /** Moves from {@code s} over one byte, or fails (leaving the validator FAILED). */
    private State step(State s, byte value) {
        int b = value & 0xFF;
        State next;
        if (s == State.ACCEPT) {
            next = afterLead(b);
        } else if (b >= s.min && b <= s.max) {
            next = s.next;
        } else {
            next = State.FAILED;
        }
        if (next == State.FAILED) {
            state = State.FAILED;
            throw CloseException.badData(INVALID);
        }
        return next;
    }

    /** The state after lead byte {@code b}: see the table in the class comment. */
    private static State afterLead(int b) {
        if (b < 0x80) {
            return State.ACCEPT;
        } else if (b < 0xC2) {
            return State.FAILED; // 80-BF continuation without a lead; C0, C1 only overlong
        } else if (b < 0xE0) {
            return State.NEED_1;
        } else if (b == 0xE0) {
            return State.AFTER_E0;
        } else if (b == 0xED) {
            return State.AFTER_ED;
        } else if (b < 0xF0) {
            return State.NEED_2;
        } else if (b == 0xF0) {
            return State.AFTER_F0;
        } else if (b < 0xF4) {
            return State.NEED_3;
        } else if (b == 0xF4) {
            return State.AFTER_F4;
        } else {
            return State.FAILED; // F5-FF: above U+10FFFF or not UTF-8 at all
        }
    }

    /**
     * The index, within an eight-byte word read in the platform's order, of the first byte (in
     * memory) whose high bit is set in {@code high} (which must not be zero).
     */
    private static int firstNonAscii(long high) {
        int bits = BIG_ENDIAN ? Long.numberOfLeadingZeros(high) : Long.numberOfTrailingZeros(high);
        return bits >>> 3;
    }
}
