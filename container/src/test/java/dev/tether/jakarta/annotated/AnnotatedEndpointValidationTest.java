package dev.tether.jakarta.annotated;

import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import org.junit.jupiter.api.Test;

import java.io.Reader;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every deployment rule: the exception names the class, the method and the rule. */
class AnnotatedEndpointValidationTest {
    private static final String T = AnnotatedEndpointValidationTest.class.getName() + "$";

    private static String rejectServer(Class<?> type, String... pathParams) {
        return assertThrows(DeploymentException.class,
                () -> AnnotatedEndpointModel.of(type, true, Set.of(pathParams))).getMessage();
    }

    private static String rejectClient(Class<?> type) {
        return assertThrows(DeploymentException.class,
                () -> AnnotatedEndpointModel.of(type, false, Set.of())).getMessage();
    }

    // ------------------------------------------------------------------ one method per role

    public static class TwoOnOpen {
        @OnOpen
        public void a(Session s) {
        }

        @OnOpen
        public void b() {
        }
    }

    public static class TwoOnClose {
        @OnClose
        public void a() {
        }

        @OnClose
        public void b(CloseReason r) {
        }
    }

    public static class TwoOnError {
        @OnError
        public void a(Throwable t) {
        }

        @OnError
        public void b(Session s, Throwable t) {
        }
    }

    @Test
    void atMostOneOpenCloseAndErrorMethod() {
        assertEquals(T + "TwoOnOpen.b(): @OnOpen is also on " + T + "TwoOnOpen.a(Session);"
                + " an endpoint may have only one @OnOpen method", rejectServer(TwoOnOpen.class));
        assertEquals(T + "TwoOnClose.b(CloseReason): @OnClose is also on " + T + "TwoOnClose.a();"
                + " an endpoint may have only one @OnClose method", rejectServer(TwoOnClose.class));
        assertEquals(T + "TwoOnError.b(Session, Throwable): @OnError is also on " + T + "TwoOnError.a(Throwable);"
                + " an endpoint may have only one @OnError method", rejectClient(TwoOnError.class));
    }

    public static class TwoText {
        @OnMessage
        public String echo(String s) {
            return s;
        }

        @OnMessage
        public String echo(String s, boolean last) {
            return s;
        }
    }

    public static class TwoTextPrimitive {
        @OnMessage
        public void a(String s) {
        }

        @OnMessage
        public void b(int i) {
        }
    }

    public static class TwoBinary {
        @OnMessage
        public void a(ByteBuffer b) {
        }

        @OnMessage
        public void b(byte[] b, Session s) {
        }
    }

    public static class TwoPong {
        @OnMessage
        public void a(PongMessage p) {
        }

        @OnMessage
        public void b(Session s, PongMessage p) {
        }
    }

    @Test
    void atMostOneMessageMethodPerType() {
        String tail = "; an endpoint may have only one @OnMessage method per message type (text, binary, pong)";
        assertEquals(T + "TwoText.echo(String, boolean): @OnMessage for text messages is also on "
                + T + "TwoText.echo(String)" + tail, rejectServer(TwoText.class));
        assertEquals(T + "TwoTextPrimitive.b(int): @OnMessage for text messages is also on "
                + T + "TwoTextPrimitive.a(String)" + tail, rejectServer(TwoTextPrimitive.class));
        assertEquals(T + "TwoBinary.b(byte[], Session): @OnMessage for binary messages is also on "
                + T + "TwoBinary.a(ByteBuffer)" + tail, rejectServer(TwoBinary.class));
        assertEquals(T + "TwoPong.b(Session, PongMessage): @OnMessage for pong messages is also on "
                + T + "TwoPong.a(PongMessage)" + tail, rejectClient(TwoPong.class));
    }

    // ------------------------------------------------------------------ @OnMessage parameters

    public static class StringAndInt {
        @OnMessage
        public String onMessage(String echo, int i) {
            return echo;
        }
    }

