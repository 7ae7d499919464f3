package dev.tether.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tether.protocol.CloseStatus;
import dev.tether.protocol.FrameParser.Role;
import dev.tether.protocol.Hex;
import dev.tether.protocol.OpCode;
import dev.tether.transport.memory.MemoryTransport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One engine against a hand-driven raw peer, or a server engine against a client engine, over
 * the in-memory pipe. Every wait is bounded; only the timeout tests let time pass, and they
 * use timeouts of a few hundred milliseconds.
 */
class WebSocketConnectionTest {
    /** The key the raw peer masks its frames with when it plays a client. */
    private static final String KEY = "a1 b2 c3 d4";
    private static final long WAIT = SessionRecorder.WAIT_SECONDS;
    private static final Duration SHORT = Duration.ofMillis(200);

    /** The pipe's "selector thread". */
    private ExecutorService io;
    private ExecutorService engineExecutor;
    private ScheduledThreadPoolExecutor timers;
    private final List<SessionRecorder> recorders = new ArrayList<>();
    private final List<RawPeer> peers = new ArrayList<>();

    @BeforeEach
    void startExecutors() {
        io = Executors.newSingleThreadExecutor();
        engineExecutor = Executors.newCachedThreadPool();
        timers = new ScheduledThreadPoolExecutor(1);
        // A cancelled timer leaves the queue at once, so the queue shows the timers still live.
        timers.setRemoveOnCancelPolicy(true);
    }

    @AfterEach
    void everythingCheckedAndStopped() throws Exception {
        try {
            recorders.forEach(SessionRecorder::assertNoMoreEvents);
            peers.forEach(RawPeer::assertNoMoreFrames);
            // Let a pipe that is still closing finish, so that it does not meet a stopped executor.
            for (int i = 0; i < 3; i++) {
                io.submit(() -> { }).get(WAIT, TimeUnit.SECONDS);
            }
        } finally {
            io.shutdownNow();
            engineExecutor.shutdownNow();
            timers.shutdownNow();
            assertTrue(io.awaitTermination(WAIT, TimeUnit.SECONDS));
            assertTrue(engineExecutor.awaitTermination(WAIT, TimeUnit.SECONDS));
            assertTrue(timers.awaitTermination(WAIT, TimeUnit.SECONDS));
        }
    }

    // ---- set-up helpers ----

    private record Pair(WebSocketConnection server, SessionRecorder serverEvents,
                        WebSocketConnection client, SessionRecorder clientEvents) { }

    private record Raw(WebSocketConnection engine, SessionRecorder events, RawPeer peer) { }

    private SessionRecorder recorder(String name) {
        SessionRecorder r = new SessionRecorder(name);
        recorders.add(r);
        return r;
    }

    private WebSocketConnection engine(MemoryTransport transport, boolean client, EngineConfig config) {
        return new WebSocketConnection(transport, client, null, config, engineExecutor, timers);
    }

    /** A server engine and a client engine joined by a pipe, both past {@code onOpen}. */
    private Pair connect(EngineConfig serverConfig, EngineConfig clientConfig, Executor pipeIo) {
        MemoryTransport[] pipe = MemoryTransport.pair(pipeIo);
        WebSocketConnection server = engine(pipe[0], false, serverConfig);
        WebSocketConnection client = engine(pipe[1], true, clientConfig);
        SessionRecorder serverEvents = recorder("server");
        SessionRecorder clientEvents = recorder("client");
        server.start(serverEvents, null);
        client.start(clientEvents, null);
        serverEvents.expectOpen();
        clientEvents.expectOpen();
        // onOpen has been called; the engines take input once it has returned.
        awaitOpened(server);
        awaitOpened(client);
        return new Pair(server, serverEvents, client, clientEvents);
    }

