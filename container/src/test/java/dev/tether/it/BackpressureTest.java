package dev.tether.it;

import dev.tether.client.TetherClientContainer;
import dev.tether.server.Server;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client that floods a slow endpoint is held back by TCP once the server stops reading
 * (its inbound backlog is bounded), and nothing is lost when the endpoint catches up.
 */
class BackpressureTest {
    static final int MESSAGES = 2000;
    static final int SIZE = 16 * 1024;
    static final CountDownLatch release = new CountDownLatch(1);
    static final AtomicInteger received = new AtomicInteger();
    static final AtomicInteger outOfOrder = new AtomicInteger();

    @ServerEndpoint("/slow")
    public static class SlowEndpoint {
        @OnMessage
        public void message(String text) throws InterruptedException {
            release.await(30, TimeUnit.SECONDS);
            int expected = received.getAndIncrement();
            if (!text.startsWith(expected + ":")) {
                outOfOrder.incrementAndGet();
            }
        }
    }

    @Test
    void slowEndpointPausesReadingAndLosesNothing() throws Exception {
        Server server = Server.builder().port(0).endpoint(SlowEndpoint.class).build();
        server.start();
        TetherClientContainer client = new TetherClientContainer();
        try {
            Session session = client.connectToServer(new RecordingClient(), server.uri("/slow"));
            String padding = "x".repeat(SIZE);
            AtomicInteger sent = new AtomicInteger();
            Thread sender = new Thread(() -> {
                try {
                    for (int i = 0; i < MESSAGES; i++) {
                        session.getBasicRemote().sendText(i + ":" + padding);
                        sent.incrementAndGet();
                    }
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            sender.setDaemon(true);
            sender.start();

            // With the endpoint stuck, the sender must stall well short of the end.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            int last = -1;
            while (System.nanoTime() < deadline) {
                Thread.sleep(500);
                int now = sent.get();
                if (now == last) {
                    break;
                }
                last = now;
            }
            assertTrue(sent.get() < MESSAGES, "the sender was never held back: " + sent.get() + " sent");

            release.countDown();
            sender.join(30_000);
            assertEquals(MESSAGES, sent.get());
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (received.get() < MESSAGES && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            assertEquals(MESSAGES, received.get());
            assertEquals(0, outOfOrder.get());
            session.close();
        } finally {
            release.countDown();
            client.close();
            server.stop();
        }
    }
}
