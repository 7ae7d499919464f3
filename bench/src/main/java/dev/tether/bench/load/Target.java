package dev.tether.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * Where the load goes: a server's address and whether it speaks WebSocket at {@code /echo}
 * (false for the raw TCP echo, which gets the same frames, unmasked, without a handshake).
 * Immutable; {@link #open} may be called from any thread.
 */
public record Target(InetSocketAddress address, boolean websocket) {
    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);

    /** A connected blocking channel, after a successful handshake when the target speaks WebSocket. */
    public Opened open(boolean offerDeflate) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.connect(address);
            if (!websocket) {
                return new Opened(channel, new Handshake.Agreed(false, false), NOTHING);
            }
            ByteBuffer early = ByteBuffer.allocate(Handshake.MAX_RESPONSE_HEAD);
            Handshake.Agreed agreed = Handshake.perform(channel, address.getHostString() + ":" + address.getPort(),
                    "/echo", offerDeflate, early);
            return new Opened(channel, agreed, early.flip().hasRemaining() ? early : NOTHING);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * An open connection, what its handshake agreed, and the bytes that came after the handshake
     * response in the same read (in read mode, usually empty; the caller must parse them before
     * what it reads next, and must not write to the shared empty buffer).
     */
    public record Opened(SocketChannel channel, Handshake.Agreed agreed, ByteBuffer early) {
    }
}
