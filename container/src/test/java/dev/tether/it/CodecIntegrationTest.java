package dev.tether.it;

import dev.tether.client.TetherClientContainer;
import dev.tether.server.Server;
import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;
import jakarta.websocket.EncodeException;
import jakarta.websocket.Encoder;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Encoders and decoders of annotated endpoints, end to end over loopback. */
class CodecIntegrationTest {
    record Point(int x, int y) { }

    public static class PointDecoder implements Decoder.Text<Point> {
        @Override
        public Point decode(String s) throws DecodeException {
            String[] parts = s.split(",");
            try {
                return new Point(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
            } catch (RuntimeException e) {
                throw new DecodeException(s, "not a point", e);
            }
        }

        @Override
        public boolean willDecode(String s) {
            return s.contains(",");
        }
    }

    public static class PointEncoder implements Encoder.Text<Point> {
        @Override
        public String encode(Point p) throws EncodeException {
            return "(" + p.x() + " " + p.y() + ")";
        }
    }

    /** Binary points: two big-endian ints. */
    public static class BinaryPointDecoder implements Decoder.Binary<Point> {
        @Override
        public Point decode(ByteBuffer bytes) {
            return new Point(bytes.getInt(), bytes.getInt());
        }

        @Override
        public boolean willDecode(ByteBuffer bytes) {
            return bytes.remaining() == 8;
        }
    }

    @ServerEndpoint(value = "/points", decoders = PointDecoder.class, encoders = PointEncoder.class)
    public static class PointEndpoint {
        @OnMessage
        public Point swap(Point p) {
            return new Point(p.y(), p.x());
        }

        @OnError
        public void error(Session session, Throwable t) throws IOException {
            session.getBasicRemote().sendText("error: " + t.getClass().getSimpleName());
        }
    }

    @ServerEndpoint(value = "/binarypoints", decoders = BinaryPointDecoder.class, encoders = PointEncoder.class)
    public static class BinaryPointEndpoint {
        @OnMessage
        public Point same(Point p) {
            return p;
        }
    }

    @ServerEndpoint("/streams")
    public static class StreamEndpoint {
        @OnMessage
        public String text(Reader reader) throws IOException {
            StringBuilder sb = new StringBuilder();
            char[] buffer = new char[64];
            for (int n; (n = reader.read(buffer)) > 0; ) {
                sb.append(buffer, 0, n);
            }
            return "read " + sb.length() + " chars";
        }

        @OnMessage
        public String binary(InputStream in) throws IOException {
            return "read " + in.readAllBytes().length + " bytes";
        }
    }

    static Server server;
    static TetherClientContainer client;

    @BeforeAll
    static void start() throws Exception {
        server = Server.builder().port(0)
                .endpoint(PointEndpoint.class).endpoint(BinaryPointEndpoint.class).endpoint(StreamEndpoint.class)
                .build();
        server.start();
        client = new TetherClientContainer();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.stop();
    }

    @Test
    void decodedMessageAndEncodedReply() throws Exception {
        RecordingClient endpoint = new RecordingClient();
        Session session = client.connectToServer(endpoint, server.uri("/points"));
        session.getBasicRemote().sendText("1, 2");
        assertEquals("(2 1)", endpoint.next());
        session.close();
    }

    @Test
    void aMessageNoDecoderTakesGoesToOnErrorAndTheSessionStaysOpen() throws Exception {
        RecordingClient endpoint = new RecordingClient();
        Session session = client.connectToServer(endpoint, server.uri("/points"));
        session.getBasicRemote().sendText("no comma");
        assertEquals("error: DecodeException", endpoint.next());
        session.getBasicRemote().sendText("3,4");
        assertEquals("(4 3)", endpoint.next());
        assertTrue(session.isOpen());
        session.close();
    }

    @Test
    void binaryDecoder() throws Exception {
        RecordingClient endpoint = new RecordingClient();
        Session session = client.connectToServer(endpoint, server.uri("/binarypoints"));
        session.getBasicRemote().sendBinary(ByteBuffer.allocate(8).putInt(7).putInt(9).flip());
        assertEquals("(7 9)", endpoint.next());
        session.close();
    }

    @Test
    void readerAndInputStreamParameters() throws Exception {
        RecordingClient endpoint = new RecordingClient();
        Session session = client.connectToServer(endpoint, server.uri("/streams"));
        session.getBasicRemote().sendText("x".repeat(1000));
        assertEquals("read 1000 chars", endpoint.next());
        session.getBasicRemote().sendBinary(ByteBuffer.wrap("abc".getBytes(StandardCharsets.UTF_8)));
        assertEquals("read 3 bytes", endpoint.next());
        session.close();
    }

    @Test
    void clientSideSendObjectUsesTheClientsEncoders() throws Exception {
        jakarta.websocket.ClientEndpointConfig config = jakarta.websocket.ClientEndpointConfig.Builder.create()
                .encoders(java.util.List.of(CsvPointEncoder.class)).build();
        java.util.concurrent.BlockingQueue<String> replies = new java.util.concurrent.LinkedBlockingQueue<>();
        Session session = client.connectToServer(new jakarta.websocket.Endpoint() {
            @Override
            public void onOpen(Session s, jakarta.websocket.EndpointConfig c) {
                s.addMessageHandler(String.class, replies::add);
            }
        }, config, server.uri("/points"));
        session.getBasicRemote().sendObject(new Point(5, 6));
        assertEquals("(6 5)", replies.poll(10, java.util.concurrent.TimeUnit.SECONDS));
        session.close();
    }

    public static class CsvPointEncoder implements Encoder.Text<Point> {
        @Override
        public String encode(Point p) {
            return p.x() + "," + p.y();
        }
    }
}
