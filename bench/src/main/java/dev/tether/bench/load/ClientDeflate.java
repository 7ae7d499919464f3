package dev.tether.bench.load;

import java.io.IOException;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * permessage-deflate (RFC 7692) for one client connection: raw deflate with a sync flush whose
 * four-byte tail is dropped on send and put back on receive. Keeps its sliding window across
 * messages unless the server asked for {@code client_no_context_takeover}; never offers smaller
 * windows. One connection's thread only.
 */
final class ClientDeflate implements AutoCloseable {
    private static final byte[] TAIL = {0, 0, (byte) 0xFF, (byte) 0xFF};

    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    private final Inflater inflater = new Inflater(true);
    private final boolean resetAfterMessage;
    private byte[] output;

    ClientDeflate(boolean clientNoContextTakeover, int messageSize) {
        this.resetAfterMessage = clientNoContextTakeover;
        this.output = new byte[messageSize + messageSize / 100 + 64];
    }

    /** Compresses {@code len} bytes into {@link #output()}; returns the compressed length. */
    int compress(byte[] payload, int len) {
        deflater.setInput(payload, 0, len);
        int n = 0;
        while (true) {
            n += deflater.deflate(output, n, output.length - n, Deflater.SYNC_FLUSH);
            if (n < output.length) {
                break;
            }
            output = Arrays.copyOf(output, output.length * 2);
        }
        if (resetAfterMessage) {
            deflater.reset();
        }
        return n - TAIL.length;
    }

    /** The buffer {@link #compress} wrote to; valid until the next call. */
    byte[] output() {
        return output;
    }

    /**
     * Inflates one whole message's payload (without its tail) into {@code out}; returns the
     * number of bytes produced, at most {@code out.length}.
     */
    int inflate(byte[] compressed, int len, byte[] out) throws IOException {
        try {
            int n = feed(compressed, len, out, 0);
            return feed(TAIL, TAIL.length, out, n);
        } catch (DataFormatException e) {
            throw new IOException("bad deflate data from the server", e);
        }
    }

    private int feed(byte[] in, int len, byte[] out, int n) throws DataFormatException {
        inflater.setInput(in, 0, len);
        while (n < out.length) {
            int produced = inflater.inflate(out, n, out.length - n);
            n += produced;
            if (produced == 0 && (inflater.needsInput() || inflater.finished())) {
                break;
            }
        }
        return n;
    }

    @Override
    public void close() {
        deflater.end();
        inflater.end();
    }
}
