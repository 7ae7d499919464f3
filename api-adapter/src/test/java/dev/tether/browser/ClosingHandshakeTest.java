package dev.tether.browser;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ports of WPT {@code closing-handshake/*} and {@code interfaces/CloseEvent/clean-close.html}, with raw peers for the odd cases. */
@ExtendWith(Env.Start.class)
class ClosingHandshakeTest {
    @AllSetups
    @DisplayName("closing-handshake/002.html: the server starts the closing handshake")
    void serverSendsClosingHandshake(Setup setup) throws Exception {
        Recorder r = setup.connect("/echo_exit");
        WebSocket ws = r.ws;
        r.next("open");
        ws.send("Goodbye");
        CloseEvent close = (CloseEvent) r.next("close").event();
        assertTrue(close.wasClean());
        assertEquals(1000, close.code());
        r.assertQuiet(Duration.ofMillis(100));
    }

    @BothContainers
    @DisplayName("closing-handshake/004.html: data after the server's close frame is ignored")
    void dataAfterClosingHandshake(Setup setup) throws Exception {
        try (RawServer server = new RawServer(c -> {
            c.handshake();
            c.readFrame();
            c.writeClose(1000, "");
            c.writeText("data after close");
            c.readUntilClose();
            c.socket.close();
        })) {
            Recorder r = Setup.connect(server.url("/echo_close_data"), setup.options(), (w, rec) -> { });
            WebSocket ws = r.ws;
            r.next("open");
            ws.send("Goodbye");
            CloseEvent close = (CloseEvent) r.next("close").event();
            assertTrue(close.wasClean());
            assertEquals(1000, close.code());
            r.assertQuiet(Duration.ofMillis(100));
        }
    }

    @BothContainers
    @DisplayName("close() sends a close frame with no payload; the peer's empty echo gives 1005")
    void closeWithoutCodeOnTheWire(Setup setup) throws Exception {
        CompletableFuture<RawServer.Frame> received = new CompletableFuture<>();
        try (RawServer server = new RawServer(c -> {
            c.handshake();
            RawServer.Frame frame = c.readUntilClose();
            received.complete(frame);
            c.writeEmptyClose();
            c.awaitEof();
        })) {
            Recorder r = Setup.connect(server.url("/"), setup.options(), (w, rec) -> { });
            WebSocket ws = r.ws;
            r.next("open");
            ws.close();
            RawServer.Frame frame = received.get(15, TimeUnit.SECONDS);
            if (setup.tyrus) {
                // Tyrus turns NO_STATUS_CODE into 1000 on the wire.
                assertEquals(1000, frame.closeCode(), "Tyrus sends 1000");
                r.awaitClose();
                return;
            }
            assertEquals(0, frame.payload().length, "an empty close frame");
            CloseEvent close = r.awaitClose();
            assertEquals(1005, close.code());
            assertTrue(close.wasClean());
        }
    }

    @BothContainers
    @DisplayName("close(code, reason) puts both on the wire; the close event waits for the peer's answer")
    void delayedCloseAnswer(Setup setup) throws Exception {
        CompletableFuture<RawServer.Frame> received = new CompletableFuture<>();
        try (RawServer server = new RawServer(c -> {
            c.handshake();
            RawServer.Frame frame = c.readUntilClose();
            received.complete(frame);
            c.sleep(700);
            c.writeClose(frame.closeCode(), "");
            c.awaitEof();
        })) {
            Recorder r = Setup.connect(server.url("/delayed"), setup.options(), (w, rec) -> { });
            WebSocket ws = r.ws;
            r.next("open");
            ws.close(3001, "see you");
            RawServer.Frame frame = received.get(15, TimeUnit.SECONDS);
            assertEquals(3001, frame.closeCode());
            assertEquals("see you", new String(frame.payload(), 2, frame.payload().length - 2,
                    java.nio.charset.StandardCharsets.UTF_8));
            TyrusDifferences.skipOnTyrus(setup, "onClose runs as soon as the close frame is sent, before the peer answers");
            r.assertQuiet(Duration.ofMillis(400));
            assertEquals(WebSocket.CLOSING, ws.readyState(), "still closing while the peer waits");
            CloseEvent close = r.awaitClose();
            assertTrue(close.wasClean());
            assertEquals(3001, close.code());
        }
    }

    @BothContainers
    @DisplayName("Close-server answers with another code: the close event carries the peer's code and reason")
    void peerAnswersWithAnotherCode(Setup setup) throws Exception {
        try (RawServer server = new RawServer(c -> {
            c.handshake();
            c.readUntilClose();
            c.writeClose(3002, "b");
            c.awaitEof();
        })) {
            Recorder r = Setup.connect(server.url("/other"), setup.options(), (w, rec) -> { });
            r.next("open");
            r.ws.close(3001, "a");
            CloseEvent close = r.awaitClose();
            TyrusDifferences.skipOnTyrus(setup, "onClose reports the close it sent, not the peer's answer");
            assertTrue(close.wasClean());
            assertEquals(3002, close.code());
            assertEquals("b", close.reason());
        }
    }

    @BothContainers
    @DisplayName("an abrupt close (TCP ends, no close frame) gives 1006, not clean, reason empty")
    void abruptClose(Setup setup) throws Exception {
        try (RawServer server = new RawServer(c -> {
            c.handshake();
            c.readFrame();
            c.socket.close();
        })) {
            Recorder r = Setup.connect(server.url("/abrupt"), setup.options(), (w, rec) -> { });
            WebSocket ws = r.ws;
            r.next("open");
            ws.send("bye");
            CloseEvent close = r.awaitClose();
            assertFalse(close.wasClean());
            assertEquals(1006, close.code());
            assertEquals("", close.reason());
            assertEquals(WebSocket.CLOSED, ws.readyState());
        }
    }

    @BothContainers
    @DisplayName("the server's close frame without a code gives 1005 and an empty reason")
    void serverEmptyClose(Setup setup) throws Exception {
        try (RawServer server = new RawServer(c -> {
            c.handshake();
            c.writeEmptyClose();
            c.readUntilClose();
            c.socket.close();
        })) {
            Recorder r = Setup.connect(server.url("/"), setup.options(), (w, rec) -> { });
            WebSocket ws = r.ws;
            CloseEvent close = r.awaitClose();
            assertEquals(setup.tyrus ? 1000 : 1005, close.code(), "Tyrus reports an empty close frame as 1000");
            assertEquals(setup.tyrus ? "Normal closure." : "", close.reason(), "Tyrus makes up a reason");
            assertTrue(close.wasClean());
            assertEquals(List.of("open", "close"), r.types());
        }
    }

    @BothContainers
    @DisplayName("a protocol violation by the server (reserved opcode) fails the connection: error, then close 1006")
    void protocolViolation(Setup setup) throws Exception {
        try (RawServer server = new RawServer(c -> {
            c.handshake();
            c.writeText("test");
            c.writeFrame(0x3, "LOL".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            c.awaitEof();
        })) {
            Recorder r = Setup.connect(server.url("/echo_raw"), setup.options(), (w, rec) -> { });
            WebSocket ws = r.ws;
            r.next("open");
            assertEquals("test", r.message().data());
            if (setup.tyrus) {
                // Tyrus reports the violation as a clean close with its own 1002, and no onError.
                CloseEvent close = r.awaitClose();
                assertEquals(1002, close.code());
                assertEquals(List.of("open", "message", "close"), r.types());
                return;
            }
            r.next("error");
            CloseEvent close = (CloseEvent) r.next("close").event();
            assertFalse(close.wasClean());
            assertEquals(1006, close.code());
        }
    }
}
