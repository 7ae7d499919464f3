package dev.tether.it;

import dev.tether.client.TetherClientContainer;
import dev.tether.server.Server;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.glassfish.tyrus.client.SslEngineConfigurator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code wss} with a self-signed certificate made by the JDK's keytool for this run. */
class TlsEchoTest {

    @TempDir
    static Path dir;
    static SSLContext serverContext;
    static SSLContext clientContext;
    static Server server;
    static TetherClientContainer client;

    /** Echoes; the text {@code "secure?"} is answered with the server session's {@code isSecure()}. */
    @ServerEndpoint("/secure")
    public static class SecureProbe {
        @OnMessage
        public String text(String message, Session session) {
            return message.equals("secure?") ? String.valueOf(session.isSecure()) : message;
        }

        @OnMessage(maxMessageSize = 4 * 1024 * 1024)
        public void binary(ByteBuffer message, Session session) throws IOException {
            session.getBasicRemote().sendBinary(message);
        }
    }

    /** A programmatic client endpoint that records what it receives; every wait is bounded. */
    public static class RecordingEndpoint extends Endpoint {
        final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<CloseReason> closed = new CompletableFuture<>();

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.setMaxBinaryMessageBufferSize(4 * 1024 * 1024);
            session.addMessageHandler(String.class, messages::add);
            session.addMessageHandler(ByteBuffer.class, messages::add);
        }

        @Override
        public void onClose(Session session, CloseReason closeReason) {
            closed.complete(closeReason);
        }

        Object next() throws InterruptedException {
            Object m = messages.poll(20, TimeUnit.SECONDS);
            if (m == null) {
                throw new AssertionError("no message within 20 s");
            }
            return m;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        SelfSignedKeyStore keyStore = SelfSignedKeyStore.create(dir);
        serverContext = keyStore.serverContext();
        // The client trusts exactly the certificate, not the key.
        clientContext = keyStore.clientContext();

        server = Server.builder().host("127.0.0.1").port(0).sslContext(serverContext)
                .endpoint(SecureProbe.class)
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

    private static ClientEndpointConfig trusting() {
        return ClientEndpointConfig.Builder.create().sslContext(clientContext).build();
    }

    @Test
    void uriIsWss() {
        assertEquals("wss", server.uri("/secure").getScheme());
    }

    @Test
    void echoesTextAndOneMebibyteOfBinaryOverTls() throws Exception {
        RecordingEndpoint endpoint = new RecordingEndpoint();
        Session session = client.connectToServer(endpoint, trusting(), server.uri("/secure"));
        assertTrue(session.isSecure(), "the client session is secure");

        session.getBasicRemote().sendText("secure?");
        assertEquals("true", endpoint.next(), "the server session is secure");

        session.getBasicRemote().sendText("hello over TLS – ✓");
        assertEquals("hello over TLS – ✓", endpoint.next());

        byte[] data = new byte[1024 * 1024];
        new Random(7).nextBytes(data);
        session.getBasicRemote().sendBinary(ByteBuffer.wrap(data));
        assertArrayEquals(data, TyrusClientInteropTest.bytes((ByteBuffer) endpoint.next()));

        session.close();
        assertEquals(CloseReason.CloseCodes.NORMAL_CLOSURE,
                endpoint.closed.get(20, TimeUnit.SECONDS).getCloseCode());
    }

    @Test
    void tyrusClientConnectsOverWss() throws Exception {
        ClientManager tyrus = ClientManager.createClient();
        try {
            tyrus.getProperties().put(ClientProperties.SSL_ENGINE_CONFIGURATOR, new SslEngineConfigurator(clientContext));
            RecordingClient endpoint = new RecordingClient();
            Session session = tyrus.connectToServer(endpoint, server.uri("/secure"));
            session.setMaxBinaryMessageBufferSize(4 * 1024 * 1024);
            // Tyrus 2.2.2's client session answers isSecure() with false even over wss, so only
            // the server's view is checked here.

            session.getBasicRemote().sendText("secure?");
            assertEquals("true", endpoint.next());
            session.getBasicRemote().sendText("tyrus over TLS");
            assertEquals("tyrus over TLS", endpoint.next());

            byte[] data = new byte[1024 * 1024];
            new Random(11).nextBytes(data);
            session.getBasicRemote().sendBinary(ByteBuffer.wrap(data));
            assertArrayEquals(data, TyrusClientInteropTest.bytes((ByteBuffer) endpoint.next()));

            session.close();
            assertEquals(CloseReason.CloseCodes.NORMAL_CLOSURE, endpoint.awaitClose().getCloseCode());
        } finally {
            tyrus.shutdown();
        }
    }

    @Test
    void clientThatDoesNotTrustTheCertificateFailsQuickly() throws Exception {
        // The JDK's default trust store does not hold this run's self-signed certificate.
        SSLContext untrusting = SSLContext.getInstance("TLS");
        untrusting.init(null, null, null);
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create().sslContext(untrusting).build();
        RecordingEndpoint endpoint = new RecordingEndpoint();
        Exception failure = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(Exception.class,
                () -> client.connectToServer(endpoint, config, server.uri("/secure"))));
        assertTrue(failure instanceof IOException || failure instanceof jakarta.websocket.DeploymentException,
                "an IOException or DeploymentException, not " + failure);

        // The server is unharmed: a trusting client still gets through.
        RecordingEndpoint good = new RecordingEndpoint();
        Session session = client.connectToServer(good, trusting(), server.uri("/secure"));
        session.getBasicRemote().sendText("after the refusal");
        assertEquals("after the refusal", good.next());
        session.close();
        good.closed.get(20, TimeUnit.SECONDS);
    }

    @Test
    void plainWsClientToTheTlsPortDoesNotHang() throws Exception {
        // Speaking plain HTTP to a TLS port must end in an error, not a wait for ever.
        RecordingEndpoint endpoint = new RecordingEndpoint();
        java.net.URI plain = java.net.URI.create(server.uri("/secure").toString().replaceFirst("^wss:", "ws:"));
        assertTimeoutPreemptively(Duration.ofSeconds(40), () -> assertThrows(Exception.class,
                () -> client.connectToServer(endpoint, ClientEndpointConfig.Builder.create().build(), plain)));
        assertEquals(0, endpoint.messages.size());
    }
}
