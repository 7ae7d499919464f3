package dev.tether.jakarta;

import jakarta.websocket.RemoteEndpoint;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * A binary message written as a stream: full buffers go out as message fragments, and
 * {@link #close()} sends the last fragment. Not thread-safe, like any stream.
 */
final class MessageOutputStream extends OutputStream {
    private static final int FRAGMENT = 16 * 1024;
    private final RemoteEndpoint.Basic remote;
    private byte[] buffer = new byte[FRAGMENT];
    private int count;
    private boolean closed;

    MessageOutputStream(RemoteEndpoint.Basic remote) {
        this.remote = remote;
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        if (count == buffer.length) {
            sendFragment(false);
        }
        buffer[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ensureOpen();
        while (len > 0) {
            if (count == buffer.length) {
                sendFragment(false);
            }
            int n = Math.min(len, buffer.length - count);
            System.arraycopy(b, off, buffer, count, n);
            count += n;
            off += n;
            len -= n;
        }
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            sendFragment(true);
            buffer = null;
        }
    }

    private void sendFragment(boolean last) throws IOException {
        remote.sendBinary(ByteBuffer.wrap(buffer, 0, count), last);
        buffer = last ? buffer : new byte[FRAGMENT];
        count = 0;
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("the message stream is closed");
        }
    }
}
