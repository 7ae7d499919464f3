package dev.tether.browser;

import dev.tether.server.Server;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;
import java.nio.ByteBuffer;

/** The server side of the tests, on Tether's server: the WPT handlers the ported tests use. */
final class TestEndpoints {
    private TestEndpoints() {
    }

    static Server.Builder register(Server.Builder builder) {
        return builder.endpoint(Echo.class).endpoint(EchoExit.class).endpoint(Protocols.class)
                .endpoint(ServerClose.class).endpoint(Burst.class).endpoint(Greeting.class);
    }

    /** WPT {@code echo}: text and binary messages come back as they went. */
    @ServerEndpoint("/echo")
    public static class Echo {
        @OnMessage(maxMessageSize = 4 * 1024 * 1024)
        public String text(String message) {
            return message;
        }

        @OnMessage(maxMessageSize = 4 * 1024 * 1024)
        public ByteBuffer binary(ByteBuffer message) {
            return message;
        }
    }

    /** WPT {@code echo_exit}: any message makes the server start the closing handshake (1000). */
    @ServerEndpoint("/echo_exit")
    public static class EchoExit {
        @OnMessage
        public void text(String message, Session session) throws IOException {
            session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, ""));
        }
    }

    /** WPT {@code protocol_array} and friends: subprotocols echo and chat; answers "protocol?" with the chosen one. */
    @ServerEndpoint(value = "/protocols", subprotocols = {"echo", "chat"})
    public static class Protocols {
        @OnMessage
        public String text(String message, Session session) {
            return message.equals("protocol?") ? session.getNegotiatedSubprotocol() : message;
        }
    }

    /** The server closes with the code and reason the message names: {@code "3001 some reason"}. */
    @ServerEndpoint("/server_close")
    public static class ServerClose {
        @OnMessage
        public void text(String message, Session session) throws IOException {
            int space = message.indexOf(' ');
            int code = Integer.parseInt(space < 0 ? message : message.substring(0, space));
            String reason = space < 0 ? "" : message.substring(space + 1);
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
        }
    }

    /** {@code "burst N"} makes the server send N numbered text messages at once. */
    @ServerEndpoint("/burst")
    public static class Burst {
        @OnMessage
        public void text(String message, Session session) throws IOException {
            int n = Integer.parseInt(message.substring("burst ".length()));
            for (int i = 0; i < n; i++) {
                session.getBasicRemote().sendText("m" + i);
            }
        }
    }

    /** Sends "hello" as soon as it opens: a message that may arrive right behind the 101. */
    @ServerEndpoint("/greeting")
    public static class Greeting {
        @OnOpen
        public void open(Session session) throws IOException {
            session.getBasicRemote().sendText("hello");
        }
    }
}
