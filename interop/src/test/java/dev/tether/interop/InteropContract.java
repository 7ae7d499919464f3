package dev.tether.interop;

import jakarta.websocket.CloseReason;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * What every pairing of a client and a server must do, with and without permessage-deflate.
 * A subclass starts one server and one client for the whole class and opens sessions to
 * {@link EchoServerEndpoint} at {@code /echo}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class InteropContract {

    /** Starts the server and the client. */
    abstract void start() throws Exception;

    /** Stops everything {@link #start()} started; must tolerate a partial start. */
    abstract void stop() throws Exception;

    /** Opens a session to {@code /echo}, offering permessage-deflate when asked to. */
    abstract Session connect(Recorder recorder, boolean deflate) throws Exception;

    @BeforeAll
    void startAll() throws Exception {
        start();
    }

    @AfterAll
    void stopAll() throws Exception {
        stop();
    }

    @BeforeEach
    void clearCloses() {
        EchoServerEndpoint.CLOSES.clear();
    }

    static Stream<Arguments> sizes() {
        return Stream.of(0, 125, 126, 64 * 1024, 1024 * 1024)
                .flatMap(size -> Stream.of(Arguments.of(size, false), Arguments.of(size, true)));
    }

    /** Opens a session and checks that both sides agree on whether permessage-deflate is in use. */
    Session open(Recorder recorder, boolean deflate) throws Exception {
        Session session = connect(recorder, deflate);
        List<String> expected = deflate ? List.of(Interop.DEFLATE) : List.of();
        assertEquals(expected, Interop.names(session.getNegotiatedExtensions()), "client side's negotiated extensions");
        session.getBasicRemote().sendText(EchoServerEndpoint.EXTENSIONS);
        assertEquals("extensions:" + String.join(",", expected), recorder.next(), "server side's negotiated extensions");
        return session;
    }

    static void closeNormally(Session session, Recorder recorder) throws Exception {
        session.close();
        CloseReason clientSide = recorder.awaitClose();
        assertEquals(CloseReason.CloseCodes.NORMAL_CLOSURE, clientSide.getCloseCode(),
                () -> "client saw " + clientSide + "; errors " + recorder.errors);
        CloseReason serverSide = EchoServerEndpoint.CLOSES.poll(30, TimeUnit.SECONDS);
        assertNotNull(serverSide, "the server endpoint saw no close within 30 s");
        assertEquals(CloseReason.CloseCodes.NORMAL_CLOSURE, serverSide.getCloseCode());
    }

    @ParameterizedTest(name = "{0} chars, deflate={1}")
    @MethodSource("sizes")
    void echoesText(int size, boolean deflate) throws Exception {
        Recorder recorder = new Recorder();
        Session session = open(recorder, deflate);
        String text = Interop.randomText(size);
        session.getBasicRemote().sendText(text);
        assertEquals(text, recorder.next());
        closeNormally(session, recorder);
    }

    @ParameterizedTest(name = "{0} bytes, deflate={1}")
    @MethodSource("sizes")
    void echoesBinary(int size, boolean deflate) throws Exception {
        Recorder recorder = new Recorder();
        Session session = open(recorder, deflate);
        byte[] data = Interop.randomBytes(size);
        session.getBasicRemote().sendBinary(ByteBuffer.wrap(data));
        assertArrayEquals(data, Interop.bytes(assertInstanceOf(ByteBuffer.class, recorder.next())));
        closeNormally(session, recorder);
    }

    @ParameterizedTest(name = "deflate={0}")
    @ValueSource(booleans = {false, true})
    void fragmentedTextArrivesWholeBothWays(boolean deflate) throws Exception {
        Recorder recorder = new Recorder();
        Session session = open(recorder, deflate);
        session.getBasicRemote().sendText("frag", false);
        session.getBasicRemote().sendText("ment", false);
        session.getBasicRemote().sendText("ed – ünïcode ✓", true);
        assertEquals("fragmented – ünïcode ✓", recorder.next());

        session.getBasicRemote().sendText(EchoServerEndpoint.FRAGMENTS);
        assertEquals("server fragments ✓", recorder.next());
        closeNormally(session, recorder);
    }

    @ParameterizedTest(name = "deflate={0}")
    @ValueSource(booleans = {false, true})
    void pingsAreAnsweredBothWays(boolean deflate) throws Exception {
        Recorder recorder = new Recorder();
        Session session = open(recorder, deflate);
        session.getBasicRemote().sendPing(ByteBuffer.wrap("client ping".getBytes(StandardCharsets.UTF_8)));
        PongMessage pong = assertInstanceOf(PongMessage.class, recorder.next());
        assertEquals("client ping", StandardCharsets.UTF_8.decode(pong.getApplicationData()).toString());

        // The server pings; the client's container answers; the server reports the pong.
        session.getBasicRemote().sendText(EchoServerEndpoint.PING);
        assertEquals("pong:server ping", recorder.next());
        closeNormally(session, recorder);
    }

    @ParameterizedTest(name = "deflate={0}")
    @ValueSource(booleans = {false, true})
    void clientCloseCodeAndReasonReachTheServer(boolean deflate) throws Exception {
        Recorder recorder = new Recorder();
        Session session = open(recorder, deflate);
        session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(4000), "client leaves"));
        CloseReason serverSide = EchoServerEndpoint.CLOSES.poll(30, TimeUnit.SECONDS);
        assertNotNull(serverSide, "the server endpoint saw no close within 30 s");
        assertEquals(4000, serverSide.getCloseCode().getCode(), () -> "server saw " + serverSide);
        assertEquals("client leaves", serverSide.getReasonPhrase());
        CloseReason clientSide = recorder.awaitClose();
        assertEquals(4000, clientSide.getCloseCode().getCode(),
                () -> "client saw " + clientSide + "; errors " + recorder.errors);
    }

    @ParameterizedTest(name = "deflate={0}")
    @ValueSource(booleans = {false, true})
    void serverCloseCodeAndReasonReachTheClient(boolean deflate) throws Exception {
        Recorder recorder = new Recorder();
        Session session = open(recorder, deflate);
        session.getBasicRemote().sendText(EchoServerEndpoint.CLOSE);
        CloseReason clientSide = recorder.awaitClose();
        assertEquals(4001, clientSide.getCloseCode().getCode(),
                () -> "client saw " + clientSide + "; errors " + recorder.errors);
        assertEquals("server says bye", clientSide.getReasonPhrase());
        CloseReason serverSide = EchoServerEndpoint.CLOSES.poll(30, TimeUnit.SECONDS);
        assertNotNull(serverSide, "the server endpoint saw no close within 30 s");
        assertEquals(4001, serverSide.getCloseCode().getCode());
    }
}
