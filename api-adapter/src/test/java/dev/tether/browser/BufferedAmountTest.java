package dev.tether.browser;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ports of WPT {@code interfaces/WebSocket/bufferedAmount/*}. */
@ExtendWith(Env.Start.class)
class BufferedAmountTest {
    private static void awaitZero(WebSocket ws) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (ws.bufferedAmount() != 0) {
            assertTrue(System.nanoTime() < deadline, "bufferedAmount did not fall to 0: " + ws.bufferedAmount());
            Thread.sleep(10);
        }
    }

    @AllSetups
    @DisplayName("bufferedAmount-getting.html, bufferedAmount-unicode.html, bufferedAmount-arraybuffer.html, bufferedAmount-blob.html, bufferedAmount-large.html")
    void countsBytes(Setup setup) throws Exception {
        Recorder r = setup.connect("/echo", (ws, rec) -> ws.onopen(e -> rec.check(() -> {
            ws.send("¥¥¥¥¥¥");
            assertEquals(12, ws.bufferedAmount());
            ws.send(ByteBuffer.allocate(10));
            assertEquals(22, ws.bufferedAmount());
            ws.send(new Blob(new byte[20]));
            assertEquals(42, ws.bufferedAmount());
            ws.send("x".repeat(65000));
            assertEquals(65042, ws.bufferedAmount());
            ws.send("\uD800");
            assertEquals(65045, ws.bufferedAmount(), "a lone surrogate is U+FFFD, 3 bytes");
            ws.send("\uD83D\uDE00");
            assertEquals(65049, ws.bufferedAmount());
        })));
        WebSocket ws = r.ws;
        r.next("open");
        for (int i = 0; i < 6; i++) {
            r.message();
        }
        awaitZero(ws);
        ws.close();
        r.awaitClose();
        r.assertNoFailures();
    }

    @AllSetups
    @DisplayName("bufferedAmount never falls while a task runs")
    void stableDuringATask(Setup setup) throws Exception {
        Recorder r = setup.connect("/echo", (ws, rec) -> ws.onopen(e -> rec.check(() -> {
            for (int i = 0; i < 10; i++) {
                ws.send("0123456789");
            }
            long before = ws.bufferedAmount();
            assertEquals(100, before);
            try {
                Thread.sleep(300); // the data goes out meanwhile
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            assertEquals(before, ws.bufferedAmount(), "unchanged within the task");
        })));
        WebSocket ws = r.ws;
        r.next("open");
        for (int i = 0; i < 10; i++) {
            r.message();
        }
        awaitZero(ws);
        ws.close();
        r.awaitClose();
        r.assertNoFailures();
    }

    @AllSetups
    @DisplayName("send() while closing or closed sends nothing, throws nothing, and bufferedAmount still grows")
    void grows_whenClosingOrClosed(Setup setup) throws Exception {
        Recorder r = setup.connect("/echo");
        WebSocket ws = r.ws;
        r.next("open");
        awaitZero(ws);
        ws.close();
        ws.send("abc");
        assertEquals(3, ws.bufferedAmount());
        ws.send(new byte[4]);
        assertEquals(7, ws.bufferedAmount());
        r.awaitClose();
        ws.send("abcde");
        ws.send(new Blob(new byte[2]));
        assertEquals(14, ws.bufferedAmount());
        assertEquals(java.util.List.of("open", "close"), r.types(), "no message came back");
    }
}
