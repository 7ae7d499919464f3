package dev.tether.browser;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ports of WPT {@code websockets/Send-*.any.js} and {@code Secure-Send-*.any.js}, against the echo endpoint. */
@ExtendWith(Env.Start.class)
class SendTest {
    private static byte[] bytes(Object data) {
        ByteBuffer buffer;
        if (data instanceof Blob blob) {
            buffer = blob.arrayBuffer().join();
        } else {
            buffer = ((ByteBuffer) data).duplicate();
        }
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        return out;
    }

    private static Recorder openEcho(Setup setup) throws Exception {
        Recorder r = setup.connect("/echo");
        r.next("open");
        return r;
    }

    private static void echoText(Setup setup, String sent, String expected, long bytes) throws Exception {
        // As in WPT, send and check inside the open task, where bufferedAmount cannot fall.
        Recorder r = setup.connect("/echo", (ws, rec) -> ws.onopen(e -> rec.check(() -> {
            ws.send(sent);
            assertEquals(bytes, ws.bufferedAmount(), "bufferedAmount right after send");
        })));
        WebSocket ws = r.ws;
        r.next("open");
        assertEquals(expected, r.message().data());
        ws.close();
        assertTrue(r.awaitClose().wasClean());
        r.assertNoFailures();
    }

    @AllSetups
    @DisplayName("Send-data.any.js")
    void sendData(Setup setup) throws Exception {
        echoText(setup, "Message to send", "Message to send", 15);
    }

    @AllSetups
    @DisplayName("Send-0byte-data.any.js")
    void sendEmpty(Setup setup) throws Exception {
        echoText(setup, "", "", 0);
    }

    @AllSetups
    @DisplayName("Send-65K-data.any.js")
    void send65K(Setup setup) throws Exception {
        String data = "x".repeat(65000);
        echoText(setup, data, data, 65000);
    }

    @AllSetups
    @DisplayName("Send-unicode-data.any.js")
    void sendUnicode(Setup setup) throws Exception {
        String data = "¥¥¥¥¥¥";
        echoText(setup, data, data, 12);
    }

    @AllSetups
    @DisplayName("Send-paired-surrogates.any.js")
    void sendPairedSurrogates(Setup setup) throws Exception {
        echoText(setup, "\uD801\uDC07", "\uD801\uDC07", 4);
    }

    @AllSetups
    @DisplayName("Send-Unpaired-Surrogates.any.js: sent as U+FFFD, three bytes each")
    void sendUnpairedSurrogates(Setup setup) throws Exception {
        echoText(setup, "\uD807", "\uFFFD", 3);
        echoText(setup, "a\uDC00b\uD800", "a\uFFFDb\uFFFD", 8);
    }

    @AllSetups
    @DisplayName("Send-null.any.js: Java has no null-to-\"null\" conversion, so null is refused")
    void sendNull(Setup setup) throws Exception {
        Recorder r = openEcho(setup);
        WebSocket ws = r.ws;
        assertThrows(NullPointerException.class, () -> ws.send((String) null));
        ws.send("null");
        assertEquals("null", r.message().data());
        ws.close();
        r.awaitClose();
    }

    @AllSetups
    @DisplayName("Send-before-open.any.js: InvalidStateError while connecting, for every kind of data")
    void sendBeforeOpen(Setup setup) throws Exception {
        WebSocket[] socket = new WebSocket[1];
        Recorder[] recorder = new Recorder[1];
        Setup.inTask(() -> {
            WebSocket ws = setup.open("/echo");
            socket[0] = ws;
            recorder[0] = new Recorder(ws);
            assertEquals("InvalidStateError", assertThrows(DOMException.class, () -> ws.send("text")).name());
            assertEquals("InvalidStateError", assertThrows(DOMException.class, () -> ws.send(new byte[3])).name());
            assertEquals("InvalidStateError", assertThrows(DOMException.class, () -> ws.send(ByteBuffer.allocate(3))).name());
            assertEquals("InvalidStateError", assertThrows(DOMException.class, () -> ws.send(new Blob(new byte[3]))).name());
            assertEquals(0, ws.bufferedAmount(), "nothing counted");
        });
        recorder[0].next("open");
        socket[0].close();
        recorder[0].awaitClose();
    }

