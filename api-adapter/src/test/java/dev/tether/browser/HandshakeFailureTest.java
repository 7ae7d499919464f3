package dev.tether.browser;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A failed opening handshake fires {@code error} then {@code close} (1006, not clean) and never
 * {@code open}: the cases of WPT {@code opening-handshake/*} and the Fetch standard's checks,
 * against raw peers.
 */
@ExtendWith(Env.Start.class)
class HandshakeFailureTest {
    private static void assertFails(Setup setup, RawServer.Script script, String... protocols) throws Exception {
        try (RawServer server = new RawServer(script)) {
            Recorder r = Setup.connect(server.url("/bad"), setup.options(), (w, rec) -> { }, protocols);
            WebSocket ws = r.ws;
            Recorder.Seen error = r.next("error");
            assertEquals(WebSocket.CLOSED, error.readyState());
            CloseEvent close = (CloseEvent) r.next("close").event();
            assertFalse(close.wasClean());
            assertEquals(1006, close.code());
            assertEquals("", close.reason());
            assertEquals("", ws.protocol());
            r.assertQuiet(Duration.ofMillis(100));
        }
    }

    private static RawServer.Script answer(String response) {
        return c -> {
            c.readRequest();
            c.write(response.replace("{accept}", c.accept()));
            c.awaitEof();
        };
    }

    @BothContainers
    @DisplayName("a wrong Sec-WebSocket-Accept")
    void badAccept(Setup setup) throws Exception {
        assertFails(setup, answer("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: AAAAAAAAAAAAAAAAAAAAAAAAAAA=\r\n\r\n"));
    }

    @BothContainers
    @DisplayName("a status other than 101")
    void not101(Setup setup) throws Exception {
        assertFails(setup, answer("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
        assertFails(setup, answer("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"));
    }

    @BothContainers
    @DisplayName("a subprotocol when none was requested")
    void unrequestedSubprotocol(Setup setup) throws Exception {
        assertFails(setup, answer("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: {accept}\r\nSec-WebSocket-Protocol: chat\r\n\r\n"));
    }

    @BothContainers
    @DisplayName("a subprotocol that was not offered")
    void subprotocolNotOffered(Setup setup) throws Exception {
        assertFails(setup, answer("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: {accept}\r\nSec-WebSocket-Protocol: chat\r\n\r\n"), "echo");
    }

    @BothContainers
    @DisplayName("no subprotocol chosen though some were requested (Fetch, establish a WebSocket connection)")
    void requestedSubprotocolNotChosen(Setup setup) throws Exception {
        assertFails(setup, answer("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: {accept}\r\n\r\n"), "echo");
    }

    @BothContainers
    @DisplayName("an extension that was not offered")
    void extensionNotOffered(Setup setup) throws Exception {
        TyrusDifferences.skipOnTyrus(setup, "an extension the client did not offer is accepted and not reported");
        assertFails(setup, answer("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: {accept}\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n"));
    }

    @BothContainers
    @DisplayName("the server closes the connection during the handshake")
    void closedDuringHandshake(Setup setup) throws Exception {
        TyrusDifferences.skipOnTyrus(setup, "connectToServer does not return when the server closes during the handshake");
        assertFails(setup, c -> {
            c.readRequest();
            c.socket.close();
        });
    }

    @BothContainers
    @DisplayName("nothing listens on the port")
    void connectionRefused(Setup setup) throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Recorder r = Setup.connect("ws://127.0.0.1:" + port + "/", setup.options(), (ws, rec) -> { });
        r.next("error");
        CloseEvent close = (CloseEvent) r.next("close").event();
        assertEquals(1006, close.code());
        assertFalse(close.wasClean());
    }

    @BothContainers
    @DisplayName("the request offers the protocols in the order given, and asks for the URL's path and query")
    void requestCarriesProtocolsAndTarget(Setup setup) throws Exception {
        try (RawServer server = new RawServer(c -> {
            c.handshake("Sec-WebSocket-Protocol: b");
            RawServer.Frame close = c.readUntilClose();
            c.writeClose(close.closeCode(), "");
            c.awaitEof();
        })) {
            Recorder r = Setup.connect(server.url("/p%20a|th?q=1 2"), setup.options(), (w, rec) -> { }, "a", "b");
            WebSocket ws = r.ws;
            r.next("open");
            assertEquals("b", ws.protocol());
            Map<String, String> request = server.firstRequest.get(10, TimeUnit.SECONDS);
            assertEquals(List.of("a", "b"), java.util.Arrays.stream(request.get("sec-websocket-protocol").split(","))
                    .map(String::trim).toList());
            assertEquals(setup.tyrus ? "GET /p a|th?q=1%202 HTTP/1.1" : "GET /p%20a%7Cth?q=1%202 HTTP/1.1",
                    request.get(":request-line"), "Tyrus writes the decoded path into the request line");
            ws.close();
            r.awaitClose();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
