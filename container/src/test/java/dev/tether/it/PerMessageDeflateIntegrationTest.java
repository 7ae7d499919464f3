package dev.tether.it;

import dev.tether.client.TetherClientContainer;
import dev.tether.extension.DeflateCodec;
import dev.tether.extension.DeflateParameters;
import dev.tether.server.Server;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Extension;
import jakarta.websocket.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** permessage-deflate between Tether's client and server, and against a raw peer. */
class PerMessageDeflateIntegrationTest {
    static Server server;
    static Server plainServer;
    static TetherClientContainer client;

    @BeforeAll
    static void start() throws Exception {
        server = Server.builder().port(0).maxTextMessageSize(1024 * 1024).endpoint(EchoEndpoint.class).build();
        server.start();
        plainServer = Server.builder().port(0).permessageDeflate(false).endpoint(EchoEndpoint.class).build();
        plainServer.start();
        client = new TetherClientContainer();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.stop();
        plainServer.stop();
    }

    static ClientEndpointConfig offering(String... params) {
        List<Extension.Parameter> parameters = new java.util.ArrayList<>();
        for (String p : params) {
            parameters.add(new dev.tether.jakarta.TetherExtension.Parameter(p, null));
        }
        return ClientEndpointConfig.Builder.create()
                .extensions(List.of(new dev.tether.jakarta.TetherExtension("permessage-deflate", parameters))).build();
    }

    /** A programmatic client that queues what it receives. */
    static final class Queue extends Endpoint {
        final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, messages::add);
            session.addMessageHandler(ByteBuffer.class, messages::add);
        }

        Object next() throws InterruptedException {
            Object m = messages.poll(20, TimeUnit.SECONDS);
            assertNotNull(m, "no message");
            return m;
        }
    }

    @Test
    void negotiatedOnBothSidesAndMessagesOfEverySizeSurvive() throws Exception {
        for (ClientEndpointConfig config : List.of(offering(), offering("server_no_context_takeover", "client_no_context_takeover"))) {
            Queue endpoint = new Queue();
            Session session = client.connectToServer(endpoint, config, server.uri("/echo"));
            assertEquals("permessage-deflate", session.getNegotiatedExtensions().get(0).getName());
            Random random = new Random(3);
            for (int size : new int[] {0, 1, 127, 128, 5000, 65536, 1024 * 1024}) {
                StringBuilder text = new StringBuilder();
                while (text.length() < size) {
                    text.append("word").append(random.nextInt(50)).append(' ');
                }
                String message = text.substring(0, size);
                session.getBasicRemote().sendText(message);
                assertEquals(message, endpoint.next(), "text of " + size);
                byte[] data = new byte[size];
                random.nextBytes(data);
                session.getBasicRemote().sendBinary(ByteBuffer.wrap(data));
                ByteBuffer echoed = (ByteBuffer) endpoint.next();
                byte[] got = new byte[echoed.remaining()];
                echoed.get(got);
                assertArrayEquals(data, got, "binary of " + size);
            }
            session.close();
        }
    }

    @Test
    void aServerWithDeflateOffDeclinesIt() throws Exception {
        Queue endpoint = new Queue();
        Session session = client.connectToServer(endpoint, offering(), plainServer.uri("/echo"));
        assertEquals(List.of(), session.getNegotiatedExtensions());
        session.getBasicRemote().sendText("still works");
        assertEquals("still works", endpoint.next());
        session.close();
    }

    @Test
    void aClientNotAskedDoesNotOfferIt() throws Exception {
        Queue endpoint = new Queue();
        Session session = client.connectToServer(endpoint, ClientEndpointConfig.Builder.create().build(), server.uri("/echo"));
        assertEquals(List.of(), session.getNegotiatedExtensions());
        session.close();
    }

    @Test
    void serverFramesAreCompressedWithRsv1OnTheWire() throws Exception {
        try (WireClient wire = WireClient.connect(server.port())) {
            wire.sendAscii(WireClient.upgradeRequest("/echo", "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits"));
            WireClient.Response response = wire.readResponseHead();
            assertEquals(101, response.status());
            assertEquals("permessage-deflate", response.header("Sec-WebSocket-Extensions"));
            String text = "compress me ".repeat(100);
            try (DeflateCodec codec = new DeflateCodec(new DeflateParameters(false, false, 0, 0), true, -1, 0)) {
                ByteBuffer compressed = codec.compress(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
                byte[] payload = new byte[compressed.remaining()];
                compressed.get(payload);
                wire.send(WireClient.maskedFrame(0x80 | 0x40 | 0x1, payload));   // FIN + RSV1 + text
                WireClient.Frame echoed = wire.readFrame();
                assertEquals(1, echoed.opcode());
                assertTrue(echoed.payload().length < text.length() / 4, "echo was not compressed");
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                codec.inflate(ByteBuffer.wrap(echoed.payload()), p -> out.write(p.array(), p.arrayOffset() + p.position(), p.remaining()));
                codec.finishMessage(p -> out.write(p.array(), p.arrayOffset() + p.position(), p.remaining()));
                assertEquals(text, out.toString(StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void aSmallFrameThatInflatesPastTheLimitCloses1009() throws Exception {
        try (WireClient wire = WireClient.connect(server.port())) {
            wire.sendAscii(WireClient.upgradeRequest("/echo", "Sec-WebSocket-Extensions: permessage-deflate"));
            assertEquals(101, wire.readResponseHead().status());
            try (DeflateCodec codec = new DeflateCodec(new DeflateParameters(false, false, 0, 0), true, -1, 0)) {
                ByteBuffer bomb = codec.compress(ByteBuffer.wrap(new byte[64 * 1024 * 1024]));   // 64 MiB of 'a'-less zeros
                byte[] payload = new byte[bomb.remaining()];
                bomb.get(payload);
                assertTrue(payload.length < 128 * 1024);
                wire.send(WireClient.maskedFrame(0x80 | 0x40 | 0x2, payload));
                WireClient.Frame close = wire.readFrame();
                assertEquals(8, close.opcode());
                assertEquals(CloseReason.CloseCodes.TOO_BIG.getCode(), ((close.payload()[0] & 0xFF) << 8) | (close.payload()[1] & 0xFF));
            }
        }
    }
}