    @AllSetups
    @DisplayName("Send-binary-arraybuffer.any.js, Send-binary-65K-arraybuffer.any.js")
    void sendArrayBuffer(Setup setup) throws Exception {
        for (int size : new int[] {15, 65000}) {
            byte[] data = new byte[size];
            Arrays.fill(data, (byte) 7);
            Recorder r = setup.connect("/echo", (ws, rec) -> {
                ws.binaryType("arraybuffer");
                ws.onopen(e -> rec.check(() -> {
                    ws.send(data);
                    assertEquals(size, ws.bufferedAmount());
                }));
            });
            WebSocket ws = r.ws;
            r.next("open");
            Object echoed = r.message().data();
            assertTrue(echoed instanceof ByteBuffer, "an ArrayBuffer");
            assertTrue(((ByteBuffer) echoed).isReadOnly());
            assertArrayEquals(data, bytes(echoed));
            ws.close();
            r.awaitClose();
            r.assertNoFailures();
        }
    }

    @AllSetups
    @DisplayName("Send-binary-arraybufferview-int8/int16-offset/uint8-offset-length/int32/float32/float64.any.js: a view sends its range")
    void sendBufferViews(Setup setup) throws Exception {
        Recorder r = openEcho(setup);
        WebSocket ws = r.ws;
        ws.binaryType("arraybuffer");

        ByteBuffer whole = ByteBuffer.allocate(16);
        for (int i = 0; i < 16; i++) {
            whole.put(i, (byte) (i * 3));
        }
        ByteBuffer view = whole.duplicate().position(4).limit(12);
        ws.send(view);
        assertEquals(4, view.position(), "sending does not move the caller's buffer");
        assertArrayEquals(Arrays.copyOfRange(whole.array(), 4, 12), bytes(r.message().data()));

        ByteBuffer floats = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        floats.asDoubleBuffer().put(new double[] {1.5, -2.25});
        ws.send(floats);
        assertArrayEquals(floats.array(), bytes(r.message().data()));

        ByteBuffer direct = ByteBuffer.allocateDirect(5).put(new byte[] {1, 2, 3, 4, 5}).flip();
        ws.send(direct.asReadOnlyBuffer());
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, bytes(r.message().data()));
        ws.close();
        r.awaitClose();
    }

    @AllSetups
    @DisplayName("Send-binary-blob.any.js, binary/002.html: a blob is sent and comes back as a blob")
    void sendBlob(Setup setup) throws Exception {
        Blob blob = new Blob("Message to send".getBytes(StandardCharsets.UTF_8), "text/plain");
        Recorder r = setup.connect("/echo", (ws, rec) -> ws.onopen(e -> rec.check(() -> {
            ws.send(blob);
            assertEquals(15, ws.bufferedAmount());
        })));
        WebSocket ws = r.ws;
        r.next("open");
        Object echoed = r.message().data();
        assertTrue(echoed instanceof Blob, "binaryType blob gives a Blob");
        assertEquals(15, ((Blob) echoed).size());
        assertEquals("Message to send", ((Blob) echoed).text().join());
        assertEquals("", ((Blob) echoed).type());

        byte[] large = new byte[100_000];
        ws.send(new Blob(large).slice(0, 100_000));
        assertEquals(100_000, ((Blob) r.message().data()).size());
        ws.close();
        r.awaitClose();
        r.assertNoFailures();
    }

    @AllSetups
    @DisplayName("the data is captured at send time: later changes to the array do not show")
    void sendCopiesTheData(Setup setup) throws Exception {
        Recorder r = openEcho(setup);
        WebSocket ws = r.ws;
        ws.binaryType("arraybuffer");
        byte[] data = {1, 2, 3};
        ws.send(data);
        data[0] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, bytes(r.message().data()));
        ws.close();
        r.awaitClose();
    }

    @AllSetups
    @DisplayName("messages are sent in the order of the send calls")
    void sendOrder(Setup setup) throws Exception {
        Recorder r = openEcho(setup);
        WebSocket ws = r.ws;
        ws.binaryType("arraybuffer");
        for (int i = 0; i < 50; i++) {
            if (i % 2 == 0) {
                ws.send("t" + i);
            } else {
                ws.send(new byte[] {(byte) i});
            }
        }
        for (int i = 0; i < 50; i++) {
            Object data = r.message().data();
            if (i % 2 == 0) {
                assertEquals("t" + i, data);
            } else {
                assertArrayEquals(new byte[] {(byte) i}, bytes(data));
            }
        }
        ws.close();
        r.awaitClose();
    }
}
