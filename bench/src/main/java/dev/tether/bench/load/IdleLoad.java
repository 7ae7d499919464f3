package dev.tether.bench.load;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Idle connections: opens connections (each after a checked handshake, a few at a time through
 * {@link Opener}) and holds them without traffic until {@link #close}. Not thread-safe.
 */
public final class IdleLoad implements AutoCloseable {
    private final Target target;
    private final List<SocketChannel> channels = new ArrayList<>();

    public IdleLoad(Target target) {
        this.target = target;
    }

    /** Opens connections until {@code total} are held. */
    public void growTo(int total) throws IOException, InterruptedException {
        if (channels.size() < total) {
            for (Target.Opened opened : Opener.open(target, total - channels.size(), false, Opener.DEFAULT_PARALLELISM)) {
                channels.add(opened.channel());
            }
        }
    }

    /** Connections held. */
    public int size() {
        return channels.size();
    }

    /** Drops every connection held so far; more may be opened after. */
    public void dropAll() {
        for (SocketChannel channel : channels) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        channels.clear();
    }

    /** Drops every connection (no close handshake: the servers see the TCP end). */
    @Override
    public void close() {
        dropAll();
    }
}