    public static class UnsupportedType {
        @OnMessage
        public void onMessage(BigDecimal d) {
        }
    }

    public static class ReaderMessage {
        @OnMessage
        public void onMessage(Reader r) {
        }
    }

    public static class PongWithLast {
        @OnMessage
        public void onMessage(PongMessage p, boolean last) {
        }
    }

    public static class IntWithLast {
        @OnMessage
        public void onMessage(int i, boolean last) {
        }
    }

    public static class TwoBooleans {
        @OnMessage
        public void onMessage(boolean b, boolean last) {
        }
    }

    public static class BoxedLast {
        @OnMessage
        public void onMessage(String s, Boolean last) {
        }
    }

    public static class NoMessage {
        @OnMessage
        public void onMessage(Session s) {
        }
    }

    public static class TwoSessions {
        @OnMessage
        public void onMessage(Session a, String s, Session b) {
        }
    }

    @Test
    void onMessageParameters() {
        assertEquals(T + "StringAndInt.onMessage(String, int): @OnMessage parameter int is neither the message,"
                + " a Session, a @PathParam nor a boolean last flag", rejectServer(StringAndInt.class));
        assertEquals(T + "UnsupportedType.onMessage(BigDecimal): @OnMessage message type BigDecimal has no decoder"
                + " (without one, String, Reader, ByteBuffer, byte[], InputStream, PongMessage, Java primitives"
                + " and their boxes are accepted)", rejectServer(UnsupportedType.class));
        assertDoesNotThrow(() -> AnnotatedEndpointModel.of(ReaderMessage.class, true, Set.of()));
        assertEquals(T + "PongWithLast.onMessage(PongMessage, boolean): @OnMessage boolean last flag is only"
                + " allowed with a String, ByteBuffer or byte[] message, not PongMessage", rejectServer(PongWithLast.class));
        assertEquals(T + "IntWithLast.onMessage(int, boolean): @OnMessage boolean last flag is only"
                + " allowed with a String, ByteBuffer or byte[] message, not int", rejectServer(IntWithLast.class));
        assertEquals(T + "TwoBooleans.onMessage(boolean, boolean): @OnMessage boolean last flag is only"
                + " allowed with a String, ByteBuffer or byte[] message, not boolean", rejectServer(TwoBooleans.class));
        assertEquals(T + "BoxedLast.onMessage(String, Boolean): @OnMessage parameter Boolean is neither the message,"
                + " a Session, a @PathParam nor a boolean last flag", rejectServer(BoxedLast.class));
        assertEquals(T + "NoMessage.onMessage(Session): @OnMessage has no message parameter",
                rejectServer(NoMessage.class));
        assertEquals(T + "TwoSessions.onMessage(Session, String, Session): @OnMessage has more than one Session parameter",
                rejectServer(TwoSessions.class));
    }

    // ------------------------------------------------------------------ lifecycle parameters

    public static class OpenWithString {
        @OnOpen
        public void onOpen(Session session, String thisShouldNotBeHere) {
        }
    }

    public static class OpenWithCloseReason {
        @OnOpen
        public void onOpen(CloseReason r) {
        }
    }

    public static class OpenWithTwoConfigs {
        @OnOpen
        public void onOpen(EndpointConfig a, EndpointConfig b) {
        }
    }

    public static class CloseWithThrowable {
        @OnClose
        public void onClose(Session s, Throwable t) {
        }
    }

    public static class ErrorWithoutThrowable {
        @OnError
        public void onError(Session s) {
        }
    }

    public static class ErrorWithTwoThrowables {
        @OnError
        public void onError(Throwable a, Throwable b) {
        }
    }

    public static class ErrorWithException {
        @OnError
        public void onError(Exception e) {
        }
    }

