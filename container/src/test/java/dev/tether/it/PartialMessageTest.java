package dev.tether.it;

import dev.tether.client.TetherClientContainer;
import dev.tether.server.Server;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Partial handlers get one part per frame, as the frames arrive; text parts end at whole characters. */
class PartialMessageTest {
    static final BlockingQueue<String> PARTS = new LinkedBlockingQueue<>();
    static Server server;

    @ServerEndpoint("/parts")
    public static class PartsEndpoint {
        @OnMessage
        public void text(String part, boolean last) {
            PARTS.add("text[" + part + "]" + (last ? " last" : ""));
        }

        @OnMessage
        public void binary(ByteBuffer part, boolean last) {
            PARTS.add("binary[" + part.remaining() + "]" + (last ? " last" : ""));
        }
    }

    @BeforeAll
    static void start() throws Exception {
        server = Server.builder().port(0).maxTextMessageSize(16).endpoint(PartsEndpoint.class).build();
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @BeforeEach
    void clear() {
        PARTS.clear();
    }

    @Test
    void aCharacterSplitBetweenFramesGoesWithTheNextPart() throws Exception {
        byte[] text = "aé€b".getBytes(StandardCharsets.UTF_8); // 61 | c3 a9 | e2 82 ac | 62
        try (WireClient wire = WireClient.connect(server.port())) {
            wire.handshake("/parts");
            wire.send(WireClient.maskedFrame(0x01, new byte[] {text[0], text[1]}));          // "a" + half of é
            wire.send(WireClient.maskedFrame(0x00, new byte[] {text[2], text[3], text[4]})); // rest of é + 2/3 of €
            wire.send(WireClient.maskedFrame(0x80, new byte[] {text[5], text[6]}));          // rest of € + "b"
            assertEquals(List.of("text[a]", "text[é]", "text[€b] last"), take(3));
        }
    }

    @Test
    void binaryPartsArriveFrameByFrame() throws Exception {
        try (WireClient wire = WireClient.connect(server.port())) {
            wire.handshake("/parts");
            wire.send(WireClient.maskedFrame(0x02, new byte[3]));
            assertEquals(List.of("binary[3]"), take(1)); // before the message is complete
            wire.send(WireClient.maskedFrame(0x00, new byte[0]));
            wire.send(WireClient.maskedFrame(0x80, new byte[5]));
            assertEquals(List.of("binary[0]", "binary[5] last"), take(2));
        }
    }

    @Test
    void theLimitAppliesToEachPartNotToTheWholeMessage() throws Exception {
        try (TetherClientContainer client = new TetherClientContainer()) {
            Session session = client.connectToServer(new RecordingClient(), server.uri("/parts"));
            String part = "0123456789";  // 10 bytes each; 30 in all, over the limit of 16
            session.getBasicRemote().sendText(part, false);
            session.getBasicRemote().sendText(part, false);
            session.getBasicRemote().sendText(part, true);
            assertEquals(List.of("text[" + part + "]", "text[" + part + "]", "text[" + part + "] last"), take(3));
            session.close();
        }
    }

    private static List<String> take(int n) throws InterruptedException {
        List<String> parts = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            String part = PARTS.poll(10, TimeUnit.SECONDS);
            if (part == null) {
                throw new AssertionError("got only " + parts);
            }
            parts.add(part);
        }
        return parts;
    }
}
