package dev.tether.browser;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ports of WPT {@code binaryType-wrong-value.any.js} and {@code binary/*}. */
@ExtendWith(Env.Start.class)
class BinaryTypeTest {
    @AllSetups
    @DisplayName("binaryType-wrong-value.any.js: an invalid value is ignored")
    void wrongValueIgnored(Setup setup) throws Exception {
        Recorder r = setup.connect("/echo");
        WebSocket ws = r.ws;
        r.next("open");
        ws.binaryType("notBlobOrArrayBuffer");
        assertEquals("blob", ws.binaryType());
        ws.binaryType("arraybuffer");
        assertEquals("arraybuffer", ws.binaryType());
        ws.binaryType("Blob");
        ws.binaryType(null);
        assertEquals("arraybuffer", ws.binaryType());
        ws.binaryType("blob");
        assertEquals("blob", ws.binaryType());
        ws.close();
        r.awaitClose();
    }

    @AllSetups
    @DisplayName("binary/001.html, binary/004.html, binary/005.html: blob by default, ByteBuffer for arraybuffer")
    void blobAndArrayBuffer(Setup setup) throws Exception {
        Recorder r = setup.connect("/echo");
        WebSocket ws = r.ws;
        r.next("open");
        ws.send(new byte[] {1, 2, 3});
        Object first = r.message().data();
        assertTrue(first instanceof Blob);
        assertEquals(3, ((Blob) first).size());
        ws.binaryType("arraybuffer");
        ws.send(new byte[] {4, 5});
        Object second = r.message().data();
        assertTrue(second instanceof ByteBuffer);
        assertTrue(((ByteBuffer) second).isReadOnly());
        assertEquals(2, ((ByteBuffer) second).remaining());
        ws.close();
        r.awaitClose();
    }

    @AllSetups
    @DisplayName("binaryType is read when the message is dispatched, not when it arrives")
    void readAtDispatch(Setup setup) throws Exception {
        Recorder r = setup.connect("/echo");
        WebSocket ws = r.ws;
        ws.onmessage(e -> {
            if (ws.binaryType().equals("blob")) {
                try {
                    Thread.sleep(300); // the second message arrives and waits in the queue
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
                ws.binaryType("arraybuffer");
            }
        });
        r.next("open");
        ws.send(new byte[] {1});
        ws.send(new byte[] {2});
        assertTrue(r.message().data() instanceof Blob);
        assertTrue(r.message().data() instanceof ByteBuffer);
        ws.close();
        r.awaitClose();
    }
}