    @Test
    void lifecycleParameters() {
        assertEquals(T + "OpenWithString.onOpen(Session, String): @OnOpen parameter String is neither a Session,"
                + " an EndpointConfig nor a @PathParam", rejectServer(OpenWithString.class));
        assertEquals(T + "OpenWithCloseReason.onOpen(CloseReason): @OnOpen parameter CloseReason is neither a Session,"
                + " an EndpointConfig nor a @PathParam", rejectClient(OpenWithCloseReason.class));
        assertEquals(T + "OpenWithTwoConfigs.onOpen(EndpointConfig, EndpointConfig): @OnOpen has more than one"
                + " EndpointConfig parameter", rejectServer(OpenWithTwoConfigs.class));
        assertEquals(T + "CloseWithThrowable.onClose(Session, Throwable): @OnClose parameter Throwable is neither"
                + " a Session, a CloseReason nor a @PathParam", rejectServer(CloseWithThrowable.class));
        assertEquals(T + "ErrorWithoutThrowable.onError(Session): @OnError must have a Throwable parameter",
                rejectServer(ErrorWithoutThrowable.class));
        assertEquals(T + "ErrorWithTwoThrowables.onError(Throwable, Throwable): @OnError has more than one"
                + " Throwable parameter", rejectServer(ErrorWithTwoThrowables.class));
        assertEquals(T + "ErrorWithException.onError(Exception): @OnError parameter Exception is neither"
                + " a Session, a Throwable nor a @PathParam", rejectServer(ErrorWithException.class));
    }

    // ------------------------------------------------------------------ @PathParam

    public static class PathParamHolder {
        @OnOpen
        public void onOpen(Session session, @PathParam("arg") StringBuilder sb) {
        }
    }

    public static class PathParamOnClose {
        @OnClose
        public void onClose(@PathParam("arg") Object o) {
        }
    }

    public static class EmptyPathParam {
        @OnMessage
        public void onMessage(String s, @PathParam("") String p) {
        }
    }

    public static class PrimitivePathParamNotInTemplate {
        @OnError
        public void onError(Throwable t, @PathParam("id") int id) {
        }
    }

    public static class BoxAndStringPathParamsNotInTemplate {
        @OnMessage
        public void onMessage(@PathParam("id") Integer id, String s, @PathParam("name") String name) {
        }
    }

    @Test
    void pathParamRules() {
        assertEquals(T + "PathParamHolder.onOpen(Session, StringBuilder): @PathParam(\"arg\") StringBuilder:"
                + " a @PathParam parameter must be a String, a Java primitive or a box",
                rejectServer(PathParamHolder.class, "arg"));
        assertEquals(T + "PathParamOnClose.onClose(Object): @PathParam(\"arg\") Object:"
                + " a @PathParam parameter must be a String, a Java primitive or a box",
                rejectServer(PathParamOnClose.class, "arg"));
        assertEquals(T + "EmptyPathParam.onMessage(String, String): @PathParam(\"\") String:"
                + " the @PathParam value must not be empty", rejectServer(EmptyPathParam.class));
        assertEquals(T + "PrimitivePathParamNotInTemplate.onError(Throwable, int): @PathParam(\"id\") int:"
                + " the path template has no variable {id}, so its value would be null, which a primitive cannot hold",
                rejectServer(PrimitivePathParamNotInTemplate.class, "ID"));
        assertEquals(T + "PrimitivePathParamNotInTemplate.onError(Throwable, int): @PathParam(\"id\") int:"
                + " a client endpoint has no path parameters, so its value would be null, which a primitive cannot hold",
                rejectClient(PrimitivePathParamNotInTemplate.class));
        assertDoesNotThrow(() -> AnnotatedEndpointModel.of(PrimitivePathParamNotInTemplate.class, true, Set.of("id")));
        // Spec §4.3: a name that is no template variable is allowed and gives null.
        assertDoesNotThrow(() -> AnnotatedEndpointModel.of(BoxAndStringPathParamsNotInTemplate.class, true, Set.of()));
        assertDoesNotThrow(() -> AnnotatedEndpointModel.of(BoxAndStringPathParamsNotInTemplate.class, false, Set.of()));
    }

