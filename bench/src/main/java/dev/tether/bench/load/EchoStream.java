package dev.tether.bench.load;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One connection's messages in both directions. Outbound, {@link #encodeNext} writes the next
 * message as one frame: the payload is the template with its first eight bytes replaced by the
 * message's sequence number in hex, compressed when deflate was agreed, masked with a fresh
 * random key (unmasked for the raw TCP echo, which returns the bytes as they are). Inbound,
 * {@link #consume} parses the server's frames as they arrive (fragmented or not, compressed or
 * not) and checks every payload byte against the message it must echo, in order.
 *
 * <p>Not thread-safe: one connection, one thread.
 */
public final class EchoStream {
    /** The text opcode. */
    public static final int TEXT = 1;
    /** The binary opcode. */
    public static final int BINARY = 2;

    private static final int SEQUENCE_DIGITS = 8;
    private static final int CLOSE = 8;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final byte[] template;
    private final int opcode;
    private final boolean mask;
    private final ClientDeflate deflate;
    private final SplittableRandom random;

    private final byte[] message;
    private final byte[] expectedPrefix = new byte[SEQUENCE_DIGITS];
    private final byte[] chunk = new byte[16 * 1024];
    private long sent;
    private long received;

    private boolean inFrame;
    private boolean inMessage;
    private boolean frameFin;
    private long frameRemaining;
    private boolean compressed;
    private int position;
    private byte[] compressedBytes = new byte[0];
    private int compressedLength;
    private byte[] inflated = new byte[0];

    /**
     * @param template the payload, at least eight bytes; its first eight are replaced per message
     * @param opcode   {@link #TEXT} or {@link #BINARY}
     * @param mask     false only for the raw TCP echo
     * @param agreed   what the handshake agreed, or null for none
     */
    public EchoStream(byte[] template, int opcode, boolean mask, Handshake.Agreed agreed, long seed) {
        if (template.length < SEQUENCE_DIGITS) {
            throw new IllegalArgumentException("payload shorter than the sequence number");
        }
        this.template = template;
        this.opcode = opcode;
        this.mask = mask;
        this.deflate = agreed != null && agreed.deflate()
                ? new ClientDeflate(agreed.clientNoContextTakeover(), template.length) : null;
        this.random = new SplittableRandom(seed);
        this.message = template.clone();
    }

    /** The most bytes {@link #encodeNext} may write. */
    public int frameCapacity() {
        return 14 + template.length + template.length / 100 + 64;
    }

    /** Messages sent so far. */
    public long sent() {
        return sent;
    }

    /** Echoes verified so far. */
    public long received() {
        return received;
    }

    /** Writes the next message's frame; {@code out} must have {@link #frameCapacity()} bytes free. */
    public void encodeNext(ByteBuffer out) {
        writeSequence(message, sent++);
        byte[] body = message;
        int length = message.length;
        int rsv1 = 0;
        if (deflate != null) {
            length = deflate.compress(message, message.length);
            body = deflate.output();
            rsv1 = 0x40;
        }
        writeFrame(out, 0x80 | rsv1 | opcode, body, length);
    }

    /** Writes a close frame with status 1000. */
    public void encodeClose(ByteBuffer out) {
        writeFrame(out, 0x80 | CLOSE, new byte[] {0x03, (byte) 0xE8}, 2);
    }

    private void writeFrame(ByteBuffer out, int firstByte, byte[] body, int length) {
        out.put((byte) firstByte);
        int maskBit = mask ? 0x80 : 0;
        if (length <= 125) {
            out.put((byte) (maskBit | length));
        } else if (length <= 0xFFFF) {
            out.put((byte) (maskBit | 126));
            out.putShort((short) length);
        } else {
            out.put((byte) (maskBit | 127));
            out.putLong(length);
        }
        if (!mask) {
            out.put(body, 0, length);
            return;
        }
        int key = random.nextInt();
        out.putInt(key);
        long wide = ((long) key << 32) | (key & 0xFFFFFFFFL);
        int i = 0;
        for (; length - i >= 8; i += 8) {
            out.putLong((long) LONGS.get(body, i) ^ wide);
        }
        for (; i < length; i++) {
            out.put((byte) (body[i] ^ (key >>> (24 - 8 * (i & 3)))));
        }
    }

    private static void writeSequence(byte[] dst, long sequence) {
        for (int i = SEQUENCE_DIGITS - 1; i >= 0; i--) {
            dst[i] = HEX[(int) (sequence & 0xF)];
            sequence >>>= 4;
        }
    }

