package dev.tether.it;

import dev.tether.client.TetherClientContainer;
import dev.tether.extension.DeflateCodec;
import dev.tether.extension.DeflateParameters;
import dev.tether.server.Server;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Messages sent in parts ({@code sendText(part, last)}, {@code getSendStream()},
 * {@code getSendWriter()}) are compressed when permessage-deflate is agreed (RFC 7692 §6.1,
 * §7.2.1): RSV1 on the first frame only, each fragment inflatable as it arrives, and the whole
 * equal to what was sent; without the extension they go out as they are.
 */
class CompressedPartsTest {
    static final List<String> TEXT_PARTS = List.of(
            "alpha, ".repeat(60), "beta, ".repeat(80), "gamma, ".repeat(40), "");
    /** Over the send writer's and send stream's 16 KiB buffer, so that each sends more than one fragment. */
    static final String WRITER_TEXT = "written through the send writer; ".repeat(1000);
    static Server server;

    /** On a command, sends one message in parts the way the command names. */
    @ServerEndpoint("/send-parts")
    public static class PartsSender {
        @OnMessage
        public void command(String command, Session session) throws IOException {
            switch (command) {
                case "text" -> {
                    for (int i = 0; i < TEXT_PARTS.size(); i++) {
                        session.getBasicRemote().sendText(TEXT_PARTS.get(i), i == TEXT_PARTS.size() - 1);
                    }
                }
                case "stream" -> {
                    try (OutputStream out = session.getBasicRemote().getSendStream()) {
                        for (int i = 0; i < 3; i++) {
                            out.write(binaryChunk(i));
                            out.flush();
                        }
                    }
                }
                case "writer" -> {
                    try (Writer out = session.getBasicRemote().getSendWriter()) {
                        out.write(WRITER_TEXT);
                    }
                }
                default -> throw new IllegalArgumentException(command);
            }
        }
    }

    static byte[] binaryChunk(int i) {
        byte[] chunk = new byte[9000];
        for (int j = 0; j < chunk.length; j++) {
            chunk[j] = (byte) ((j % 50) + i);
        }
        return chunk;
    }

    @BeforeAll
    static void start() throws Exception {
        server = Server.builder().host("127.0.0.1").port(0).endpoint(PartsSender.class).endpoint(EchoEndpoint.class)
                .build();
        server.start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /** The frames of one message, read up to its final frame. */
    private static List<WireClient.Frame> readMessage(WireClient wire) throws IOException {
        List<WireClient.Frame> frames = new ArrayList<>();
        WireClient.Frame frame;
        do {
            frame = wire.readFrame();
            frames.add(frame);
        } while (!frame.fin());
        return frames;
    }

    /** Checks RSV1 on the first frame only and inflates each fragment as it arrives, as a receiver does. */
    private static byte[] inflateCompressedMessage(DeflateCodec codec, List<WireClient.Frame> frames) {
        assertEquals(4, frames.get(0).rsv(), "RSV1 on the first frame");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < frames.size(); i++) {
            if (i > 0) {
                assertEquals(0, frames.get(i).opcode(), "a continuation frame");
                assertEquals(0, frames.get(i).rsv(), "no RSV1 on continuation frame " + i);
            }
            codec.inflate(ByteBuffer.wrap(frames.get(i).payload()),
                    p -> out.write(p.array(), p.arrayOffset() + p.position(), p.remaining()));
        }
        codec.finishMessage(p -> out.write(p.array(), p.arrayOffset() + p.position(), p.remaining()));
        return out.toByteArray();
    }

    private static WireClient open(String extensionsHeader) throws IOException {
        WireClient wire = WireClient.connect(server.port());
        wire.sendAscii(extensionsHeader == null
                ? WireClient.upgradeRequest("/send-parts")
                : WireClient.upgradeRequest("/send-parts", "Sec-WebSocket-Extensions: " + extensionsHeader));
        assertEquals(101, wire.readResponseHead().status());
        return wire;
    }

