package dev.tether.it;

import dev.tether.client.TetherClientContainer;
import dev.tether.engine.WebSocketConnection;
import dev.tether.jakarta.TetherSession;
import dev.tether.server.Server;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A peer that completes the handshake and then stops reading, while the server's endpoint
 * tries to send it 1 GiB in 1 MiB messages: the session's queue stays within its bound (plus
 * the one message the bound lets through), a blocking sender waits, async sends fail (refused
 * while the queue is full, timed out while queued), the stalled session is dropped after the
 * stalled-write timeout (1006 to the endpoint, which also hears the timeout), and another
 * session of the same server keeps echoing meanwhile.
 */
class SlowConsumerTest {
    static final int MESSAGE = 1024 * 1024;
    static final int MESSAGES = 1024;
    static final long BOUND = 4L * MESSAGE;
    /** Header of a 1 MiB binary frame from the server: 2 bytes and a 64-bit length. */
    static final int HEADER = 10;
    static final Duration STALL_TIMEOUT = Duration.ofSeconds(3);
    static final long ASYNC_SEND_TIMEOUT_MILLIS = 500;
    static final int SENDERS = 8;
    /** Takes a reader of {@link #STEADY_CHUNK} bytes every {@link #STEADY_PAUSE_MILLIS} well over the stall timeout. */
    static final int STEADY_MESSAGE = 8 * 1024 * 1024;
    static final int STEADY_CHUNK = 32 * 1024;
    static final long STEADY_PAUSE_MILLIS = 20;

    static volatile Flood flood;

    /** What one flooded session saw; filled by {@link FloodEndpoint}. */
    static final class Flood {
        final CompletableFuture<WebSocketConnection> connection = new CompletableFuture<>();
        final List<Thread> senders = new CopyOnWriteArrayList<>();
        final AtomicInteger sent = new AtomicInteger();
        final List<Throwable> sendFailures = new CopyOnWriteArrayList<>();
        final List<Future<Void>> asyncSends = new ArrayList<>();
        final CompletableFuture<Throwable> error = new CompletableFuture<>();
        final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    }

    /**
     * Sends 1 GiB, as the first message says: blocking, from {@link #SENDERS} threads at once (one
     * blocking sender has only its one message queued), or async, to a peer that does not read.
     */
    @ServerEndpoint("/flood")
    public static class FloodEndpoint {
        private static final ByteBuffer PAYLOAD = ByteBuffer.wrap(new byte[MESSAGE]).asReadOnlyBuffer();

        @OnMessage
        public void start(String mode, Session session) {
            Flood f = flood;
            f.connection.complete(((TetherSession) session).connection());
            if (mode.equals("one")) {
                sendBlocking(session, f, ByteBuffer.wrap(new byte[STEADY_MESSAGE]), 1);
            } else if (mode.equals("blocking")) {
                for (int s = 0; s < SENDERS; s++) {
                    Thread sender = new Thread(() -> sendBlocking(session, f, PAYLOAD, MESSAGES / SENDERS), "flood-" + s);
                    sender.setDaemon(true);
                    f.senders.add(sender);
                    sender.start();
                }
            } else {
                session.getAsyncRemote().setSendTimeout(ASYNC_SEND_TIMEOUT_MILLIS);
                for (int i = 0; i < MESSAGES; i++) {
                    f.asyncSends.add(session.getAsyncRemote().sendBinary(PAYLOAD.duplicate()));
                }
            }
        }

        private static void sendBlocking(Session session, Flood f, ByteBuffer payload, int count) {
            try {
                for (int i = 0; i < count; i++) {
                    session.getBasicRemote().sendBinary(payload.duplicate());
                    f.sent.incrementAndGet();
                }
            } catch (IOException e) {
                f.sendFailures.add(e);
            }
        }

        @OnError
        public void error(Throwable t) {
            flood.error.complete(t);
        }

        @OnClose
        public void close(CloseReason reason) {
            flood.closed.complete(reason);
        }
    }

    Server server;
    TetherClientContainer client;

    @BeforeEach
    void start() throws Exception {
        flood = new Flood();
        server = Server.builder().port(0)
                .maxOutgoingBytes(BOUND)
                .stalledWriteTimeout(STALL_TIMEOUT)
                .endpoint(FloodEndpoint.class)
                .endpoint(EchoEndpoint.class)
                .build();
        server.start();
        client = new TetherClientContainer();
    }

    @AfterEach
    void stop() {
        client.close();
        server.stop();
    }

