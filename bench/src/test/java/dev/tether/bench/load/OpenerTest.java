package dev.tether.bench.load;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenerTest {

    @Test
    void opensEveryConnectionWithSeveralThreads() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress("127.0.0.1", 0), 64);
            Target target = new Target((InetSocketAddress) server.getLocalAddress(), false);
            List<Target.Opened> opened = Opener.open(target, 40, false, 4);
            List<SocketChannel> accepted = new ArrayList<>();
            try {
                assertEquals(40, opened.size());
                for (Target.Opened o : opened) {
                    assertTrue(o.channel().isConnected());
                    assertEquals(0, o.early().remaining());
                    accepted.add(server.accept());
                }
            } finally {
                Opener.closeAll(opened);
                for (SocketChannel channel : accepted) {
                    channel.close();
                }
            }
        }
    }

    @Test
    void failsWhenTheTargetRefuses() throws Exception {
        InetSocketAddress closed;
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            closed = (InetSocketAddress) server.getLocalAddress();
        }
        Target target = new Target(closed, false);
        assertThrows(IOException.class, () -> Opener.open(target, 10, false, 3));
    }
}
