package dev.tether.servlet;

import dev.tether.client.TetherClientContainer;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What the servlet drop-in must do in every servlet container, over ws and wss: the test
 * application ({@code org.example.servletapp}) deployed at {@code /app} by Tether's
 * initializer. Subclasses start a servlet container and say where it listens.
 */
abstract class DropInContract {
    TetherClientContainer client;

    /** The WebSocket URI of {@code path} (starting with the context path). */
    abstract URI ws(String path);

    /** The HTTP URI of {@code path}. */
    abstract URI http(String path);

    /** The client's TLS context for wss, or null for ws. */
    abstract SSLContext clientTls();

    /**
     * Why messages cannot flow over this container's upgraded connections, or null if they can.
     * Tests then check the handshake (routing, 101) and stop there, reported as skipped.
     */
    String upgradedDataUnsupported() {
        return null;
    }

    /** Stops a test here, as skipped, if this container cannot carry WebSocket messages. */
    void assumeMessagesFlow() {
        assumeTrue(upgradedDataUnsupported() == null, upgradedDataUnsupported());
    }

    @BeforeEach
    void newClient() {
        client = new TetherClientContainer();
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    ClientEndpointConfig config() {
        return ClientEndpointConfig.Builder.create().sslContext(clientTls()).build();
    }

    Session connect(TextRecorder endpoint, String path) throws Exception {
        return client.connectToServer(endpoint, config(), ws(path));
    }

    String exchange(String path, String text) throws Exception {
        TextRecorder endpoint = new TextRecorder();
        Session session = connect(endpoint, path);
        try {
            assumeMessagesFlow();
            session.getBasicRemote().sendText(text);
            return endpoint.next();
        } finally {
            session.close();
        }
    }

    @Test
    void annotatedEndpointEchoes() throws Exception {
        assertEquals("hello ✓", exchange("/app/echo", "hello ✓"));
    }

    @Test
    void programmaticEndpointChosenByServerApplicationConfig() throws Exception {
        assertEquals("olleh", exchange("/app/reverse", "hello"));
    }

    @Test
    void endpointLeftOutByServerApplicationConfigIsNotServed() {
        assertThrows(DeploymentException.class, () -> connect(new TextRecorder(), "/app/hidden"));
    }

    @Test
    void endpointAddedByAListener() throws Exception {
        assertEquals("added:x", exchange("/app/added", "x"));
    }

    @Test
    void servletUpgradesWithUpgradeHttpToWebSocket() throws Exception {
        assertEquals("42:x", exchange("/app/manual/42", "x"));
    }

    @Test
    void sessionKnowsItIsSecureOrNot() throws Exception {
        TextRecorder endpoint = new TextRecorder();
        Session session = connect(endpoint, "/app/echo");
        assertEquals(clientTls() != null, session.isSecure());
        session.close();
    }

    @Test
    void plainRequestsStillReachTheApplication() throws Exception {
        String response = RawHttp.exchange(http("/"), clientTls(), """
                GET /app/index.txt HTTP/1.1\r
                Host: 127.0.0.1\r
                Connection: close\r
                \r
                """);
        assertTrue(response.startsWith("HTTP/1.1 200 "), response);
        assertTrue(response.endsWith("plain\n"), response);
    }

    @Test
    void wrongVersionGets426() throws Exception {
        String response = RawHttp.exchange(http("/"), clientTls(), """
                GET /app/echo HTTP/1.1\r
                Host: 127.0.0.1\r
                Upgrade: websocket\r
                Connection: Upgrade\r
                Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r
                Sec-WebSocket-Version: 8\r
                \r
                """);
        assertTrue(response.startsWith("HTTP/1.1 426 "), response);
        assertTrue(response.contains("Sec-WebSocket-Version: 13"), response);
    }

    @Test
    void missingKeyGets400WithTheReason() throws Exception {
        String response = RawHttp.exchange(http("/"), clientTls(), """
                GET /app/echo HTTP/1.1\r
                Host: 127.0.0.1\r
                Upgrade: websocket\r
                Connection: Upgrade\r
                Sec-WebSocket-Version: 13\r
                \r
                """);
        assertTrue(response.startsWith("HTTP/1.1 400 "), response);
        assertTrue(response.contains("missing Sec-WebSocket-Key header"), response);
    }

    @Test
    void largeMessagesBothWays() throws Exception {
        TextRecorder endpoint = new TextRecorder();
        Session session = connect(endpoint, "/app/echo");
        assumeMessagesFlow();
        byte[] big = new byte[8 * 1024 * 1024];
        new Random(7).nextBytes(big);
        session.getBasicRemote().sendBinary(ByteBuffer.wrap(big));
        assertEquals(ByteBuffer.wrap(big), endpoint.nextMessage());
        String text = "é".repeat(1024 * 1024);
        session.getBasicRemote().sendText(text);
        assertEquals(text, endpoint.next());
        session.close();
        assertEquals(CloseReason.CloseCodes.NORMAL_CLOSURE, endpoint.awaitClose().getCloseCode());
    }

    @Test
    void aFloodedSlowEndpointHoldsTheClientBackAndLosesNothing() throws Exception {
        TextRecorder endpoint = new TextRecorder();
        Session session = connect(endpoint, "/app/slow");
        assumeMessagesFlow();
        int count = 1500;
        List<Future<Void>> sends = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] data = new byte[8 * 1024];
            data[0] = (byte) i;
            data[1] = (byte) (i >> 8);
            sends.add(session.getAsyncRemote().sendBinary(ByteBuffer.wrap(data)));
        }
        for (Future<Void> send : sends) {
            send.get(60, TimeUnit.SECONDS);
        }
        for (int i = 0; i < count; i++) {
            ByteBuffer echo = (ByteBuffer) endpoint.nextMessage();
            assertEquals(i, (echo.get(0) & 0xff) | (echo.get(1) & 0xff) << 8, "message " + i + " in order");
        }
        session.close();
    }

    @Test
    void echoUnderLoadLosesNothing() throws Exception {
        assumeMessagesFlow();
        int sessions = 32;
        int messages = 100;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int s = 0; s < sessions; s++) {
                int seed = s;
                runs.add(pool.submit(() -> {
                    TextRecorder endpoint = new TextRecorder();
                    Session session = connect(endpoint, "/app/echo");
                    Random random = new Random(seed);
                    List<Object> sent = new ArrayList<>();
                    for (int i = 0; i < messages; i++) {
                        if (i % 2 == 0) {
                            String text = seed + ":" + i + ":" + "x".repeat(random.nextInt(2048));
                            session.getAsyncRemote().sendText(text).get(30, TimeUnit.SECONDS);
                            sent.add(text);
                        } else {
                            byte[] data = new byte[random.nextInt(64 * 1024)];
                            random.nextBytes(data);
                            session.getAsyncRemote().sendBinary(ByteBuffer.wrap(data)).get(30, TimeUnit.SECONDS);
                            sent.add(ByteBuffer.wrap(data));
                        }
                    }
                    for (Object expected : sent) {
                        assertEquals(expected, endpoint.nextMessage());
                    }
                    session.close();
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
