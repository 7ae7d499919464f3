package dev.tether.jakarta.annotated;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DecodeException;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.EncodeException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnnotatedEndpointDispatchTest {
    private static final EndpointConfig CONFIG = ClientEndpointConfig.Builder.create().build();
    private static final CloseReason BYE = new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "bye");

    private final FakeSession session = new FakeSession();

    private static Endpoint open(Object pojo, Set<String> names, FakeSession session) throws DeploymentException {
        Endpoint endpoint = AnnotatedEndpointModel.of(pojo.getClass(), true, names).newEndpoint(pojo);
        endpoint.onOpen(session, CONFIG);
        return endpoint;
    }

    private static String utf8(ByteBuffer b) {
        return FakeSession.utf8(b);
    }

    // ------------------------------------------------------------------ text, lifecycle, path params

    @ServerEndpoint("/rooms/{room}/{n}")
    public static class TextEcho {
        final List<String> events = new ArrayList<>();

        @OnOpen
        public void open(@PathParam("room") String room, EndpointConfig config, Session session) {
            events.add("open " + room + " " + (config == CONFIG) + " handlers=" + session.getMessageHandlers().size());
        }

        @OnMessage
        public String echo(@PathParam("n") int n, String message, Session session, @PathParam("room") String room) {
            return message + "/" + n + "/" + room + "/" + session.getId();
        }

        @OnClose
        public void close(CloseReason reason, @PathParam("n") Integer n) {
            events.add("close " + reason.getCloseCode().getCode() + " " + reason.getReasonPhrase() + " " + n);
        }

        @OnError
        public void error(Session session, @PathParam("room") String room, Throwable t) {
            events.add("error " + room + " " + t);
        }
    }

    @Test
    void textMessageWithSessionAndPathParamsInAnyOrder() throws DeploymentException {
        TextEcho pojo = new TextEcho();
        session.pathParameter("room", "lobby").pathParameter("n", "7");
        Endpoint endpoint = open(pojo, Set.of("room", "n"), session);

        assertEquals(List.of(String.class), List.copyOf(session.handlers.keySet()));
        assertInstanceOf(MessageHandler.Whole.class, session.handlers.get(String.class));
        assertEquals(List.of("open lobby true handlers=1"), pojo.events, "handlers are added before @OnOpen");

        session.text("hi");
        assertEquals(List.of("text:hi/7/lobby/fake-1"), session.sent);

        endpoint.onClose(session, BYE);
        assertEquals("close 1000 bye 7", pojo.events.get(1));

        RuntimeException boom = new RuntimeException("boom");
        endpoint.onError(session, boom);
        assertEquals("error lobby " + boom, pojo.events.get(2));
        assertEquals(3, pojo.events.size());
    }

    @Test
    void pathParamThatDoesNotConvertGoesToOnErrorAsDecodeException() throws DeploymentException {
        TextEcho pojo = new TextEcho();
        session.pathParameter("room", "lobby").pathParameter("n", "seven");
        open(pojo, Set.of("room", "n"), session);

        session.text("hi");
        assertEquals(List.of(), session.sent);
        assertEquals("error lobby jakarta.websocket.DecodeException: Path parameter {n} value \"seven\" is not a valid int",
                pojo.events.get(1));
    }

    public static class Partial {
        final List<String> events = new ArrayList<>();

        @OnMessage
        public void text(boolean last, Session session, String part) {
            events.add("text " + part + " " + last);
        }

        @OnMessage
        public void binary(ByteBuffer part, boolean last) {
            events.add("binary " + utf8(part) + " " + last);
        }
    }

    @Test
    void partialTextAndByteBuffer() throws DeploymentException {
        Partial pojo = new Partial();
        open(pojo, Set.of(), session);
        assertInstanceOf(MessageHandler.Partial.class, session.handlers.get(String.class));
        assertInstanceOf(MessageHandler.Partial.class, session.handlers.get(ByteBuffer.class));

        session.textPart("a", false);
        session.textPart("b", true);
        session.binaryPart("c", false);
        session.binaryPart("d", true);
        assertEquals(List.of("text a false", "text b true", "binary c false", "binary d true"), pojo.events);
    }

    public static class PartialBytes {
        final List<String> events = new ArrayList<>();

        @OnMessage
        public void binary(Session session, byte[] part, boolean last) {
            events.add(new String(part, StandardCharsets.UTF_8) + " " + last);
        }
    }

    @Test
    void partialByteArray() throws DeploymentException {
        PartialBytes pojo = new PartialBytes();
        open(pojo, Set.of(), session);
        assertInstanceOf(MessageHandler.Partial.class, session.handlers.get(byte[].class));
        session.binaryPart("x", false);
        session.binaryPart("y", true);
        assertEquals(List.of("x false", "y true"), pojo.events);
    }

    public static class AllThree {
        final List<String> events = new ArrayList<>();

        @OnMessage
        public byte[] binary(byte[] message) {
            return ("bytes " + new String(message, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        }

        @OnMessage
        public String text(String message) {
            return "text " + message;
        }

        @OnMessage
        public void pong(Session session, PongMessage pong) {
            events.add("pong " + utf8(pong.getApplicationData()));
        }
    }

    @Test
    void oneHandlerPerMessageType() throws DeploymentException {
        AllThree pojo = new AllThree();
        open(pojo, Set.of(), session);
        assertEquals(List.of(String.class, byte[].class, PongMessage.class), List.copyOf(session.handlers.keySet()),
                "registered in the order text, binary, pong");

        session.text("a");
        session.binary("b");
        session.pong("c");
        assertEquals(List.of("text:text a", "binary:bytes b"), session.sent);
        assertEquals(List.of("pong c"), pojo.events);
    }

    public static class BufferEcho {
        @OnMessage
        public ByteBuffer echo(ByteBuffer message) {
            return ByteBuffer.wrap(("echo " + utf8(message)).getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void wholeByteBufferReturnsBinary() throws DeploymentException {
        open(new BufferEcho(), Set.of(), session);
        assertInstanceOf(MessageHandler.Whole.class, session.handlers.get(ByteBuffer.class));
        session.binary("z");
        assertEquals(List.of("binary:echo z"), session.sent);
    }

    // ------------------------------------------------------------------ primitives

    public static class IntEcho {
        final List<Throwable> errors = new ArrayList<>();

        @OnMessage
        public int next(int value) {
            return value + 1;
        }

        @OnError
        public void error(Throwable t) {
            errors.add(t);
        }
    }

    @Test
    void primitiveTextMessageIsConvertedAndResultSentAsText() throws DeploymentException {
        IntEcho pojo = new IntEcho();
        open(pojo, Set.of(), session);
        assertEquals(List.of(String.class), List.copyOf(session.handlers.keySet()),
                "primitives are registered as String handlers and converted by the adapter");
        session.text("41");
        assertEquals(List.of("text:42"), session.sent);
    }

    @Test
    void primitiveConversionFailureIsDecodeExceptionToOnError() throws DeploymentException {
        IntEcho pojo = new IntEcho();
        open(pojo, Set.of(), session);
        session.text("forty-one");
        assertEquals(List.of(), session.sent);
        DecodeException e = assertInstanceOf(DecodeException.class, pojo.errors.get(0));
        assertEquals("Text message \"forty-one\" is not a valid int", e.getMessage());
        assertEquals("forty-one", e.getText());
        assertInstanceOf(NumberFormatException.class, e.getCause());
    }

    public static class Primitives {
        @OnMessage
        public String all(String text, Session session) {
            return text;
        }
    }

    public static class BoxedDouble {
        @OnMessage
        public Double half(Double value) {
            return value / 2;
        }
    }

    public static class CharEcho {
        final List<Throwable> errors = new ArrayList<>();

        @OnMessage
        public Character upper(char c) {
            return Character.toUpperCase(c);
        }

        @OnError
        public void error(Throwable t) {
            errors.add(t);
        }
    }

    public static class BooleanMessage {
        @OnMessage
        public boolean not(Session session, boolean value) {
            return !value;
        }
    }

    public static class OtherPrimitives {
        final List<String> events = new ArrayList<>();

        @OnMessage
        public void text(String s) {
        }

        @OnMessage
        public long binary(byte[] b) {
            return Long.MAX_VALUE;
        }
    }

    @Test
    void boxesCharsAndBooleans() throws DeploymentException {
        open(new BoxedDouble(), Set.of(), session);
        session.text("5");
        assertEquals(List.of("text:2.5"), session.sent);

        FakeSession chars = new FakeSession();
        CharEcho charEcho = new CharEcho();
        open(charEcho, Set.of(), chars);
        chars.text("q");
        chars.text("qx");
        chars.text("");
        // A char takes the text's first character, as Tyrus does and the TCK expects.
        assertEquals(List.of("text:Q", "text:Q"), chars.sent);
        assertEquals("Text message \"\" is not a valid char", charEcho.errors.get(0).getMessage());

        FakeSession booleans = new FakeSession();
        open(new BooleanMessage(), Set.of(), booleans);
        booleans.text("true");
        booleans.text("nonsense");
        assertEquals(List.of("text:false", "text:true"), booleans.sent, "a lone boolean is the message, not a last flag");

        FakeSession longs = new FakeSession();
        open(new OtherPrimitives(), Set.of(), longs);
        longs.binary("x");
        longs.text("nothing to send for void");
        assertEquals(List.of("text:" + Long.MAX_VALUE), longs.sent);
    }

    // ------------------------------------------------------------------ return values

    public static class Returns {
        @OnMessage
        public Object reply(String what) {
            switch (what) {
                case "string": return "s";
                case "int": return 7;
                case "char": return 'c';
                case "buffer": return ByteBuffer.wrap(new byte[] {'b'});
                case "bytes": return new byte[] {'y'};
                case "null": return null;
                default: return new StringBuilder("object ").append(what);
            }
        }
    }

    @Test
    void returnValueIsSentByItsRuntimeType() throws DeploymentException {
        open(new Returns(), Set.of(), session);
        for (String what : List.of("string", "int", "char", "buffer", "bytes", "null", "pojo")) {
            session.text(what);
        }
        assertEquals(List.of("text:s", "text:7", "text:c", "binary:b", "binary:y", "object:object pojo"), session.sent);
    }

    public static class ReportsErrors {
        final List<Throwable> errors = new ArrayList<>();

        @OnMessage
        public Object echo(String s) {
            return s.equals("object") ? new StringBuilder(s) : s;
        }

        @OnError
        public void error(Throwable t, Session session) {
            errors.add(t);
        }
    }

    @Test
    void sendFailureGoesToOnError() throws DeploymentException {
        ReportsErrors pojo = new ReportsErrors();
        open(pojo, Set.of(), session);
        IOException io = new IOException("closed");
        session.sendFailure = io;
        session.text("x");
        EncodeException encode = new EncodeException("x", "cannot encode");
        session.sendFailure = encode;
        session.text("object");
        assertEquals(List.of(io, encode), pojo.errors);
    }

    // ------------------------------------------------------------------ user exceptions

    public static class Throws {
        final List<Throwable> errors = new ArrayList<>();
        final IllegalStateException onOpen = new IllegalStateException("open");
        final IOException onMessage = new IOException("message");
        final Error onClose = new AssertionError("close");

        @OnOpen
        public void open() {
            throw onOpen;
        }

        @OnMessage
        public void message(String s) throws IOException {
            throw onMessage;
        }

        @OnClose
        public void close() {
            throw onClose;
        }

        @OnError
        public void error(Throwable t) {
            errors.add(t);
        }
    }

    @Test
    void userExceptionsReachOnErrorUnwrapped() throws DeploymentException {
        Throws pojo = new Throws();
        Endpoint endpoint = open(pojo, Set.of(), session);
        session.text("x");
        endpoint.onClose(session, BYE);
        assertEquals(3, pojo.errors.size());
        assertSame(pojo.onOpen, pojo.errors.get(0));
        assertSame(pojo.onMessage, pojo.errors.get(1));
        assertSame(pojo.onClose, pojo.errors.get(2));
    }

    public static class NoOnError {
        int calls;

        @OnMessage
        public void message(String s) {
            calls++;
            throw new IllegalStateException("logged, not thrown");
        }
    }

    public static class FailingOnError {
        int calls;

        @OnMessage
        public void message(String s) {
            throw new IllegalStateException("first");
        }

        @OnError
        public void error(Throwable t) {
            calls++;
            throw new IllegalStateException("second");
        }
    }

    @Test
    void errorsWithoutOrFromOnErrorAreLoggedNotThrown() throws DeploymentException {
        Logger logger = Logger.getLogger(AnnotatedEndpoint.class.getName());
        List<LogRecord> records = new ArrayList<>();
        Handler recorder = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        boolean useParent = logger.getUseParentHandlers();
        logger.addHandler(recorder);
        logger.setUseParentHandlers(false);
        try {
            NoOnError quiet = new NoOnError();
            open(quiet, Set.of(), session);
            session.text("x");
            assertEquals(1, quiet.calls);

            FailingOnError failing = new FailingOnError();
            FakeSession other = new FakeSession();
            Endpoint endpoint = open(failing, Set.of(), other);
            other.text("x");
            endpoint.onError(other, new RuntimeException("direct"));
            assertEquals(2, failing.calls);
        } finally {
            logger.removeHandler(recorder);
            logger.setUseParentHandlers(useParent);
        }
        assertEquals(3, records.size());
        assertTrue(records.stream().allMatch(r -> r.getLevel() == Level.WARNING));
        assertEquals("Unhandled error in " + NoOnError.class.getName()
                + " (session fake-1), which has no @OnError method", records.get(0).getMessage());
        assertEquals("logged, not thrown", records.get(0).getThrown().getMessage());
        assertEquals(FailingOnError.class.getName() + ".error(Throwable) failed (session fake-1) while handling:"
                + " java.lang.IllegalStateException: first", records.get(1).getMessage());
        assertEquals("second", records.get(1).getThrown().getMessage());
        assertEquals("second", records.get(2).getThrown().getMessage());
    }

    // ------------------------------------------------------------------ path params not in the template

    public static class UnknownPathParams {
        final List<String> events = new ArrayList<>();

        @OnOpen
        public void open(@PathParam("missing") String s, @PathParam("gone") Integer i, @PathParam("id") long id) {
            events.add("open " + s + " " + i + " " + id);
        }
    }

    @Test
    void pathParamNamedNoVariableIsNull() throws DeploymentException {
        UnknownPathParams pojo = new UnknownPathParams();
        session.pathParameter("id", "12").pathParameter("missing", "not used: not a template variable");
        open(pojo, Set.of("id"), session);
        assertEquals(List.of("open null null 12"), pojo.events);
    }

    // ------------------------------------------------------------------ maxMessageSize

    public static class Sized {
        @OnMessage(maxMessageSize = 1000)
        public void text(String s) {
        }

        @OnMessage(maxMessageSize = 2000)
        public void binary(byte[] b) {
        }

        @OnMessage(maxMessageSize = 10)
        public void pong(PongMessage p) {
        }
    }

    public static class SizedPartial {
        @OnMessage(maxMessageSize = 1000)
        public void text(String s, boolean last) {
        }
    }

    @Test
    void maxMessageSizeIsRecordedAndAppliedToTheSession() throws DeploymentException {
        AnnotatedEndpointModel model = AnnotatedEndpointModel.of(Sized.class, true, Set.of());
        assertEquals(1000, model.maxMessageSize(MessageType.TEXT));
        assertEquals(2000, model.maxMessageSize(MessageType.BINARY));
        assertEquals(10, model.maxMessageSize(MessageType.PONG));
        model.newEndpoint(new Sized()).onOpen(session, CONFIG);
        assertEquals(1000, session.maxTextMessageBufferSize);
        assertEquals(2000, session.maxBinaryMessageBufferSize);

        AnnotatedEndpointModel partial = AnnotatedEndpointModel.of(SizedPartial.class, true, Set.of());
        assertEquals(-1, partial.maxMessageSize(MessageType.TEXT), "does not apply to partial messages");
        assertEquals(-1, partial.maxMessageSize(MessageType.BINARY), "no binary method");
        FakeSession other = new FakeSession();
        partial.newEndpoint(new SizedPartial()).onOpen(other, CONFIG);
        assertEquals(8192, other.maxTextMessageBufferSize);
        assertEquals(Set.of(MessageType.TEXT), partial.messageTypes());
    }

    // ------------------------------------------------------------------ inheritance

    public abstract static class Base<T> {
        final List<String> events = new ArrayList<>();

        @OnOpen
        public void open(Session s) {
            events.add("base open");
        }

        @OnMessage
        public void message(T t) {
            events.add("base message " + t);
        }

        @OnClose
        public void close() {
            events.add("base close");
        }

        @OnError
        public void error(Throwable t) {
            events.add("base error");
        }
    }

    /** Like the TCK's client endpoints: a generic base, overrides re-annotated (javac adds bridges). */
    public static class Derived extends Base<String> {
        @OnMessage
        @Override
        public void message(String s) {
            events.add("derived message " + s);
        }

        @OnOpen
        public void start() {
            events.add("derived open");
        }

        @Override
        public void close() { // not annotated: no @OnClose callback any more
            events.add("derived close");
        }
    }

    @Test
    void inheritedMethodsCountAndSubclassDeclarationsWin() throws DeploymentException {
        Derived pojo = new Derived();
        Endpoint endpoint = open(pojo, Set.of(), session);
        session.text("t");
        endpoint.onClose(session, BYE);
        endpoint.onError(session, new RuntimeException());
        assertEquals(List.of("derived open", "derived message t", "base error"), pojo.events);
    }

    // ------------------------------------------------------------------ odds and ends

    public static class StaticHandler {
        static final List<String> EVENTS = new ArrayList<>();

        @OnMessage
        public static String echo(String s) {
            EVENTS.add(s);
            return s;
        }
    }

    @Test
    void staticMethodsAreCalledToo() throws DeploymentException {
        open(new StaticHandler(), Set.of(), session);
        session.text("s");
        assertEquals(List.of("text:s"), session.sent);
        assertTrue(StaticHandler.EVENTS.contains("s"));
    }

    static class PackagePrivateClient {
        final List<String> events = new ArrayList<>();

        @OnMessage
        public void text(String s) {
            events.add(s);
        }
    }

    @Test
    void clientEndpointClassNeedNotBePublic() throws DeploymentException {
        PackagePrivateClient pojo = new PackagePrivateClient();
        AnnotatedEndpointModel.of(PackagePrivateClient.class, false, Set.of()).newEndpoint(pojo).onOpen(session, CONFIG);
        session.text("c");
        assertEquals(List.of("c"), pojo.events);
    }

    @Test
    void newEndpointChecksTheInstance() throws DeploymentException {
        AnnotatedEndpointModel model = AnnotatedEndpointModel.of(IntEcho.class, true, Set.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.newEndpoint("x"));
        assertEquals("java.lang.String is not an instance of " + IntEcho.class.getName(), e.getMessage());
        assertEquals(IntEcho.class, model.endpointClass());
        assertTrue(model.isServerSide());
    }
}
