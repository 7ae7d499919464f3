package dev.tether.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tether.server.Server;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs the demo server on a free port and talks to it with the JDK's own HTTP and
 * WebSocket client, an implementation independent of Tether.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DemoServerTest {

    private static final long WAIT_SECONDS = 10;
    private static final long BIG_WAIT_SECONDS = 60;

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(WAIT_SECONDS))
            .build();
    private final List<Peer> peers = new ArrayList<>();
    private Server server;

    @BeforeEach
    void start() throws Exception {
        server = DemoServer.create("127.0.0.1", 0);
        server.start();
        assertTrue(server.port() > 0, "bound port");
    }

    @AfterEach
    void stop() {
        try {
            for (Peer peer : peers) {
                if (peer.socket != null) {
                    peer.socket.abort();
                }
            }
        } finally {
            if (server != null) {
                server.stop();
            }
        }
    }

    @Test
    void echoesText() throws Exception {
        Peer peer = connect("/echo");
        for (String text : new String[] {"hello, Tether", "", "h\u00e9llo \u2713 \uD83C\uDF0D"}) {
            send(peer.socket.sendText(text, true));
            assertEquals(text, peer.next(WAIT_SECONDS));
        }
        closeNormally(peer);
    }

    @Test
    void echoesBinary() throws Exception {
        Peer peer = connect("/echo");
        byte[] small = new byte[256];
        for (int i = 0; i < small.length; i++) {
            small[i] = (byte) i;
        }
        send(peer.socket.sendBinary(ByteBuffer.wrap(small), true));
        assertArrayEquals(small, (byte[]) peer.next(WAIT_SECONDS));

        byte[] mebibyte = randomBytes(1024 * 1024, 1);
        send(peer.socket.sendBinary(ByteBuffer.wrap(mebibyte), true));
        Object echoed = peer.next(WAIT_SECONDS);
        assertTrue(echoed instanceof byte[], "binary message comes back as binary");
        assertArrayEquals(mebibyte, (byte[]) echoed);
        closeNormally(peer);
    }

    @Test
    void echoesSixteenMebibytes() throws Exception {
        Peer peer = connect("/echo");
        byte[] big = randomBytes(EchoEndpoint.MAX_MESSAGE_SIZE, 2);
        peer.socket.sendBinary(ByteBuffer.wrap(big), true).get(BIG_WAIT_SECONDS, TimeUnit.SECONDS);
        Object echoed = peer.next(BIG_WAIT_SECONDS);
        assertTrue(echoed instanceof byte[], "binary message comes back as binary, got " + describe(echoed));
        assertArrayEquals(big, (byte[]) echoed);

        String text = "x".repeat(EchoEndpoint.MAX_MESSAGE_SIZE);
        peer.socket.sendText(text, true).get(BIG_WAIT_SECONDS, TimeUnit.SECONDS);
        Object echoedText = peer.next(BIG_WAIT_SECONDS);
        assertTrue(echoedText instanceof String, "text message comes back as text, got " + describe(echoedText));
        assertEquals(text.length(), ((String) echoedText).length());
        assertEquals(text, echoedText);
        closeNormally(peer);
    }

    @Test
    void chatStaysInItsRoom() throws Exception {
        Peer alice = connect("/chat/r1?name=alice");
        alice.await("* alice joined");
        Peer bob = connect("/chat/r1?name=bob");
        bob.await("* bob joined");
        alice.await("* bob joined");
        Peer carol = connect("/chat/r2?name=carol");
        carol.await("* carol joined");

        send(alice.socket.sendText("hello room one", true));
        alice.await("alice: hello room one");
        bob.await("alice: hello room one");

        send(carol.socket.sendText("hello room two", true));
        carol.await("carol: hello room two");

        send(bob.socket.sendText("bye", true));
        alice.await("bob: bye");
        bob.await("bob: bye");

        assertFalse(carol.saw("alice"), "r2 got traffic from r1: " + carol.all);
        assertFalse(carol.saw("bob"), "r2 got traffic from r1: " + carol.all);
        assertFalse(alice.saw("carol"), "r1 got traffic from r2: " + alice.all);
        assertFalse(bob.saw("carol"), "r1 got traffic from r2: " + bob.all);

        closeNormally(bob);
        alice.await("* bob left");
        assertFalse(carol.saw("bob"), "r2 heard of r1's departure: " + carol.all);
    }

    @Test
    void chatGivesGuestsAName() throws Exception {
        Peer guest = connect("/chat/lobby");
        Object joined = guest.next(WAIT_SECONDS);
        assertTrue(joined instanceof String && ((String) joined).matches("\\* guest-\\d+ joined"),
                "join announcement, got " + describe(joined));
        String name = ((String) joined).substring(2, ((String) joined).length() - " joined".length());
        send(guest.socket.sendText("hi", true));
        guest.await(name + ": hi");
        closeNormally(guest);
    }

    @Test
    void servesTheChatPage() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base().resolve("/"))
                .timeout(Duration.ofSeconds(WAIT_SECONDS))
                .GET()
                .build();
        HttpResponse<String> response = http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals(200, response.statusCode());
        String type = response.headers().firstValue("Content-Type").orElse("");
        assertTrue(type.toLowerCase().startsWith("text/html"), "Content-Type: " + type);
        String body = response.body();
        assertTrue(body.toLowerCase().contains("<html"), "looks like HTML");
        assertTrue(body.contains("WebSocket"), "mentions WebSocket");
        assertArrayEquals(DemoServer.indexPage(), body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void saysWhereItListens() {
        String line = DemoServer.listeningLine(server);
        String hostPort = "127.0.0.1:" + server.port();
        assertEquals("Tether demo listening on http://" + hostPort + "/ (echo at ws://" + hostPort
                + "/echo, chat at ws://" + hostPort + "/chat/{room})", line);
    }

    @Test
    void parsesOptions() {
        DemoServer.Options defaults = DemoServer.Options.parse();
        assertEquals(DemoServer.DEFAULT_HOST, defaults.host());
        assertEquals(DemoServer.DEFAULT_PORT, defaults.port());
        assertFalse(defaults.help());

        DemoServer.Options given = DemoServer.Options.parse("--host", "0.0.0.0", "--port=9000");
        assertEquals("0.0.0.0", given.host());
        assertEquals(9000, given.port());
        assertTrue(DemoServer.Options.parse("--help").help());

        for (String[] bad : new String[][] {
                {"--port"}, {"--port", "http"}, {"--port", "65536"}, {"--port=-1"},
                {"--host"}, {"--host", "--port", "1"}, {"--host="}, {"--verbose"}, {"8080"}}) {
            assertThrows(IllegalArgumentException.class, () -> DemoServer.Options.parse(bad),
                    () -> String.join(" ", bad));
        }
    }

    // --- helpers -------------------------------------------------------------------------

    private URI base() {
        return URI.create("http://127.0.0.1:" + server.port() + "/");
    }

    private Peer connect(String pathAndQuery) throws Exception {
        URI uri = URI.create("ws://127.0.0.1:" + server.port() + pathAndQuery);
        Peer peer = new Peer();
        peers.add(peer);
        peer.socket = http.newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(WAIT_SECONDS))
                .buildAsync(uri, peer)
                .get(WAIT_SECONDS, TimeUnit.SECONDS);
        return peer;
    }

    private static void send(CompletableFuture<WebSocket> sent) throws Exception {
        sent.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private static void closeNormally(Peer peer) throws Exception {
        send(peer.socket.sendClose(WebSocket.NORMAL_CLOSURE, "done"));
        assertEquals(WebSocket.NORMAL_CLOSURE, peer.closed.get(WAIT_SECONDS, TimeUnit.SECONDS),
                "server answers the close with the same code");
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static String describe(Object message) {
        if (message instanceof byte[]) {
            return "binary of " + ((byte[]) message).length + " bytes";
        }
        if (message instanceof String && ((String) message).length() > 80) {
            return "text of " + ((String) message).length() + " chars";
        }
        return String.valueOf(message);
    }

    /** A JDK WebSocket client that collects whole messages: String for text, byte[] for binary. */
    private static final class Peer implements WebSocket.Listener {
        final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
        final List<Object> all = new CopyOnWriteArrayList<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
        volatile WebSocket socket;

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                deliver(text.toString());
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            binary.writeBytes(chunk);
            if (last) {
                deliver(binary.toByteArray());
                binary.reset();
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }

        private void deliver(Object message) {
            all.add(message);
            messages.add(message);
        }

        /** The next whole message, failing after the timeout or if the connection ends first. */
        Object next(long seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (true) {
                Object message = messages.poll(100, TimeUnit.MILLISECONDS);
                if (message != null) {
                    return message;
                }
                if (closed.isDone()) {
                    message = messages.poll();
                    if (message != null) {
                        return message;
                    }
                    fail("connection ended while waiting for a message: " + closed + "; received: " + all);
                }
                if (System.nanoTime() - deadline > 0) {
                    fail("no message within " + seconds + " s; received so far: " + all);
                }
            }
        }

        /** Waits for a text message equal to {@code expected}, skipping others. */
        void await(String expected) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    fail("did not receive '" + expected + "' within " + WAIT_SECONDS + " s; received: " + all);
                }
                Object message = messages.poll(left, TimeUnit.NANOSECONDS);
                if (expected.equals(message)) {
                    return;
                }
            }
        }

        boolean saw(String fragment) {
            return all.stream().anyMatch(m -> m instanceof String && ((String) m).contains(fragment));
        }
    }
}
