package dev.tether.bench.load;

import java.io.IOException;

/** The server sent a close frame; carries its status code (1005 when it had none). */
public final class ServerClosedException extends IOException {
    private final int code;

    ServerClosedException(int code) {
        super("the server closed the connection with " + code);
        this.code = code;
    }

    /** The close frame's status code. */
    public int code() {
        return code;
    }
}