    @Test
    void blockingSenderWaitsWithinTheBoundUntilTheStalledSessionIsDropped() throws Exception {
        try (WireClient peer = WireClient.connect(server.port())) {
            peer.handshake("/flood");
            peer.send(WireClient.maskedFrame(0x81, "blocking".getBytes(StandardCharsets.UTF_8)));
            WebSocketConnection connection = flood.connection.get(10, TimeUnit.SECONDS);

            awaitQueueFull(connection);
            for (Thread sender : flood.senders) {
                awaitBlocked(sender);
            }
            echoStillWorks(connection);

            assertStalledSessionDropped(connection);
            for (Thread sender : flood.senders) {
                sender.join(10_000);
                assertFalse(sender.isAlive(), sender.getName() + " is still sending");
            }
            assertEquals(SENDERS, flood.sendFailures.size(), "every blocking sender fails once the session is dropped");
            assertTrue(flood.sent.get() < MESSAGES, "the senders never waited: " + flood.sent.get());
        }
    }

    @Test
    void asyncSendsFailWithinTheBoundAndTheStalledSessionIsDropped() throws Exception {
        try (WireClient peer = WireClient.connect(server.port())) {
            peer.handshake("/flood");
            peer.send(WireClient.maskedFrame(0x81, "async".getBytes(StandardCharsets.UTF_8)));
            WebSocketConnection connection = flood.connection.get(10, TimeUnit.SECONDS);

            awaitQueueFull(connection);
            echoStillWorks(connection);
            assertStalledSessionDropped(connection);

            int refused = 0;
            int timedOut = 0;
            for (Future<Void> send : asyncSends()) {
                try {
                    send.get(10, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof SocketTimeoutException) {
                        timedOut++;
                    } else if (String.valueOf(e.getCause().getMessage()).startsWith("send queue full")) {
                        refused++;
                    }
                }
            }
            assertTrue(refused > 0, "no async send was refused by the full queue");
            assertTrue(timedOut > 0, "no queued async send failed after the send timeout");
        }
    }

    /**
     * Progress is any byte taken, not a whole write: a peer that reads slowly but steadily keeps
     * its session even when one message takes longer than the stalled-write timeout to go out.
     */
    @Test
    void aSlowButSteadyReaderIsNotDropped() throws Exception {
        try (WireClient peer = WireClient.connect(server.port())) {
            peer.handshake("/flood");
            peer.send(WireClient.maskedFrame(0x81, "one".getBytes(StandardCharsets.UTF_8)));
            byte[] header = peer.readExactly(HEADER);
            assertEquals(0x82, header[0] & 0xFF);
            assertEquals(STEADY_MESSAGE, ByteBuffer.wrap(header, 2, 8).getLong());
            for (int read = 0; read < STEADY_MESSAGE; read += STEADY_CHUNK) {
                peer.readExactly(STEADY_CHUNK);
                Thread.sleep(STEADY_PAUSE_MILLIS);
            }
            assertFalse(flood.closed.isDone(), "the steady reader's session was dropped");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (flood.sent.get() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(1, flood.sent.get(), "the blocking send did not return once its message was read");
        }
    }

    /** The sends, once the endpoint has made all of them. */
    private static List<Future<Void>> asyncSends() throws Exception {
        flood.closed.get(20, TimeUnit.SECONDS);
        return flood.asyncSends;
    }

    private static void awaitQueueFull(WebSocketConnection connection) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (connection.peakOutgoingBytes() < BOUND && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(connection.peakOutgoingBytes() >= BOUND,
                "the queue never filled: " + connection.peakOutgoingBytes() + " bytes at most");
    }

    private static void awaitBlocked(Thread sender) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (sender.getState() != Thread.State.WAITING && sender.getState() != Thread.State.TIMED_WAITING
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.State state = sender.getState();
        assertTrue(state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING,
                "the blocking sender is " + state + ", not waiting");
    }

    /** A second session on the same server, while the flooded one is stalled. */
    private void echoStillWorks(WebSocketConnection stalled) throws Exception {
        RecordingClient recorder = new RecordingClient();
        Session session = client.connectToServer(recorder, server.uri("/echo"));
        for (int i = 0; i < 20; i++) {
            session.getBasicRemote().sendText("ping " + i);
            assertEquals("ping " + i, recorder.messages.poll(10, TimeUnit.SECONDS));
        }
        session.close();
        assertFalse(flood.closed.isDone(), "the stalled session was dropped before the echo finished");
        assertTrue(stalled.outgoingBytes() > 0);
    }

    private static void assertStalledSessionDropped(WebSocketConnection connection) throws Exception {
        CloseReason reason = flood.closed.get(20, TimeUnit.SECONDS);
        assertEquals(CloseReason.CloseCodes.CLOSED_ABNORMALLY, reason.getCloseCode());
        Throwable error = flood.error.get(1, TimeUnit.SECONDS);
        assertInstanceOf(SocketTimeoutException.class, error);
        assertNotNull(error.getMessage());
        assertTrue(error.getMessage().startsWith("no write progress"), error.getMessage());
        long peak = connection.peakOutgoingBytes();
        assertTrue(peak <= BOUND + MESSAGE + HEADER,
                "the queue grew past its bound: " + peak + " bytes, bound " + BOUND + " plus one message");
        // Everything is released once the transport has reported the end of the write under way.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (connection.outgoingBytes() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(0, connection.outgoingBytes());
    }
}
