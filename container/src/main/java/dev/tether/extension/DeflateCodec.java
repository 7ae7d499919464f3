package dev.tether.extension;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * One connection's permessage-deflate state (RFC 7692 §7.2): a {@link Deflater} for what it
 * sends and an {@link Inflater} for what it receives, each kept across messages unless the
 * agreement says to reset it, both created on first use and released by {@link #close()}.
 *
 * <p>Threading: compression runs under the connection's send lock, inflation on its read path;
 * the two halves are independent. {@link #close()} takes both monitors.
 */
public final class DeflateCodec implements AutoCloseable {
    /** The tail a sender strips from each compressed message, and the receiver puts back. */
    private static final byte[] TAIL = {0, 0, (byte) 0xFF, (byte) 0xFF};
    private static final int CHUNK = 16 * 1024;
    private static final int MAX_WINDOW_BITS = 15;

    private final boolean resetDeflater;
    private final boolean resetInflater;
    private final int level;
    private final int minimumSize;
    /**
     * The JDK's {@link Deflater} always searches a 32 KiB window. When the agreement limits our
     * window below that, we compress without string matching (Huffman codes only): output with no
     * back-references fits any window (RFC 7692 §7.1.2).
     */
    private final boolean huffmanOnly;
    private final Object sending = new Object();
    private final Object receiving = new Object();
    private Deflater deflater;
    private Inflater inflater;
    private byte[] inflated;
    private boolean closed;

    /**
     * @param agreed the negotiated parameters
     * @param client whether this side is the client (which decides whose context rules apply)
     * @param level       the compression level, {@link Deflater#DEFAULT_COMPRESSION} or 0-9
     * @param minimumSize messages smaller than this go out uncompressed
     */
    public DeflateCodec(DeflateParameters agreed, boolean client, int level, int minimumSize) {
        this.minimumSize = minimumSize;
        this.resetDeflater = client ? agreed.clientNoContextTakeover() : agreed.serverNoContextTakeover();
        this.resetInflater = client ? agreed.serverNoContextTakeover() : agreed.clientNoContextTakeover();
        this.level = level;
        int windowBits = client ? agreed.clientMaxWindowBits() : agreed.serverMaxWindowBits();
        this.huffmanOnly = windowBits > 0 && windowBits < MAX_WINDOW_BITS;
    }

    /** Whether a message of {@code size} bytes is worth compressing. */
    public boolean worthCompressing(int size) {
        return size >= minimumSize;
    }

    /**
     * Compresses a whole message's remaining bytes (its position is not moved) into the payload of
     * a frame with RSV1 set: a sync-flushed deflate stream without its final 4 bytes.
     */
    public ByteBuffer compress(ByteBuffer message) {
        return compressPart(message, true);
    }

    /**
     * Compresses one fragment of a message sent in parts (its position is not moved) into the
     * payload of one frame (RFC 7692 §7.2.1): each fragment is sync-flushed so the peer can
     * inflate it as it arrives; only the last one drops the final 4 bytes of the flush, and
     * only after it is the context reset (when the agreement says so). The first frame of the
     * message carries RSV1, continuation frames do not; that is the caller's part.
     *
     * @param last whether this is the message's last fragment
     */
    public ByteBuffer compressPart(ByteBuffer part, boolean last) {
        synchronized (sending) {
            if (closed) {
                throw new IllegalStateException("the connection's compressor is released");
            }
            if (deflater == null) {
                deflater = new Deflater(level, true);
                if (huffmanOnly) {
                    deflater.setStrategy(Deflater.HUFFMAN_ONLY);
                }
            }
            deflater.setInput(part.duplicate());
            byte[] out = new byte[Math.max(64, part.remaining() / 2 + 16)];
            int length = 0;
            while (true) {
                if (length == out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                int n = deflater.deflate(out, length, out.length - length, Deflater.SYNC_FLUSH);
                length += n;
                // Done when a call with room to spare adds nothing: the first call after a change of
                // strategy may stop short of the flush, so a short call alone does not prove it.
                if (n == 0 && deflater.needsInput()) {
                    break;
                }
            }
            if (!last) {
                return ByteBuffer.wrap(out, 0, length);
            }
            if (resetDeflater) {
                deflater.reset();
            }
            if (endsWithTail(out, length)) {
                // A sync flush ends with the empty stored block 00 00 FF FF (RFC 7692 §7.2.1).
                return ByteBuffer.wrap(out, 0, length - TAIL.length);
            }
            // Nothing new to flush (an empty last fragment after a flushed one): the bytes already
            // sent end with an empty stored block, so this frame carries the one byte that, with
            // the 00 00 FF FF the receiver appends, makes another empty block (RFC 7692 §7.2.3.6).
            return ByteBuffer.wrap(new byte[1]);
        }
    }

    private static boolean endsWithTail(byte[] out, int length) {
        return length >= TAIL.length && Arrays.equals(out, length - TAIL.length, length, TAIL, 0, TAIL.length);
    }

    /**
     * Inflates the next compressed bytes of a message, handing what comes out, in pieces, to
     * {@code out} (each piece a view valid only during the call). A piece is at most 16 KiB, so
     * a consumer that counts can stop a message that inflates too far before it is all in memory.
     *
     * @throws IllegalArgumentException if the bytes are not a valid deflate stream
     */
    public void inflate(ByteBuffer compressed, Consumer<ByteBuffer> out) {
        synchronized (receiving) {
            inflateLocked(compressed, out);
        }
    }

    /** The message's compressed bytes have all arrived: inflates the rest (with the tail put back). */
    public void finishMessage(Consumer<ByteBuffer> out) {
        synchronized (receiving) {
            inflateLocked(ByteBuffer.wrap(TAIL), out);
            // A peer that ended its stream with a final block starts a new one next message.
            if (resetInflater || inflater.finished()) {
                inflater.reset();
            }
        }
    }

    private void inflateLocked(ByteBuffer compressed, Consumer<ByteBuffer> out) {
        if (closed) {
            throw new IllegalStateException("the connection's decompressor is released");
        }
        if (inflater == null) {
            inflater = new Inflater(true);
            inflated = new byte[CHUNK];
        }
        inflater.setInput(compressed);
        try {
            while (true) {
                int n = inflater.inflate(inflated);
                if (n > 0) {
                    out.accept(ByteBuffer.wrap(inflated, 0, n));
                    continue;
                }
                if (inflater.finished() && inflater.getRemaining() > 0) {
                    throw new IllegalArgumentException("compressed data goes on after the deflate stream's final block");
                }
                if (inflater.needsDictionary()) {
                    throw new IllegalArgumentException("compressed data asks for a preset dictionary");
                }
                // No output: the input is used up (or the stream has ended).
                break;
            }
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("compressed data is not a valid deflate stream: " + e.getMessage(), e);
        }
        // The inflater read from the buffer through its own view; mark it consumed for the caller.
        compressed.position(compressed.limit());
    }

    /** Releases the native memory of both halves; later use fails. Idempotent. */
    @Override
    public void close() {
        synchronized (sending) {
            synchronized (receiving) {
                closed = true;
                if (deflater != null) {
                    deflater.end();
                }
                if (inflater != null) {
                    inflater.end();
                }
                inflated = null;
            }
        }
    }
}
