package dev.tether.it;

import dev.tether.client.TetherClientContainer;
import dev.tether.server.Server;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Frames that break RFC 6455, sent over raw sockets after a valid handshake: the server answers
 * each with a close frame carrying the right code, closes TCP, and keeps serving its other sessions.
 */
class MalformedFrameTest {
    static final int MAX_TEXT = 1024;
    static Server server;
    static TetherClientContainer client;

    /** Echoes text and binary with the server's default limits (no maxMessageSize of its own). */
    @ServerEndpoint("/plain")
    public static class PlainEcho {
        @OnMessage
        public String text(String message) {
            return message;
        }

        @OnMessage
        public void binary(ByteBuffer message, Session session) throws IOException {
            session.getBasicRemote().sendBinary(message);
        }

        @OnError
        public void error(Throwable t) {
            // the violations are expected; the close frame is what the tests check
        }
    }

    private RecordingClient bystander;
    private Session bystanderSession;

    @BeforeAll
    static void start() throws Exception {
        server = Server.builder().host("127.0.0.1").port(0)
                .maxTextMessageSize(MAX_TEXT)
                .endpoint(PlainEcho.class)
                .build();
        server.start();
        client = new TetherClientContainer();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    /** A well-behaved session, open before each attack. */
    @BeforeEach
    void connectBystander() throws Exception {
        bystander = new RecordingClient();
        bystanderSession = client.connectToServer(bystander, server.uri("/plain"));
        bystanderSession.getBasicRemote().sendText("before");
        assertEquals("before", bystander.next());
    }

    /** ...still echoes after it. */
    @AfterEach
    void bystanderStillEchoes() throws Exception {
        try {
            assertTrue(bystanderSession.isOpen(), "the well-behaved session is still open");
            bystanderSession.getBasicRemote().sendText("after");
            assertEquals("after", bystander.next());
            assertTrue(bystander.errors.isEmpty(), "no error on the well-behaved session: " + bystander.errors);
        } finally {
            bystanderSession.close();
            bystander.awaitClose();
        }
    }

    /** Opens a raw session, sends {@code attack}, and returns the code of the close frame the server answers with. */
    private static int closeCodeAfter(byte[] attack) throws Exception {
        try (WireClient wire = WireClient.connect(server.port())) {
            wire.handshake("/plain");
            wire.send(attack);
            WireClient.Frame frame = wire.readFrame();
            assertEquals(0x8, frame.opcode(), "the server answers with a close frame");
            assertFalse(frame.masked(), "server frames are not masked");
            assertTrue(frame.fin());
            assertTrue(wire.awaitClosedByPeer(), "the server closes TCP after its close frame");
            return frame.closeCode();
        }
    }

    @Test
    void unmaskedFrameIs1002() throws Exception {
        assertEquals(1002, closeCodeAfter(WireClient.unmaskedFrame(0x81, "hello".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void reservedOpcodeIs1002() throws Exception {
        assertEquals(1002, closeCodeAfter(WireClient.maskedFrame(0x83, "hello".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void invalidUtf8Is1007() throws Exception {
        byte[] payload = hex("CEBAE1BDB9CF83CEBCCEB5EDA080656469746564");
        assertEquals(1007, closeCodeAfter(WireClient.maskedFrame(0x81, payload)));
    }

    @Test
    void pingOver125BytesIs1002() throws Exception {
        assertEquals(1002, closeCodeAfter(WireClient.maskedFrame(0x89, new byte[126])));
    }

    @Test
    void textOverTheLimitIs1009BeforeItsPayloadArrives() throws Exception {
        // Only the header announcing 2048 bytes is sent: the server must refuse on the length alone.
        assertEquals(1009, closeCodeAfter(WireClient.maskedHeader(0x81, 2 * MAX_TEXT)));
    }

    @Test
    void textWithinTheLimitIsEchoed() throws Exception {
        try (WireClient wire = WireClient.connect(server.port())) {
            wire.handshake("/plain");
            byte[] payload = "x".repeat(MAX_TEXT).getBytes(StandardCharsets.UTF_8);
            wire.send(WireClient.maskedFrame(0x81, payload));
            WireClient.Frame echo = wire.readFrame();
            assertEquals(0x1, echo.opcode());
            assertEquals(MAX_TEXT, echo.payload().length);
            wire.send(WireClient.maskedFrame(0x88, WireClient.closePayload(1000, "bye")));
            assertEquals(1000, wire.readFrame().closeCode());
            assertTrue(wire.awaitClosedByPeer());
        }
    }

    @Test
    void closeWithCode1005Is1002() throws Exception {
        assertEquals(1002, closeCodeAfter(WireClient.maskedFrame(0x88, WireClient.closePayload(1005, ""))));
    }

    @Test
    void closeWithOneBytePayloadIs1002() throws Exception {
        assertEquals(1002, closeCodeAfter(WireClient.maskedFrame(0x88, new byte[] {0x03})));
    }

    private static byte[] hex(String text) {
        byte[] bytes = new byte[text.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(text.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }
}
