package dev.tether.it;

import dev.tether.client.TetherClientContainer;
import dev.tether.server.Server;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hand-written HTTP requests against Tether's server, checking the status line and headers it answers with. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HandshakeWireTest {
    static Server server;
    static int port;

    /** Echoes text; deployed programmatically. */
    public static class TextEcho extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, message -> {
                try {
                    session.getBasicRemote().sendText(message);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** Counts its sessions' opens and closes. */
    public static class Counted extends Endpoint {
        static final java.util.concurrent.atomic.AtomicInteger OPENS = new java.util.concurrent.atomic.AtomicInteger();
        static final java.util.concurrent.BlockingQueue<jakarta.websocket.CloseReason> CLOSES =
                new java.util.concurrent.LinkedBlockingQueue<>();

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            OPENS.incrementAndGet();
        }

        @Override
        public void onClose(Session session, jakarta.websocket.CloseReason closeReason) {
            CLOSES.add(closeReason);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        ServerEndpointConfig slow = ServerEndpointConfig.Builder.create(Counted.class, "/slow")
                .configurator(new ServerEndpointConfig.Configurator() {
                    @Override
                    public void modifyHandshake(ServerEndpointConfig sec, jakarta.websocket.server.HandshakeRequest request,
                                                jakarta.websocket.HandshakeResponse response) {
                        try {
                            Thread.sleep(300); // the client is gone by the time the handshake is answered
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                })
                .build();
        ServerEndpointConfig guarded = ServerEndpointConfig.Builder.create(TextEcho.class, "/guarded")
                .configurator(new ServerEndpointConfig.Configurator() {
                    @Override
                    public boolean checkOrigin(String originHeaderValue) {
                        return !"http://evil.example".equals(originHeaderValue);
                    }
                })
                .build();
        ServerEndpointConfig chat = ServerEndpointConfig.Builder.create(TextEcho.class, "/chat")
                .subprotocols(List.of("chat", "superchat"))
                .build();
        server = Server.builder().host("127.0.0.1").port(0)
                .endpoint(EchoEndpoint.class)
                .endpoint(guarded)
                .endpoint(chat)
                .endpoint(slow)
                .build();
        server.start();
        port = server.port();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /** Sends {@code request}, reads the answer's head and, for a refusal, its body and the end of the connection. */
    private static WireClient.Response exchange(String request) throws IOException {
        return exchange(request.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static WireClient.Response exchange(byte[] request) throws IOException {
        try (WireClient wire = WireClient.connect(port)) {
            wire.send(request);
            WireClient.Response response = wire.readResponseHead();
            if (response.status() != 101) {
                wire.readExactly(response.contentLength());
                assertTrue(wire.awaitClosedByPeer(), "the server closes the connection after " + response.statusLine());
            }
            return response;
        }
    }

    @Test
    @Order(1)
    void validUpgradeGets101WithTheRfcAccept() throws Exception {
        try (WireClient wire = WireClient.connect(port)) {
            wire.sendAscii(WireClient.upgradeRequest("/echo"));
            WireClient.Response response = wire.readResponseHead();
            assertEquals(101, response.status(), response.statusLine());
            assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", response.header("Sec-WebSocket-Accept"));
            assertEquals("websocket", response.header("Upgrade").toLowerCase());
            assertTrue(response.header("Connection").toLowerCase().contains("upgrade"));
            assertNull(response.header("Sec-WebSocket-Protocol"));

            // The connection now speaks WebSocket: a masked text frame comes back unmasked.
            wire.send(WireClient.maskedFrame(0x81, "over the wire".getBytes(StandardCharsets.UTF_8)));
            WireClient.Frame echo = wire.readFrame();
            assertEquals(0x1, echo.opcode());
            assertTrue(echo.fin());
            assertTrue(!echo.masked(), "server frames are not masked");
            assertEquals("over the wire", new String(echo.payload(), StandardCharsets.UTF_8));

            wire.send(WireClient.maskedFrame(0x88, WireClient.closePayload(1000, "")));
            WireClient.Frame close = wire.readFrame();
            assertEquals(1000, close.closeCode());
            assertTrue(wire.awaitClosedByPeer(), "the server closes TCP after the closing handshake");
        }
    }

    @Test
    @Order(2)
    void missingKeyIs400() throws Exception {
        String request = "GET /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n";
        assertEquals(400, exchange(request).status());
    }

    @Test
    @Order(3)
    void wrongVersionIs426WithTheSupportedVersion() throws Exception {
        String request = "GET /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + WireClient.SAMPLE_KEY + "\r\nSec-WebSocket-Version: 8\r\n\r\n";
        WireClient.Response response = exchange(request);
        assertEquals(426, response.status(), response.statusLine());
        assertEquals("13", response.header("Sec-WebSocket-Version"));
    }

    @Test
    @Order(4)
    void unknownPathIs404() throws Exception {
        assertEquals(404, exchange(WireClient.upgradeRequest("/nowhere")).status());
    }

    @Test
    @Order(5)
    void rejectedOriginIs403() throws Exception {
        assertEquals(403, exchange(WireClient.upgradeRequest("/guarded", "Origin: http://evil.example")).status());
        // The same endpoint takes other origins.
        assertEquals(101, exchange(WireClient.upgradeRequest("/guarded", "Origin: http://good.example")).status());
    }

    @Test
    @Order(6)
    void postIs400() throws Exception {
        String request = WireClient.upgradeRequest("/echo").replaceFirst("^GET ", "POST ");
        assertEquals(400, exchange(request).status());
    }

    @Test
    @Order(7)
    void headOver8KiBIs431() throws Exception {
        String big = "X-Filler: " + "a".repeat(9 * 1024);
        assertEquals(431, exchange(WireClient.upgradeRequest("/echo", big)).status());
    }

    @Test
    @Order(8)
    void subprotocolIsTheClientsFirstSupportedChoice() throws Exception {
        WireClient.Response response = exchange(
                WireClient.upgradeRequest("/chat", "Sec-WebSocket-Protocol: foo, superchat, chat"));
        assertEquals(101, response.status(), response.statusLine());
        assertEquals("superchat", response.header("Sec-WebSocket-Protocol"));
        assertEquals(WireClient.SAMPLE_ACCEPT, response.header("Sec-WebSocket-Accept"));
    }

    @Test
    @Order(9)
    void garbageIs400AndTheConnectionCloses() throws Exception {
        byte[] garbage = new byte[200];
        for (int i = 0; i < garbage.length; i++) {
            garbage[i] = (byte) (i * 37 + 1);
        }
        garbage[garbage.length - 2] = '\r';
        garbage[garbage.length - 1] = '\n';
        try (WireClient wire = WireClient.connect(port)) {
            wire.send(garbage);
            WireClient.Response response = wire.readResponseHead();
            assertEquals(400, response.status(), response.statusLine());
            wire.readExactly(response.contentLength());
            assertTrue(wire.awaitClosedByPeer(), "the server closes the connection after garbage");
        }
    }

    /**
     * A client may send as soon as it has the 101. Whatever it sends then must reach the session,
     * however large, and not be taken for bytes sent before the handshake finished. The race this
     * guards against is narrow, so the test repeats it.
     */
    @Test
    @Order(10)
    void bigMessageRightAfterThe101IsEchoed() throws Exception {
        byte[] data = new byte[256 * 1024];
        new java.util.Random(3).nextBytes(data);
        byte[] frame = WireClient.maskedFrame(0x82, data);
        for (int i = 0; i < 40; i++) {
            try (WireClient wire = WireClient.connect(port)) {
                wire.handshake("/echo");
                wire.send(frame);
                WireClient.Frame echo = wire.readFrame();
                assertEquals(0x2, echo.opcode(), "iteration " + i + ": a binary echo, not opcode " + echo.opcode());
                assertArrayEquals(data, echo.payload(), "iteration " + i);
                wire.send(WireClient.maskedFrame(0x88, WireClient.closePayload(1000, "")));
                assertEquals(1000, wire.readFrame().closeCode());
            }
        }
    }

    /**
     * A client that hangs up while the server is still deciding: if the endpoint is opened at
     * all, it is also closed (1006), so no session stays counted as open.
     */
    @Test
    @Order(11)
    void clientLeavingDuringTheHandshakeLeavesNoOpenSession() throws Exception {
        try (WireClient wire = WireClient.connect(port)) {
            wire.sendAscii(WireClient.upgradeRequest("/slow"));
        }
        Thread.sleep(1000); // the configurator sleeps 300 ms; the session, if any, starts meanwhile
        if (Counted.OPENS.get() > 0) {
            jakarta.websocket.CloseReason reason = Counted.CLOSES.poll(10, java.util.concurrent.TimeUnit.SECONDS);
            assertNotNull(reason, "the endpoint was opened on a dead connection and never closed");
            assertEquals(1006, reason.getCloseCode().getCode());
        }
    }

    @Test
    @Order(100)
    void serverStillServesANormalClient() throws Exception {
        try (TetherClientContainer client = new TetherClientContainer()) {
            RecordingClient endpoint = new RecordingClient();
            Session session = client.connectToServer(endpoint, server.uri("/echo"));
            session.getBasicRemote().sendText("still serving");
            assertEquals("still serving", endpoint.next());
            session.getBasicRemote().sendBinary(java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3}));
            java.nio.ByteBuffer bytes = (java.nio.ByteBuffer) endpoint.next();
            byte[] got = new byte[bytes.remaining()];
            bytes.get(got);
            assertArrayEquals(new byte[] {1, 2, 3}, got);
            session.close();
            endpoint.awaitClose();
        }
    }

    @Test
    @Order(20)
    void moreThan100HeadersIs431() throws Exception {
        String[] headers = new String[101];
        for (int i = 0; i < headers.length; i++) {
            headers[i] = "X-H" + i + ": " + i;
        }
        assertEquals(431, exchange(WireClient.upgradeRequest("/echo", headers)).status());
    }

    /** Browsers send {@code |} and {@code ^} unescaped; found by the upgrade-request fuzz target (it was a 500). */
    @Test
    @Order(21)
    void charactersBrowsersLeaveUnescapedStillUpgrade() throws Exception {
        WireClient.Response response = exchange(WireClient.upgradeRequest("/echo?a=|^%zz"));
        assertEquals(101, response.status(), response.statusLine());
    }

    /** RFC 9112 §3.2: an invalid Host is 400; found by the upgrade-request fuzz target (it was a 500). */
    @Test
    @Order(22)
    void hostThatIsNotAUriAuthorityIs400() throws Exception {
        String request = WireClient.upgradeRequest("/echo").replace("Host: 127.0.0.1", "Host: a b");
        assertEquals(400, exchange(request).status());
    }

    /** A client that sends half a request and stalls is disconnected after the handshake timeout. */
    @Test
    @Order(23)
    void halfARequestIsDroppedAfterTheHandshakeTimeout() throws Exception {
        Server impatient = Server.builder().host("127.0.0.1").port(0)
                .handshakeTimeout(java.time.Duration.ofMillis(300))
                .endpoint(EchoEndpoint.class)
                .build();
        impatient.start();
        try (WireClient wire = WireClient.connect(impatient.port())) {
            String request = WireClient.upgradeRequest("/echo");
            wire.sendAscii(request.substring(0, request.length() / 2));
            assertTrue(wire.awaitClosedByPeer(), "the connection stays open with half a request");
        } finally {
            impatient.stop();
        }
    }
}