    /**
     * Consumes whole frame headers and any payload bytes in {@code in} (a header split across
     * reads stays in the buffer for the next call), checking them.
     *
     * @return the number of messages whose echo completed in this call
     * @throws IOException on a protocol violation, a close frame, or an echo that differs
     */
    public int consume(ByteBuffer in) throws IOException {
        int completed = 0;
        while (true) {
            if (!inFrame && !readHeader(in)) {
                return completed;
            }
            if (!inFrame) {
                continue;
            }
            int n = (int) Math.min(frameRemaining, in.remaining());
            if (n > 0) {
                if (compressed) {
                    appendCompressed(in, n);
                } else {
                    verifyPlain(in, n);
                }
                frameRemaining -= n;
            }
            if (frameRemaining > 0) {
                return completed;
            }
            inFrame = false;
            if (frameFin) {
                finishMessage();
                completed++;
            }
        }
    }

    /** Returns false when more bytes are needed; leaves {@code inFrame} false after a control frame. */
    private boolean readHeader(ByteBuffer in) throws IOException {
        if (in.remaining() < 2) {
            return false;
        }
        int p = in.position();
        int b0 = in.get(p) & 0xFF;
        int b1 = in.get(p + 1) & 0xFF;
        if ((b1 & 0x80) != 0) {
            throw new IOException("masked frame from the server");
        }
        int len7 = b1 & 0x7F;
        int headerLength = len7 == 126 ? 4 : len7 == 127 ? 10 : 2;
        if (in.remaining() < headerLength) {
            return false;
        }
        long length = len7 == 126 ? in.getShort(p + 2) & 0xFFFF : len7 == 127 ? in.getLong(p + 2) : len7;
        int frameOpcode = b0 & 0x0F;
        boolean fin = (b0 & 0x80) != 0;
        boolean rsv1 = (b0 & 0x40) != 0;
        if ((b0 & 0x30) != 0) {
            throw new IOException("RSV2/RSV3 set by the server");
        }
        if (frameOpcode >= CLOSE) {
            if (length > 125 || !fin || rsv1) {
                throw new IOException("bad control frame from the server");
            }
            if (in.remaining() < headerLength + length) {
                return false;
            }
            if (frameOpcode == CLOSE) {
                int code = length >= 2 ? in.getShort(p + headerLength) & 0xFFFF : 1005;
                throw new ServerClosedException(code);
            }
            in.position(p + headerLength + (int) length);
            return true;
        }
        in.position(p + headerLength);
        if (!inMessage) {
            if (frameOpcode != opcode) {
                throw new IOException("expected opcode " + opcode + ", got " + frameOpcode);
            }
            if (rsv1 && deflate == null) {
                throw new IOException("RSV1 without deflate");
            }
            inMessage = true;
            compressed = rsv1;
            position = 0;
            compressedLength = 0;
            writeSequence(expectedPrefix, received);
        } else if (frameOpcode != 0 || rsv1) {
            throw new IOException("expected a continuation frame, got opcode " + frameOpcode);
        }
        if (length > Integer.MAX_VALUE) {
            throw new IOException("frame too long: " + length);
        }
        inFrame = true;
        frameRemaining = length;
        frameFin = fin;
        return true;
    }

    private void verifyPlain(ByteBuffer in, int n) throws IOException {
        if (position + (long) n > template.length) {
            throw new IOException("echo longer than the message sent");
        }
        while (n > 0) {
            int m = Math.min(n, chunk.length);
            in.get(chunk, 0, m);
            check(chunk, m, position);
            position += m;
            n -= m;
        }
    }

    private void check(byte[] got, int length, int at) throws IOException {
        int i = 0;
        for (; i < length && at + i < SEQUENCE_DIGITS; i++) {
            if (got[i] != expectedPrefix[at + i]) {
                throw mismatch(at + i);
            }
        }
        if (i < length) {
            int diff = Arrays.mismatch(got, i, length, template, at + i, at + length);
            if (diff >= 0) {
                throw mismatch(at + i + diff);
            }
        }
    }

    private IOException mismatch(int at) {
        return new IOException("echo of message " + received + " differs at byte " + at);
    }

    private void appendCompressed(ByteBuffer in, int n) {
        if (compressedLength + n > compressedBytes.length) {
            compressedBytes = Arrays.copyOf(compressedBytes, Math.max(compressedLength + n, compressedBytes.length * 2));
        }
        in.get(compressedBytes, compressedLength, n);
        compressedLength += n;
    }

    private void finishMessage() throws IOException {
        if (compressed) {
            if (inflated.length < template.length + 1) {
                inflated = new byte[template.length + 1];
            }
            int n = deflate.inflate(compressedBytes, compressedLength, inflated);
            if (n != template.length) {
                throw new IOException("echo of message " + received + " inflates to " + n + " bytes, not " + template.length);
            }
            check(inflated, n, 0);
        } else if (position != template.length) {
            throw new IOException("echo of message " + received + " has " + position + " bytes, not " + template.length);
        }
        inMessage = false;
        received++;
    }

    /** Releases the deflate streams, if any. */
    public void release() {
        if (deflate != null) {
            deflate.close();
        }
    }
}
