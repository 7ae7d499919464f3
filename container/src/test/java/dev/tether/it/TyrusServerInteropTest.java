package dev.tether.it;

import dev.tether.client.TetherClientContainer;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnMessage;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Tether's client against Tyrus's server (the reference implementation). */
class TyrusServerInteropTest {
    static final int BIG = 40 * 1024 * 1024;
    static LoopbackTyrusServer tyrus;
    static int port;
    static TetherClientContainer client;

    /** Tyrus-side echo with a limit large enough for 16 MiB messages. */
    @ServerEndpoint("/echo")
    public static class TyrusEcho {
        @OnMessage(maxMessageSize = BIG)
        public String text(String message) {
            return message;
        }

        @OnMessage(maxMessageSize = BIG)
        public void binary(ByteBuffer message, Session session) throws IOException {
            session.getBasicRemote().sendBinary(message);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        tyrus = new LoopbackTyrusServer(BIG, TyrusEcho.class, CloseProbeEndpoint.class);
        port = tyrus.start();
        client = new TetherClientContainer();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (tyrus != null) {
            tyrus.stop();
        }
    }

    @BeforeEach
    void clearProbe() {
        CloseProbeEndpoint.CLOSES.clear();
    }

    private static URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + port + path);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 125, 126, 64 * 1024, 16 * 1024 * 1024})
    void echoesText(int size) throws Exception {
        RecordingClient endpoint = new RecordingClient();
        Session session = client.connectToServer(endpoint, uri("/echo"));
        String text = EchoIntegrationTest.randomText(size);
        session.getBasicRemote().sendText(text);
        assertEquals(text, endpoint.next());
        session.close();
        assertEquals(CloseReason.CloseCodes.NORMAL_CLOSURE, endpoint.awaitClose().getCloseCode());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 125, 126, 64 * 1024, 16 * 1024 * 1024})
    void echoesBinary(int size) throws Exception {
        RecordingClient endpoint = new RecordingClient();
        Session session = client.connectToServer(endpoint, uri("/echo"));
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        session.getBasicRemote().sendBinary(ByteBuffer.wrap(data));
        assertArrayEquals(data, TyrusClientInteropTest.bytes((ByteBuffer) endpoint.next()));
        session.close();
        endpoint.awaitClose();
    }

    @Test
    void fragmentedTextArrivesWhole() throws Exception {
        RecordingClient endpoint = new RecordingClient();
        Session session = client.connectToServer(endpoint, uri("/echo"));
        session.getBasicRemote().sendText("frag", false);
        session.getBasicRemote().sendText("ment", false);
        session.getBasicRemote().sendText("ed – ünïcode ✓", true);
        assertEquals("fragmented – ünïcode ✓", endpoint.next());
        session.close();
        endpoint.awaitClose();
    }

    @Test
    void pingIsAnsweredWithPong() throws Exception {
        RecordingClient endpoint = new RecordingClient();
        Session session = client.connectToServer(endpoint, uri("/echo"));
        session.getBasicRemote().sendPing(ByteBuffer.wrap("tether ping".getBytes(StandardCharsets.UTF_8)));
        PongMessage pong = assertInstanceOf(PongMessage.class, endpoint.next());
        assertEquals("tether ping", StandardCharsets.UTF_8.decode(pong.getApplicationData()).toString());
        session.close();
        endpoint.awaitClose();
    }

    @Test
    void clientCloseCodeAndReasonReachTheServer() throws Exception {
        RecordingClient endpoint = new RecordingClient();
        Session session = client.connectToServer(endpoint, uri("/closeprobe"));
        session.getBasicRemote().sendText("hello");
        assertEquals("hello", endpoint.next());
        session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(4000), "tether leaves"));
        CloseReason seen = CloseProbeEndpoint.CLOSES.poll(20, TimeUnit.SECONDS);
        assertNotNull(seen, "the Tyrus endpoint saw no close within 20 s");
        assertEquals(4000, seen.getCloseCode().getCode());
        assertEquals("tether leaves", seen.getReasonPhrase());
        assertEquals(4000, endpoint.awaitClose().getCloseCode().getCode());
    }

    @Test
    void serverInitiatedCloseReachesTheClient() throws Exception {
        RecordingClient endpoint = new RecordingClient();
        Session session = client.connectToServer(endpoint, uri("/closeprobe"));
        session.getBasicRemote().sendText("close-me");
        CloseReason reason = endpoint.awaitClose();
        assertEquals(4001, reason.getCloseCode().getCode());
        assertEquals("server says bye", reason.getReasonPhrase());
        CloseReason serverSide = CloseProbeEndpoint.CLOSES.poll(20, TimeUnit.SECONDS);
        assertNotNull(serverSide, "the Tyrus endpoint saw no close within 20 s");
        assertEquals(4001, serverSide.getCloseCode().getCode());
    }
}