    @Test
    void textSentInPartsIsCompressedFrameByFrameAndTheContextCarriesOn() throws Exception {
        try (WireClient wire = open("permessage-deflate");
             DeflateCodec codec = new DeflateCodec(new DeflateParameters(false, false, 0, 0), true, -1, 0)) {
            for (int round = 0; round < 2; round++) {
                wire.send(WireClient.maskedFrame(0x81, "text".getBytes(StandardCharsets.UTF_8)));
                List<WireClient.Frame> frames = readMessage(wire);
                assertEquals(TEXT_PARTS.size(), frames.size(), "one frame per part");
                assertEquals(1, frames.get(0).opcode());
                String text = new String(inflateCompressedMessage(codec, frames), StandardCharsets.UTF_8);
                assertEquals(String.join("", TEXT_PARTS), text, "round " + round);
                int wireBytes = frames.stream().mapToInt(f -> f.payload().length).sum();
                assertTrue(wireBytes < text.length() / 4, "compressed: " + wireBytes + " bytes for " + text.length());
            }
        }
    }

    @Test
    void theSendStreamIsCompressedWithoutContextTakeoverToo() throws Exception {
        try (WireClient wire = open("permessage-deflate; server_no_context_takeover");
             DeflateCodec codec = new DeflateCodec(new DeflateParameters(true, false, 0, 0), true, -1, 0)) {
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            for (int i = 0; i < 3; i++) {
                expected.writeBytes(binaryChunk(i));
            }
            for (int round = 0; round < 2; round++) {
                wire.send(WireClient.maskedFrame(0x81, "stream".getBytes(StandardCharsets.UTF_8)));
                List<WireClient.Frame> frames = readMessage(wire);
                assertEquals(2, frames.get(0).opcode());
                assertTrue(frames.size() > 1, "sent in fragments");
                assertArrayEquals(expected.toByteArray(), inflateCompressedMessage(codec, frames), "round " + round);
            }
        }
    }

    @Test
    void theSendWriterIsCompressed() throws Exception {
        try (WireClient wire = open("permessage-deflate");
             DeflateCodec codec = new DeflateCodec(new DeflateParameters(false, false, 0, 0), true, -1, 0)) {
            wire.send(WireClient.maskedFrame(0x81, "writer".getBytes(StandardCharsets.UTF_8)));
            List<WireClient.Frame> frames = readMessage(wire);
            assertEquals(1, frames.get(0).opcode());
            assertTrue(frames.size() > 1, "sent in fragments");
            assertEquals(WRITER_TEXT, new String(inflateCompressedMessage(codec, frames), StandardCharsets.UTF_8));
        }
    }

    @Test
    void withoutTheExtensionPartsGoOutAsTheyAre() throws Exception {
        try (WireClient wire = open(null)) {
            wire.send(WireClient.maskedFrame(0x81, "text".getBytes(StandardCharsets.UTF_8)));
            List<WireClient.Frame> frames = readMessage(wire);
            StringBuilder text = new StringBuilder();
            for (WireClient.Frame frame : frames) {
                assertEquals(0, frame.rsv());
                text.append(new String(frame.payload(), StandardCharsets.UTF_8));
            }
            assertEquals(String.join("", TEXT_PARTS), text.toString());
        }
    }

    @Test
    void tetherClientPartsRoundTripThroughTetherServerInflation() throws Exception {
        ClientEndpointConfig config = PerMessageDeflateIntegrationTest.offering();
        try (TetherClientContainer client = new TetherClientContainer()) {
            PerMessageDeflateIntegrationTest.Queue queue = new PerMessageDeflateIntegrationTest.Queue();
            Session session = client.connectToServer(queue, config, server.uri("/echo"));
            assertEquals(List.of("permessage-deflate"),
                    session.getNegotiatedExtensions().stream().map(e -> e.getName()).toList());
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < TEXT_PARTS.size(); i++) {
                    session.getBasicRemote().sendText(TEXT_PARTS.get(i), i == TEXT_PARTS.size() - 1);
                }
                assertEquals(String.join("", TEXT_PARTS), queue.next(), "round " + round);
                ByteArrayOutputStream expected = new ByteArrayOutputStream();
                try (OutputStream out = session.getBasicRemote().getSendStream()) {
                    for (int i = 0; i < 3; i++) {
                        out.write(binaryChunk(i));
                        out.flush();
                        expected.writeBytes(binaryChunk(i));
                    }
                }
                ByteBuffer echoed = (ByteBuffer) queue.next();
                byte[] bytes = new byte[echoed.remaining()];
                echoed.get(bytes);
                assertArrayEquals(expected.toByteArray(), bytes);
            }
            session.close();
        }
    }
}