    private static void awaitOpened(WebSocketConnection engine) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT);
        while (!engine.hasOpened()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("onOpen did not return within " + WAIT + " s");
            }
            Thread.onSpinWait();
        }
    }

    private Pair connect() {
        return connect(EngineConfig.DEFAULT, EngineConfig.DEFAULT, io);
    }

    /** A server engine whose client is the test's raw peer. */
    private Raw rawClient(EngineConfig config, Executor pipeIo) {
        MemoryTransport[] pipe = MemoryTransport.pair(pipeIo);
        RawPeer peer = new RawPeer(pipe[1], Role.CLIENT);
        peers.add(peer);
        WebSocketConnection server = engine(pipe[0], false, config);
        SessionRecorder events = recorder("server");
        server.start(events, null);
        events.expectOpen();
        return new Raw(server, events, peer);
    }

    private Raw rawClient(EngineConfig config) {
        return rawClient(config, io);
    }

    private Raw rawClient() {
        return rawClient(EngineConfig.DEFAULT);
    }

    /** A client engine whose server is the test's raw peer. */
    private Raw rawServer(EngineConfig config) {
        MemoryTransport[] pipe = MemoryTransport.pair(io);
        RawPeer peer = new RawPeer(pipe[1], Role.SERVER);
        peers.add(peer);
        WebSocketConnection client = engine(pipe[0], true, config);
        SessionRecorder events = recorder("client");
        client.start(events, null);
        events.expectOpen();
        return new Raw(client, events, peer);
    }

    /** A masked client frame of this header's first byte and length byte, with the test key. */
    private static String clientFrame(String header, byte[] payload) {
        return Hex.masked(header, KEY, payload);
    }

    private static String clientFrame(String header, String payloadHex) {
        return clientFrame(header, Hex.bytes(payloadHex));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A close frame's payload as hex: the code, then the reason in UTF-8. */
    private static String closePayload(int code, String reason) {
        String codeHex = String.format("%02x %02x", code >>> 8, code & 0xFF);
        return reason.isEmpty() ? codeHex : codeHex + " " + Hex.of(utf8(reason));
    }

    /** A send callback to wait on. */
    private static final class Sent extends CompletableFuture<Void> implements SendCallback {
        @Override
        public void onSendComplete(Throwable failure) {
            if (failure == null) {
                complete(null);
            } else {
                completeExceptionally(failure);
            }
        }

        void awaitSuccess() throws Exception {
            get(WAIT, TimeUnit.SECONDS);
        }

        Throwable awaitFailure() throws InterruptedException, TimeoutException {
            try {
                get(WAIT, TimeUnit.SECONDS);
                return fail("the send succeeded");
            } catch (ExecutionException e) {
                return e.getCause();
            }
        }
    }

    /** Text of exactly {@code bytes} UTF-8 bytes, with a three-byte character every so often. */
    private static String textOfBytes(int bytes) {
        StringBuilder sb = new StringBuilder(bytes);
        int n = 0;
        for (int i = 0; n < bytes; i++) {
            if (i % 50 == 49 && bytes - n >= 3) {
                sb.append('€');
                n += 3;
            } else {
                sb.append((char) ('a' + i % 26));
                n++;
            }
        }
        return sb.toString();
    }

    /** The client closes normally; both sides report the client's status. */
    private static void closeNormally(Pair pair) {
        pair.client().close(new CloseStatus(CloseStatus.NORMAL, "done"));
        pair.serverEvents().expectClose(CloseStatus.NORMAL, "done");
        pair.clientEvents().expectClose(CloseStatus.NORMAL, "done");
    }

    // ---- opening ----

    @Test
    void onOpenComesFirstThenTheBytesThatArrivedWithTheHandshake() {
        MemoryTransport[] pipe = MemoryTransport.pair(io);
        RawPeer peer = new RawPeer(pipe[1], Role.CLIENT);
        peers.add(peer);
        WebSocketConnection server = engine(pipe[0], false, EngineConfig.DEFAULT);
        SessionRecorder events = recorder("server");
        server.start(events, Hex.buffer("81 85 37 fa 21 3d 7f 9f 4d 51 58"));
        peer.send(clientFrame("81 82", utf8("Hi")));
        events.expectOpen();
        assertEquals("Hello", events.expectText());
        assertEquals("Hi", events.expectText());
        assertTrue(server.isOpen());
    }

    @Test
    void aCloseFrameFollowedAtOnceByTheEndWhileOnOpenRunsIsReportedAsTheCloseNot1006() throws Exception {
        MemoryTransport[] pipe = MemoryTransport.pair(io);
        RawPeer peer = new RawPeer(pipe[1], Role.CLIENT);
        peers.add(peer);
        WebSocketConnection server = engine(pipe[0], false, EngineConfig.DEFAULT);
        SessionRecorder events = recorder("server");
        CountDownLatch inOnOpen = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        events.holdOpenAt(inOnOpen, release);
        server.start(events, null);
        assertTrue(inOnOpen.await(WAIT, TimeUnit.SECONDS));
        // The peer closes and ends the connection at once, while the endpoint is still in onOpen.
        peer.send(clientFrame("88 85", closePayload(1000, "bye")));
        pipe[1].close();
        Thread.sleep(50);
        release.countDown();
        events.expectOpen();
        events.expectClose(1000, "bye");
    }

    @Test
    void bytesThatArriveBeforeStartWaitForIt() {
        MemoryTransport[] pipe = MemoryTransport.pair(io);
        WebSocketConnection server = engine(pipe[0], false, EngineConfig.DEFAULT);
        WebSocketConnection client = engine(pipe[1], true, EngineConfig.DEFAULT);
        SessionRecorder serverEvents = recorder("server");
        SessionRecorder clientEvents = recorder("client");
        server.start(serverEvents, null);
        serverEvents.expectOpen();
        // As an endpoint may do in its onOpen, before the other side has started.
        Sent early = new Sent();
        server.sendText("welcome", true, early);
        assertEquals(null, assertDoesNotThrow(() -> early.get(WAIT, TimeUnit.SECONDS)));
        client.start(clientEvents, null);
        clientEvents.expectOpen();
        assertEquals("welcome", clientEvents.expectText());
        closeNormally(new Pair(server, serverEvents, client, clientEvents));
    }

    // ---- messages ----

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 125, 126, 65536, 16 * 1024 * 1024})
    void textEchoes(int size) throws Exception {
        Pair pair = connect();
        pair.serverEvents().echoingThrough(pair.server());
        String text = textOfBytes(size);
        Sent sent = new Sent();
        pair.client().sendText(text, true, sent);
        sent.awaitSuccess();
        assertEquals(text, pair.serverEvents().expectText());
        assertEquals(text, pair.clientEvents().expectText());
        closeNormally(pair);
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 125, 126, 65536, 16 * 1024 * 1024})
    void binaryEchoes(int size) throws Exception {
        Pair pair = connect();
        pair.serverEvents().echoingThrough(pair.server());
        byte[] data = Hex.pattern(size);
        Sent sent = new Sent();
        pair.client().sendBinary(ByteBuffer.wrap(data), true, sent);
        sent.awaitSuccess();
        assertEquals(ByteBuffer.wrap(data), pair.serverEvents().expectBinary());
        assertEquals(ByteBuffer.wrap(data), pair.clientEvents().expectBinary());
        closeNormally(pair);
    }

    @Test
    void messagesSentInPartsArriveWhole() throws Exception {
        Pair pair = connect();
        pair.client().sendText("Hel", false, SendCallback.NONE);
        pair.client().sendText("", false, SendCallback.NONE);
        Sent last = new Sent();
        pair.client().sendText("lo", true, last);
        last.awaitSuccess();
        assertEquals("Hello", pair.serverEvents().expectText());

        pair.server().sendBinary(ByteBuffer.wrap(Hex.bytes("01 02")), false, SendCallback.NONE);
        Sent mixed = new Sent();
        pair.server().sendText("no", true, mixed);
        assertInstanceOf(IllegalStateException.class, mixed.awaitFailure());
        pair.server().sendBinary(ByteBuffer.wrap(Hex.bytes("03")), true, SendCallback.NONE);
        assertEquals(ByteBuffer.wrap(Hex.bytes("01 02 03")), pair.clientEvents().expectBinary());
        closeNormally(pair);
    }

    @Test
    void fragmentedMessageFromThePeerArrivesWhole() {
        Raw raw = rawClient();
        raw.peer().send(clientFrame("01 83", utf8("Hel")));
        raw.peer().send(clientFrame("89 80", ""));
        raw.peer().send(clientFrame("80 82", utf8("lo")));
        raw.peer().expectFrame(OpCode.PONG, "");
        assertEquals("Hello", raw.events().expectText());

        raw.peer().send(clientFrame("02 82", "01 02") + " " + clientFrame("00 80", "")
                + " " + clientFrame("8a 81", "ff") + " " + clientFrame("80 81", "03"));
        assertEquals(ByteBuffer.wrap(Hex.bytes("ff")), raw.events().expectPong());
        assertEquals(ByteBuffer.wrap(Hex.bytes("01 02 03")), raw.events().expectBinary());
    }

    // ---- ping and pong ----

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 5, 125})
    void pingIsAnsweredWithAPongOfTheSamePayload(int size) {
        Raw raw = rawClient();
        byte[] payload = Hex.pattern(size);
        raw.peer().send(clientFrame(String.format("89 %02x", 0x80 | size), payload));
        raw.peer().expectFrame(OpCode.PONG, Hex.of(payload));
    }

    @Test
    void pongGoesToOnPong() {
        Raw raw = rawClient();
        raw.peer().send(clientFrame("8a 85", utf8("Hello")));
        assertEquals(ByteBuffer.wrap(utf8("Hello")), raw.events().expectPong());
    }

    @Test
    void enginesPingEachOther() throws Exception {
        Pair pair = connect();
        Sent sent = new Sent();
        pair.client().sendPing(ByteBuffer.wrap(utf8("are you there")), sent);
        sent.awaitSuccess();
        assertEquals(ByteBuffer.wrap(utf8("are you there")), pair.clientEvents().expectPong());
        pair.server().sendPing(ByteBuffer.allocate(0), SendCallback.NONE);
        assertEquals(ByteBuffer.allocate(0), pair.serverEvents().expectPong());

        Sent tooLong = new Sent();
        pair.client().sendPing(ByteBuffer.allocate(126), tooLong);
        assertInstanceOf(IllegalArgumentException.class, tooLong.awaitFailure());
        closeNormally(pair);
    }

    // ---- closing handshake ----

    @Test
    void peerStartsTheCloseAndTheServerEchoesItsCodeAndReasonThenClosesTheConnection() {
        Raw raw = rawClient();
        raw.peer().send(clientFrame("88 85", closePayload(1000, "bye")));
        raw.peer().expectFrame(OpCode.CLOSE, closePayload(1000, "bye"));
        raw.peer().expectClosed();
        raw.events().expectClose(1000, "bye");
        assertFalse(raw.engine().isOpen());
    }

    @Test
    void emptyCloseIsAnsweredWithAnEmptyClose() {
        Raw raw = rawClient();
        raw.peer().send(clientFrame("88 80", ""));
        raw.peer().expectFrame(OpCode.CLOSE, "");
        raw.peer().expectClosed();
        raw.events().expectClose(CloseStatus.NO_STATUS, "");
    }

    @Test
    void serverStartsTheCloseAndClosesTheConnectionWhenAnswered() {
        Raw raw = rawClient();
        raw.engine().close(new CloseStatus(CloseStatus.GOING_AWAY, "going"));
        raw.peer().expectFrame(OpCode.CLOSE, closePayload(1001, "going"));
        assertFalse(raw.engine().isOpen());
        // Data and pings from the peer still arrive until its close frame.
        raw.peer().send(clientFrame("81 82", utf8("ok")));
        assertEquals("ok", raw.events().expectText());
        raw.peer().send(clientFrame("88 82", closePayload(1001, "")));
        raw.peer().expectClosed();
        raw.events().expectClose(1001, "going");
    }

    @Test
    void clientStartsTheClose() {
        Pair pair = connect();
        pair.client().close(new CloseStatus(CloseStatus.NORMAL, "bye"));
        pair.serverEvents().expectClose(1000, "bye");
        pair.clientEvents().expectClose(1000, "bye");
        pair.client().close(new CloseStatus(CloseStatus.NORMAL, "again"));
        pair.server().close(new CloseStatus(CloseStatus.NORMAL, "again"));
    }

    @Test
    void aCloseWithACodeThatMayNotBeSentIsRefusedAndChangesNothing() {
        Pair pair = connect();
        assertThrows(IllegalStateException.class, () -> pair.client().close(new CloseStatus(CloseStatus.ABNORMAL)));
        assertTrue(pair.client().isOpen());
        assertEquals(List.of(), new ArrayList<>(timers.getQueue()), "timers left running");
        closeNormally(pair);
    }

    @Test
    void serverStartsTheCloseAndTheClientSeesItOnce() {
        Pair pair = connect();
        pair.server().close(new CloseStatus(4000, "custom"));
        pair.clientEvents().expectClose(4000, "custom");
        pair.serverEvents().expectClose(4000, "custom");
    }

    @Test
    void clientAnswersACloseAndWaitsForTheServerToEndTheConnection() {
        Raw raw = rawServer(EngineConfig.DEFAULT);
        raw.peer().send("88 05 " + closePayload(1000, "bye"));
        raw.events().expectClose(1000, "bye");
        raw.peer().expectFrame(OpCode.CLOSE, closePayload(1000, "bye"));
        // RFC 6455 §7.1.1: the server ends TCP; the client (with a 5 s timeout) does not.
        assertFalse(raw.peer().isClosed());
        raw.peer().transport.close();
        raw.peer().expectClosed();
    }

    @Test
    void clientDropsTheConnectionIfTheServerDoesNotEndIt() {
        Raw raw = rawServer(EngineConfig.DEFAULT.withCloseTimeout(SHORT));
        raw.peer().send("88 02 03 e8");
        raw.events().expectClose(1000, "");
        raw.peer().expectFrame(OpCode.CLOSE, closePayload(1000, ""));
        raw.peer().expectClosed();
    }

    @Test
    void closeTimesOutWith1006WhenThePeerNeverAnswers() {
        Raw raw = rawClient(EngineConfig.DEFAULT.withCloseTimeout(SHORT));
        raw.engine().close(new CloseStatus(CloseStatus.NORMAL));
        raw.peer().expectFrame(OpCode.CLOSE, closePayload(1000, ""));
        raw.peer().expectClosed();
        raw.events().expectClose(CloseStatus.ABNORMAL, "the peer did not answer the close frame in time");
    }

    /**
     * With a pipe that delivers on the writing thread, the timed-out close drops the connection
     * and hears of it before it reports: the report must still name the timeout.
     */
    @Test
    void closeTimeoutIsReportedAsSuchEvenWhenTheDropIsHeardAtOnce() {
        Raw raw = rawClient(EngineConfig.DEFAULT.withCloseTimeout(SHORT), Runnable::run);
        raw.engine().close(new CloseStatus(CloseStatus.NORMAL));
        raw.peer().expectFrame(OpCode.CLOSE, closePayload(1000, ""));
        raw.events().expectClose(CloseStatus.ABNORMAL, "the peer did not answer the close frame in time");
        raw.peer().expectClosed();
    }

    /**
     * With a pipe that delivers on the writing thread, the whole handshake runs inside
     * {@code close()}: the close timer must not be left running after it.
     */
    @Test
    void noTimerOutlivesAHandshakeThatCompletesInsideClose() {
        Pair pair = connect(EngineConfig.DEFAULT, EngineConfig.DEFAULT, Runnable::run);
        pair.client().close(new CloseStatus(CloseStatus.NORMAL, "quick"));
        assertEquals(List.of(), new ArrayList<>(timers.getQueue()), "timers left running");
        pair.serverEvents().expectClose(1000, "quick");
        pair.clientEvents().expectClose(1000, "quick");
    }

    // A pipe that delivers on the writing thread (as a selector may complete a write at once)
    // runs a whole exchange inside one call: the engine must report the close it saw, not the
    // transport's closing that the exchange caused.

    @Test
    void peerStartedCloseIsReportedAsSuchWhenThePipeDeliversInline() {
        Raw raw = rawClient(EngineConfig.DEFAULT, Runnable::run);
        raw.peer().send(clientFrame("88 85", closePayload(1000, "bye")));
        raw.peer().expectFrame(OpCode.CLOSE, closePayload(1000, "bye"));
        raw.peer().expectClosed();
        raw.events().expectClose(1000, "bye");
    }

    @Test
    void answeredCloseIsReportedAsSuchWhenThePipeDeliversInline() {
        Raw raw = rawClient(EngineConfig.DEFAULT, Runnable::run);
        raw.engine().close(new CloseStatus(CloseStatus.GOING_AWAY, "going"));
        raw.peer().expectFrame(OpCode.CLOSE, closePayload(1001, "going"));
        raw.peer().send(clientFrame("88 82", closePayload(1001, "")));
        raw.peer().expectClosed();
        raw.events().expectClose(1001, "going");
        assertEquals(List.of(), new ArrayList<>(timers.getQueue()), "timers left running");
    }

    @Test
    void failureIsReportedWithItsCodeWhenThePipeDeliversInline() {
        Raw raw = rawClient(EngineConfig.DEFAULT, Runnable::run);
        raw.peer().send("81 05 48 65 6c 6c 6f");
        raw.peer().expectFrame(OpCode.CLOSE, closePayload(1002, "unmasked client frame"));
        raw.peer().expectClosed();
        raw.events().expectFailure(1002, "unmasked client frame");
    }

    // An endpoint that closes the session from onError or onClose must not change the close
    // frame the engine owes the peer. Handler callbacks run inline here (an engine executor of
    // Runnable::run), so they run as early as they possibly can.

    @Test
    void closingFromOnErrorDoesNotReplaceTheFailuresCode() {
        MemoryTransport[] pipe = MemoryTransport.pair(io);
        RawPeer peer = new RawPeer(pipe[1], Role.CLIENT);
        peers.add(peer);
        WebSocketConnection server = new WebSocketConnection(pipe[0], false, null, EngineConfig.DEFAULT,
                Runnable::run, timers);
        SessionRecorder events = recorder("server")
                .closingOnErrorAndClose(server, new CloseStatus(CloseStatus.NORMAL, "from the endpoint"));
        server.start(events, null);
        events.expectOpen();
        peer.send("81 05 48 65 6c 6c 6f");
        peer.expectFrame(OpCode.CLOSE, closePayload(1002, "unmasked client frame"));
        peer.expectClosed();
        events.expectFailure(1002, "unmasked client frame");
    }

    @Test
    void closingFromOnCloseDoesNotReplaceTheEchoedCode() {
        MemoryTransport[] pipe = MemoryTransport.pair(io);
        RawPeer peer = new RawPeer(pipe[1], Role.CLIENT);
        peers.add(peer);
        WebSocketConnection server = new WebSocketConnection(pipe[0], false, null, EngineConfig.DEFAULT,
                Runnable::run, timers);
        SessionRecorder events = recorder("server")
                .closingOnErrorAndClose(server, new CloseStatus(4000, "from the endpoint"));
        server.start(events, null);
        events.expectOpen();
        peer.send(clientFrame("88 82", closePayload(1001, "")));
        peer.expectFrame(OpCode.CLOSE, closePayload(1001, ""));
        peer.expectClosed();
        events.expectClose(1001, "");
        assertEquals(List.of(), new ArrayList<>(timers.getQueue()), "timers left running");
    }

    @Test
    void noTimerOutlivesAnOrdinaryHandshake() throws InterruptedException {
        Pair pair = connect();
        pair.server().setIdleTimeout(60_000);
        pair.client().setIdleTimeout(60_000);
        closeNormally(pair);
        // The client cancels its last timer when the server ends the connection, just after.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT);
        while (!timers.getQueue().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(List.of(), new ArrayList<>(timers.getQueue()), "timers left running");
    }

    @Test
    void idleTimeoutSends1001AndReports1006Locally() {
        Pair pair = connect();
        pair.server().setIdleTimeout(SHORT.toMillis());
        pair.clientEvents().expectClose(CloseStatus.GOING_AWAY, "idle timeout");
        // Jakarta WebSocket §2.1.5: a close the local container starts is 1006 to its own endpoint.
        pair.serverEvents().expectClose(CloseStatus.ABNORMAL, "idle timeout");
    }

    @Test
    void sendsAfterCloseFailWithIOException() throws Exception {
        Raw raw = rawClient();
        raw.engine().close(new CloseStatus(CloseStatus.NORMAL));
        raw.peer().expectFrame(OpCode.CLOSE, closePayload(1000, ""));
        // Closing: our close is out, the peer's has not come.
        Sent whileClosing = new Sent();
        raw.engine().sendText("late", true, whileClosing);
        assertInstanceOf(IOException.class, whileClosing.awaitFailure());

        raw.peer().send(clientFrame("88 82", closePayload(1000, "")));
        raw.events().expectClose(1000, "");
        raw.peer().expectClosed();
        List<Sent> sends = List.of(new Sent(), new Sent(), new Sent(), new Sent());
        raw.engine().sendText("late", true, sends.get(0));
        raw.engine().sendBinary(ByteBuffer.allocate(3), true, sends.get(1));
        raw.engine().sendPing(ByteBuffer.allocate(0), sends.get(2));
        raw.engine().sendPong(ByteBuffer.allocate(0), sends.get(3));
        for (Sent s : sends) {
            assertInstanceOf(IOException.class, s.awaitFailure());
        }
    }

    // ---- failures ----

    @ParameterizedTest(name = "{2}")
    @CsvSource({
        "81 05 48 65 6c 6c 6f,           1002, unmasked client frame",
        "83 80 a1 b2 c3 d4,              1002, reserved opcode 0x3",
        "c1 80 a1 b2 c3 d4,              1002, reserved bits set without an extension that owns them",
        "09 80 a1 b2 c3 d4,              1002, fragmented control frame",
        "80 80 a1 b2 c3 d4,              1002, continuation frame without a message in progress",
        "01 80 a1 b2 c3 d4 81 80,        1002, new data frame inside a fragmented message",
        "89 fe 00 7e,                    1002, control frame too long",
        "82 fe 00 05,                    1002, payload length not in its minimal form",
        "88 81 a1 b2 c3 d4 a2,           1002, close frame payload of one byte",
        "88 82 a1 b2 c3 d4 a2 5f,        1002, close code 1005 may not be sent",
        "88 82 a1 b2 c3 d4 a2 5c,        1002, close code 1006 may not be sent",
        "88 83 a1 b2 c3 d4 a2 5a 3c,     1007, close reason is not valid UTF-8",
        "81 81 a1 b2 c3 d4 3c,           1007, text is not valid UTF-8",
        "81 82 a1 b2 c3 d4 43 30,        1007, text message ends inside a UTF-8 sequence",
    })
    void violationsAreAnsweredWithACloseOfTheirCode(String hex, int code, String reason) {
        Raw raw = rawClient();
        raw.peer().send(hex);
        raw.peer().expectFrame(OpCode.CLOSE, closePayload(code, reason));
        raw.peer().expectClosed();
        raw.events().expectFailure(code, reason);
    }

    // Autobahn 3.2, 4.1.4, 5.15: a peer sends a message and a violation in one write, and
    // expects the echo of the message before the close.

    @Test
    void aViolationRightBehindAMessageIsAnsweredAfterTheMessagesEcho() {
        Raw raw = rawClient();
        raw.events().echoingThrough(raw.engine());
        CountDownLatch gate = new CountDownLatch(1);
        raw.events().holdMessagesAt(gate);
        raw.peer().send(clientFrame("81 85", utf8("Hello")) + " " + clientFrame("a1 80", new byte[0]));
        // The violation has been read long before the handler may echo.
        gate.countDown();
        raw.peer().expectFrame(OpCode.TEXT, Hex.of(utf8("Hello")));
        String reason = "reserved bits set without an extension that owns them";
        raw.peer().expectFrame(OpCode.CLOSE, closePayload(1002, reason));
        raw.peer().expectClosed();
        assertEquals("Hello", raw.events().expectText());
        raw.events().expectFailure(1002, reason);
    }

    @Test
    void aHandlerThatHangsDelaysTheFailuresCloseByTheCloseTimeoutAtMost() {
        Raw raw = rawClient(EngineConfig.DEFAULT.withCloseTimeout(SHORT));
        CountDownLatch gate = new CountDownLatch(1);
        raw.events().holdMessagesAt(gate);
        raw.peer().send(clientFrame("81 85", utf8("Hello")) + " " + clientFrame("a1 80", new byte[0]));
        String reason = "reserved bits set without an extension that owns them";
        raw.peer().expectFrame(OpCode.CLOSE, closePayload(1002, reason));
        raw.peer().expectClosed();
        gate.countDown();
        assertEquals("Hello", raw.events().expectText());
        raw.events().expectFailure(1002, reason);
    }

    @Test
    void invalidTextFailsBeforeTheRestOfItsFrameArrives() {
        Raw raw = rawClient();
        // 200 bytes announced; only "He" and a byte that is never UTF-8 are sent.
        raw.peer().send(clientFrame("81 fe 00 c8", "48 65 ff"));
        raw.peer().expectFrame(OpCode.CLOSE, closePayload(1007, "text is not valid UTF-8"));
        raw.peer().expectClosed();
        raw.events().expectFailure(1007, "text is not valid UTF-8");
    }

    @Test
    void invalidTextAcrossFragmentsFailsAtTheFirstBadByte() {
        Raw raw = rawClient();
        // "€" is e2 82 ac: the first fragment ends inside it, the next breaks it with "A".
        raw.peer().send(clientFrame("01 82", "e2 82"));
        raw.peer().send(clientFrame("80 fe 01 00", "41"));
        raw.peer().expectFrame(OpCode.CLOSE, closePayload(1007, "text is not valid UTF-8"));
        raw.peer().expectClosed();
        raw.events().expectFailure(1007, "text is not valid UTF-8");
    }

    @Test
    void textOverTheLimitFailsBeforeItsPayloadArrives() {
        Raw raw = rawClient(EngineConfig.DEFAULT.withMaxTextMessageSize(1000));
        raw.peer().send(clientFrame("81 fe 03 e8", textOfBytes(1000).getBytes(StandardCharsets.UTF_8)));
        assertEquals(textOfBytes(1000), raw.events().expectText());
        raw.peer().send("81 fe 03 e9 " + KEY);
        String reason = "text message of at least 1001 bytes exceeds the limit of 1000";
        raw.peer().expectFrame(OpCode.CLOSE, closePayload(1009, reason));
        raw.peer().expectClosed();
        raw.events().expectFailure(1009, reason);
    }

    @Test
    void binaryOverTheLimitFailsWhenAFragmentAnnouncesTooMuch() {
        Raw raw = rawClient(EngineConfig.DEFAULT.withMaxBinaryMessageSize(1000));
        raw.peer().send(clientFrame("02 fe 02 58", Hex.pattern(600)));
        raw.peer().send("80 fe 01 91 " + KEY);
        String reason = "binary message of at least 1001 bytes exceeds the limit of 1000";
        raw.peer().expectFrame(OpCode.CLOSE, closePayload(1009, reason));
        raw.peer().expectClosed();
        raw.events().expectFailure(1009, reason);
    }

    @Test
    void limitsCanChangeWhileOpen() {
        Raw raw = rawClient();
        raw.engine().setMaxTextMessageSize(4);
        assertEquals(4, raw.engine().maxTextMessageSize());
        raw.peer().send(clientFrame("81 85", utf8("Hello")));
        String reason = "text message of at least 5 bytes exceeds the limit of 4";
        raw.peer().expectFrame(OpCode.CLOSE, closePayload(1009, reason));
        raw.peer().expectClosed();
        raw.events().expectFailure(1009, reason);
    }

    @Test
    void theServerNeverMasksAndTheClientAlwaysDoes() throws Exception {
        Raw raw = rawServer(EngineConfig.DEFAULT);
        List<byte[]> sent = new ArrayList<>();
        for (int size : new int[] {0, 1, 4, 125, 126, 65535, 70000}) {
            byte[] payload = utf8(textOfBytes(size));
            sent.add(payload);
            raw.engine().sendText(new String(payload, StandardCharsets.UTF_8), true, SendCallback.NONE);
            byte[] binary = Hex.pattern(size);
            sent.add(binary);
            raw.engine().sendBinary(ByteBuffer.wrap(binary), true, SendCallback.NONE);
        }
        byte[] ping = utf8("ping");
        Sent pinged = new Sent();
        raw.engine().sendPing(ByteBuffer.wrap(ping), pinged);
        pinged.awaitSuccess();
        // The ping may overtake data not yet written (control frames go first), so it is set aside.
        int pings = 0;
        for (int i = 0; i < sent.size(); ) {
            RawPeer.Frame f = raw.peer().expectFrame();
            if (f.opcode() == OpCode.PING) {
                assertArrayEquals(ping, f.payload());
                pings++;
                continue;
            }
            assertEquals(i % 2 == 0 ? OpCode.TEXT : OpCode.BINARY, f.opcode());
            assertArrayEquals(sent.get(i), f.payload());
            i++;
        }
        if (pings == 0) {
            raw.peer().expectFrame(OpCode.PING, Hex.of(ping));
        }

        // Walk the raw bytes: every frame has the mask bit and its own non-zero key.
        byte[] wire = raw.peer().rawBytes();
        Set<Integer> keys = new HashSet<>();
        int frames = 0;
        int at = 0;
        while (at < wire.length) {
            ByteBuffer header = ByteBuffer.wrap(wire, at, wire.length - at);
            header.get();
            int second = header.get() & 0xFF;
            assertEquals(0x80, second & 0x80, "mask bit of frame " + frames);
            long length = second & 0x7F;
            if (length == 126) {
                length = header.getShort() & 0xFFFF;
            } else if (length == 127) {
                length = header.getLong();
            }
            int key = header.getInt();
            assertNotEquals(0, key, "key of frame " + frames);
            keys.add(key);
            frames++;
            at = header.position() + (int) length;
        }
        assertEquals(wire.length, at);
        assertEquals(sent.size() + 1, frames);
        assertEquals(frames, keys.size(), "each frame has a fresh key");
    }

    // ---- concurrency and flow ----

    @Test
    void manyThreadsSendingWholeMessagesAreNeitherInterleavedNorRefused() throws Exception {
        int threads = 8;
        int perThread = 200;
        Pair pair = connect();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch completed = new CountDownLatch(2 * threads * perThread);
        SendCallback check = failure -> {
            if (failure != null) {
                failures.add(failure.toString());
            }
            completed.countDown();
        };
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> senders = new ArrayList<>();
        for (WebSocketConnection from : List.of(pair.client(), pair.server())) {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                senders.add(new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < perThread; i++) {
                        // Sizes up to 9 000 bytes, so the server's frames go both copied and gathered.
                        String body = thread + " " + i + " " + "x".repeat((i * 4_099 + thread * 577) % 9_000);
                        if (i % 2 == 0) {
                            from.sendText(body, true, check);
                        } else {
                            from.sendBinary(ByteBuffer.wrap(utf8(body)), true, check);
                        }
                    }
                }));
            }
        }
        senders.forEach(Thread::start);
        go.countDown();
        for (Thread t : senders) {
            t.join(TimeUnit.SECONDS.toMillis(WAIT));
        }
        assertTrue(completed.await(WAIT, TimeUnit.SECONDS), "not every send completed");
        assertEquals(List.of(), failures);
        assertArrivedInOrder(pair.serverEvents(), threads, perThread);
        assertArrivedInOrder(pair.clientEvents(), threads, perThread);
        closeNormally(pair);
    }

    /** Each thread's messages arrive whole, in the order that thread sent them. */
    private static void assertArrivedInOrder(SessionRecorder events, int threads, int perThread) {
        Map<Integer, Integer> nextOf = new HashMap<>();
        for (int n = 0; n < threads * perThread; n++) {
            SessionRecorder.Event e = events.next();
            String body = switch (e.kind()) {
                case "text" -> (String) e.value();
                case "binary" -> StandardCharsets.UTF_8.decode((ByteBuffer) e.value()).toString();
                default -> fail("unexpected " + e);
            };
            String[] parts = body.split(" ", 3);
            int thread = Integer.parseInt(parts[0]);
            int i = Integer.parseInt(parts[1]);
            assertEquals(nextOf.getOrDefault(thread, 0), i, "order of thread " + thread);
            nextOf.put(thread, i + 1);
            assertEquals(i % 2 == 0 ? "text" : "binary", e.kind());
            assertEquals("x".repeat((i * 4_099 + thread * 577) % 9_000), parts[2]);
        }
    }

    @Test
    void aSlowEndpointPausesReadingAndLosesNothing() {
        EngineConfig smallBacklog = new EngineConfig(EngineConfig.DEFAULT_MAX_MESSAGE_SIZE,
                EngineConfig.DEFAULT_MAX_MESSAGE_SIZE, EngineConfig.DEFAULT_CLOSE_TIMEOUT,
                EngineConfig.DEFAULT_MAX_OUTGOING_BYTES, 1_000);
        Raw raw = rawClient(smallBacklog);
        CountDownLatch gate = new CountDownLatch(1);
        raw.events().holdMessagesAt(gate);
        for (int i = 0; i < 50; i++) {
            raw.peer().send(clientFrame("81 fe 00 c8", utf8(String.format("%03d", i) + "y".repeat(197))));
        }
        // The ping goes behind the messages on the pipe; its pong shows they have been read.
        raw.peer().send(clientFrame("89 81", "01"));
        gate.countDown();
        for (int i = 0; i < 50; i++) {
            assertEquals(String.format("%03d", i) + "y".repeat(197), raw.events().expectText());
        }
        raw.peer().expectFrame(OpCode.PONG, "01");
    }

    @Test
    void droppedConnectionIsReportedAs1006() throws Exception {
        Raw raw = rawClient();
        raw.peer().transport.abort();
        raw.events().expectClose(CloseStatus.ABNORMAL, "connection closed without a close frame");
        raw.peer().expectClosed();
        assertFalse(raw.engine().isOpen());
        Sent late = new Sent();
        raw.engine().sendText("late", true, late);
        assertInstanceOf(IOException.class, late.awaitFailure());
    }
}
