package dev.tether.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;

/**
 * Where the load goes: a server's address and whether it speaks WebSocket at {@code /echo}
 * (false for the raw TCP echo, which gets the same frames, unmasked, without a handshake).
 * Immutable.
 */
public record Target(InetSocketAddress address, boolean websocket) {

    /** A connected blocking channel, after a successful handshake when the target speaks WebSocket. */
    public Opened open(boolean offerDeflate) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.connect(address);
            Handshake.Agreed agreed = websocket
                    ? Handshake.perform(channel, address.getHostString() + ":" + address.getPort(), "/echo", offerDeflate)
                    : new Handshake.Agreed(false, false);
            return new Opened(channel, agreed);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** An open connection and what its handshake agreed. */
    public record Opened(SocketChannel channel, Handshake.Agreed agreed) {
    }
}
