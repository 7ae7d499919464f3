package dev.tether.interop;

import dev.tether.server.Server;
import jakarta.websocket.CloseReason;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A peer that sends its close frame and ends the TLS connection at once (close_notify and FIN in
 * the same breath, as Jetty's and Tomcat's clients do) is still heard: the close frame arrives
 * with the close_notify, and Tether must not drop it (it once reported 1006).
 */
class TlsPeerClosesAtOnceTest {

    @Test
    void theCloseFrameBeforeCloseNotifyIsNotLost() throws Exception {
        Server server = TetherServerSide.start(Tls.get().serverContext);
        try {
            SSLContext client = Tls.get().clientContext;
            for (int i = 0; i < 10; i++) {
                EchoServerEndpoint.CLOSES.clear();
                try (Socket socket = client.getSocketFactory().createSocket("127.0.0.1", server.port())) {
                    socket.setSoTimeout(10_000);
                    OutputStream out = socket.getOutputStream();
                    out.write(("GET /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    InputStream in = socket.getInputStream();
                    ByteArrayOutputStream head = new ByteArrayOutputStream();
                    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                        head.write(in.read());
                    }
                    // A masked close frame, 4000 "bye", with a zero mask key; then the socket closes.
                    out.write(new byte[] {(byte) 0x88, (byte) 0x85, 0, 0, 0, 0, 0x0f, (byte) 0xa0, 'b', 'y', 'e'});
                    out.flush();
                }
                CloseReason seen = EchoServerEndpoint.CLOSES.poll(10, TimeUnit.SECONDS);
                assertEquals(4000, seen.getCloseCode().getCode(), "attempt " + i + ": " + seen);
                assertEquals("bye", seen.getReasonPhrase());
            }
        } finally {
            server.stop();
        }
    }
}