    // ------------------------------------------------------------------ methods and classes

    public static class ProtectedOpen {
        @OnOpen
        protected void onOpen() {
        }
    }

    public static class PrivateMessage {
        @OnMessage
        private void onMessage(String s) {
        }
    }

    static class PackagePrivateServer {
        @OnMessage
        public void onMessage(String s) {
        }
    }

    public abstract static class AbstractEndpoint {
        @OnMessage
        public void onMessage(String s) {
        }
    }

    public interface InterfaceEndpoint {
    }

    @Test
    void methodsAndClasses() {
        assertEquals(T + "ProtectedOpen.onOpen(): @OnOpen method must be public", rejectServer(ProtectedOpen.class));
        assertEquals(T + "PrivateMessage.onMessage(String): @OnMessage method must be public",
                rejectClient(PrivateMessage.class));
        assertEquals(T + "PackagePrivateServer: a server endpoint class must be public",
                rejectServer(PackagePrivateServer.class));
        assertDoesNotThrow(() -> AnnotatedEndpointModel.of(PackagePrivateServer.class, false, Set.of()),
                "the public rule is for server endpoints (spec 4.1)");
        assertEquals(T + "AbstractEndpoint: an endpoint class must be concrete (not abstract or an interface)",
                rejectServer(AbstractEndpoint.class));
        assertEquals(T + "InterfaceEndpoint: an endpoint class must be concrete (not abstract or an interface)",
                rejectClient(InterfaceEndpoint.class));
    }

    public static class TooLarge {
        @OnMessage(maxMessageSize = 3_000_000_000L)
        public void onMessage(String s) {
        }
    }

    public static class Negative {
        @OnMessage(maxMessageSize = -2)
        public void onMessage(byte[] b) {
        }
    }

    @Test
    void maxMessageSizeRange() {
        assertEquals(T + "TooLarge.onMessage(String): @OnMessage maxMessageSize 3000000000 is larger than"
                + " Integer.MAX_VALUE", rejectServer(TooLarge.class));
        assertEquals(T + "Negative.onMessage(byte[]): @OnMessage maxMessageSize -2 is negative; -1 means no limit",
                rejectServer(Negative.class));
    }

    // ------------------------------------------------------------------ inheritance

    public static class BadBase {
        @OnOpen
        public void open(String notAllowed) {
        }
    }

    public static class InheritsBadBase extends BadBase {
    }

    public static class OverridesBadBase extends BadBase {
        @Override
        public void open(String notAllowed) { // not annotated: the base's annotation no longer counts
        }
    }

    public static class TwoInBase {
        @OnMessage
        public void a(String s) {
        }

        @OnMessage
        public void b(String s, boolean last) {
        }
    }

    public static class ShadowsTwoInBase extends TwoInBase {
        @OnMessage
        public void mine(String s) {
        }
    }

    @Test
    void inheritedMethodsAreValidatedAndNamed() {
        assertEquals(T + "BadBase.open(String) (inherited by " + T + "InheritsBadBase): @OnOpen parameter String"
                + " is neither a Session, an EndpointConfig nor a @PathParam", rejectServer(InheritsBadBase.class));
        assertDoesNotThrow(() -> AnnotatedEndpointModel.of(OverridesBadBase.class, true, Set.of()));
        assertEquals(T + "TwoInBase.b(String, boolean) (inherited by " + T + "ShadowsTwoInBase): @OnMessage for text"
                + " messages is also on " + T + "TwoInBase.a(String) (inherited by " + T + "ShadowsTwoInBase);"
                + " an endpoint may have only one @OnMessage method per message type (text, binary, pong)",
                rejectServer(ShadowsTwoInBase.class), "two in one class are an error even when a subclass shadows them");
    }
}
