package dev.tether.interop;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The server endpoint deployed on whichever side is the server (Tether or Tomcat): echoes text
 * and binary messages whole, reports pongs it receives, records how each session ends, and obeys
 * a few commands (text starting with {@link Interop#COMMAND}).
 */
public class EchoServerEndpoint extends Endpoint {
    static final BlockingQueue<CloseReason> CLOSES = new LinkedBlockingQueue<>();

    static final String EXTENSIONS = Interop.COMMAND + "extensions";
    static final String CLOSE = Interop.COMMAND + "close";
    static final String PING = Interop.COMMAND + "ping";
    static final String FRAGMENTS = Interop.COMMAND + "fragments";
    static final String SECURE = Interop.COMMAND + "secure";

    /** Configuration at {@code /echo}; a null configurator leaves the container's default. */
    static ServerEndpointConfig config(ServerEndpointConfig.Configurator configurator) {
        ServerEndpointConfig.Builder builder = ServerEndpointConfig.Builder.create(EchoServerEndpoint.class, "/echo");
        if (configurator != null) {
            builder.configurator(configurator);
        }
        return builder.build();
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.setMaxTextMessageBufferSize(Interop.BIG);
        session.setMaxBinaryMessageBufferSize(Interop.BIG);
        session.addMessageHandler(String.class, text -> {
            try {
                onText(session, text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        session.addMessageHandler(ByteBuffer.class, data -> {
            try {
                session.getBasicRemote().sendBinary(data);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        session.addMessageHandler(PongMessage.class, pong -> {
            try {
                session.getBasicRemote().sendText("pong:"
                        + StandardCharsets.UTF_8.decode(pong.getApplicationData().duplicate()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static void onText(Session session, String text) throws IOException {
        if (text.equals(EXTENSIONS)) {
            session.getBasicRemote().sendText("extensions:"
                    + String.join(",", Interop.names(session.getNegotiatedExtensions())));
        } else if (text.equals(CLOSE)) {
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(4001), "server says bye"));
        } else if (text.equals(PING)) {
            session.getBasicRemote().sendPing(ByteBuffer.wrap("server ping".getBytes(StandardCharsets.UTF_8)));
        } else if (text.equals(FRAGMENTS)) {
            session.getBasicRemote().sendText("server ", false);
            session.getBasicRemote().sendText("frag", false);
            session.getBasicRemote().sendText("ments ✓", true);
        } else if (text.equals(SECURE)) {
            session.getBasicRemote().sendText("secure:" + session.isSecure());
        } else {
            session.getBasicRemote().sendText(text);
        }
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        CLOSES.add(closeReason);
    }
}
