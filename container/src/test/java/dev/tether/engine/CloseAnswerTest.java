package dev.tether.engine;

import dev.tether.protocol.CloseStatus;
import dev.tether.protocol.Hex;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The answer to a peer's close frame when the peer may end TCP right behind it: reading stays
 * paused until the answer is written, because a transport that reads the end of the stream
 * (Grizzly) closes the connection at once. The transport's writes end when the test says; the
 * test's thread plays the I/O thread.
 */
class CloseAnswerTest {
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1);


    @AfterEach
    void stop() throws InterruptedException {
        executor.shutdownNow();
        timers.shutdownNow();
        assertTrue(executor.awaitTermination(SessionRecorder.WAIT_SECONDS, TimeUnit.SECONDS));
        assertTrue(timers.awaitTermination(SessionRecorder.WAIT_SECONDS, TimeUnit.SECONDS));
    }

    /**
     * Regression (found by the interop pairing with Jetty's server, which closes this way): the
     * close frame arrived while the previous message's write had not reported its end, the
     * answer waited for that report, the end of the stream was read meanwhile, and the closed
     * connection failed the answer, so the peer saw 1006.
     */
    @Test
    void readingWaitsUntilTheAnswerToACloseIsWrittenBehindAWriteInFlight() {
        ScriptedTransport transport = ScriptedTransport.holdingWrites();
        WebSocketConnection client = new WebSocketConnection(transport, true, null, EngineConfig.DEFAULT, executor, timers);
        SessionRecorder events = new SessionRecorder("client");
        client.start(events, null);
        events.expectOpen();

        client.sendText("x", true, failure -> { });
        assertEquals(1, transport.writeCount(), "the message went to the transport");

        client.onRead(Hex.buffer("88 02 0f a1"));
        events.expectClose(4001, "");
        assertTrue(transport.isPaused(), "the end of the stream must not be read while the answer waits");

        transport.write(0).onWriteComplete(null);
        assertEquals(2, transport.writeCount(), "the answer follows the message");
        assertTrue(transport.isPaused(), "the answer is not written yet");

        transport.write(1).onWriteComplete(null);
        assertFalse(transport.isPaused(), "reading resumes once the answer is written");
        ByteBuffer answer = ByteBuffer.wrap(transport.writes().get(1));
        assertEquals(0x88, answer.get(0) & 0xFF);
        assertEquals(0x82, answer.get(1) & 0xFF, "masked, two bytes");
        int code = ((answer.get(6) ^ answer.get(2)) & 0xFF) << 8 | ((answer.get(7) ^ answer.get(3)) & 0xFF);
        assertEquals(4001, code);
        events.assertNoMoreEvents();
    }
}
