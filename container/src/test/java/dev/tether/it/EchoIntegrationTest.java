package dev.tether.it;

import dev.tether.client.TetherClientContainer;
import dev.tether.server.Server;
import jakarta.websocket.CloseReason;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tether's client against Tether's server over loopback. */
class EchoIntegrationTest {
    static Server server;
    static TetherClientContainer client;

    @BeforeAll
    static void start() throws Exception {
        server = Server.builder().host("127.0.0.1").port(0).endpoint(EchoEndpoint.class).build();
        server.start();
        client = new TetherClientContainer();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.stop();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 125, 126, 65535, 65536, 16 * 1024 * 1024})
    void echoesTextOfEverySize(int size) throws Exception {
        RecordingClient endpoint = new RecordingClient();
        Session session = client.connectToServer(endpoint, server.uri("/echo"));
        String text = randomText(size);
        session.getBasicRemote().sendText(text);
        assertEquals(text, endpoint.next());
        session.close();
        assertEquals(CloseReason.CloseCodes.NORMAL_CLOSURE, endpoint.awaitClose().getCloseCode());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 125, 126, 65535, 65536, 16 * 1024 * 1024})
    void echoesBinaryOfEverySize(int size) throws Exception {
        RecordingClient endpoint = new RecordingClient();
        Session session = client.connectToServer(endpoint, server.uri("/echo"));
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        session.getBasicRemote().sendBinary(ByteBuffer.wrap(data));
        ByteBuffer echoed = (ByteBuffer) endpoint.next();
        byte[] got = new byte[echoed.remaining()];
        echoed.get(got);
        assertArrayEquals(data, got);
        session.close();
        endpoint.awaitClose();
    }

    /** A client may send at once after the 101; those bytes must reach the session (a race once lost them). */
    @Test
    void largeMessageSentRightAfterConnectIsNotLost() throws Exception {
        for (int i = 0; i < 50; i++) {
            RecordingClient endpoint = new RecordingClient();
            Session session = client.connectToServer(endpoint, server.uri("/echo"));
            byte[] data = new byte[65536 + i];
            new Random(i).nextBytes(data);
            session.getBasicRemote().sendBinary(ByteBuffer.wrap(data));
            assertEquals(ByteBuffer.wrap(data), endpoint.next(), "connection " + i);
            session.close();
            endpoint.awaitClose();
        }
    }

    @Test
    void fragmentedMessageArrivesWhole() throws Exception {
        RecordingClient endpoint = new RecordingClient();
        Session session = client.connectToServer(endpoint, server.uri("/echo"));
        session.getBasicRemote().sendText("Hel", false);
        session.getBasicRemote().sendText("lo, ", false);
        session.getBasicRemote().sendText("wörld", true);
        assertEquals("Hello, wörld", endpoint.next());
        session.close();
        endpoint.awaitClose();
    }

    @Test
    void pingIsAnsweredWithPong() throws Exception {
        RecordingClient endpoint = new RecordingClient();
        Session session = client.connectToServer(endpoint, server.uri("/echo"));
        session.getBasicRemote().sendPing(ByteBuffer.wrap("are you there".getBytes(StandardCharsets.UTF_8)));
        PongMessage pong = assertInstanceOf(PongMessage.class, endpoint.next());
        assertEquals("are you there", StandardCharsets.UTF_8.decode(pong.getApplicationData()).toString());
        session.close();
        endpoint.awaitClose();
    }

    /** As in other containers and the TCK: when close() returns, the endpoint's onClose has run. */
    @Test
    void closeReturnsOnceOnCloseHasRun() throws Exception {
        for (int i = 0; i < 20; i++) {
            RecordingClient endpoint = new RecordingClient();
            Session session = client.connectToServer(endpoint, server.uri("/echo"));
            session.close();
            assertTrue(endpoint.closed.isDone(), "onClose had not run when close() returned");
            assertEquals(false, session.isOpen());
        }
    }

    @Test
    void closeCodeAndReasonReachTheClient() throws Exception {
        RecordingClient endpoint = new RecordingClient();
        Session session = client.connectToServer(endpoint, server.uri("/echo"));
        session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(4000), "done here"));
        CloseReason reason = endpoint.awaitClose();
        assertEquals(4000, reason.getCloseCode().getCode());
        assertEquals("done here", reason.getReasonPhrase());
    }

    static String randomText(int size) {
        Random random = new Random(size);
        StringBuilder sb = new StringBuilder(size);
        while (sb.length() < size) {
            sb.append((char) ('a' + random.nextInt(26)));
        }
        return sb.toString();
    }
}
