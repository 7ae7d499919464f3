package dev.tether.jakarta;

import jakarta.websocket.RemoteEndpoint;

import java.io.IOException;
import java.io.Writer;

/**
 * A text message written as a stream of characters: full buffers go out as message fragments
 * (never splitting a surrogate pair), and {@link #close()} sends the last fragment.
 * Not thread-safe, like any writer.
 */
final class MessageWriter extends Writer {
    private static final int FRAGMENT = 8 * 1024;
    private final RemoteEndpoint.Basic remote;
    private final StringBuilder buffer = new StringBuilder();
    private boolean closed;

    MessageWriter(RemoteEndpoint.Basic remote) {
        this.remote = remote;
    }

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("the message writer is closed");
        }
        buffer.append(cbuf, off, len);
        if (buffer.length() >= FRAGMENT) {
            int cut = buffer.length();
            if (Character.isHighSurrogate(buffer.charAt(cut - 1))) {
                cut--;
            }
            remote.sendText(buffer.substring(0, cut), false);
            buffer.delete(0, cut);
        }
    }

    @Override
    public void flush() {
        // Text goes out in fragments of FRAGMENT chars or at close; a flush alone sends nothing.
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            remote.sendText(buffer.toString(), true);
        }
    }
}
