package dev.tether.server;

import dev.tether.client.TetherClientContainer;
import dev.tether.it.EchoEndpoint;
import dev.tether.it.RecordingClient;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerLifecycleTest {

    @Test
    void stopClosesSessionsWithGoingAwayAndReleasesThePort() throws Exception {
        Server server = Server.builder().port(0).endpoint(EchoEndpoint.class).build();
        server.start();
        int port = server.port();
        try (TetherClientContainer client = new TetherClientContainer()) {
            RecordingClient first = new RecordingClient();
            RecordingClient second = new RecordingClient();
            client.connectToServer(first, server.uri("/echo"));
            client.connectToServer(second, server.uri("/echo"));
            server.stop();
            for (RecordingClient c : new RecordingClient[] {first, second}) {
                CloseReason reason = c.awaitClose();
                assertEquals(CloseReason.CloseCodes.GOING_AWAY, reason.getCloseCode());
                assertEquals("server stopping", reason.getReasonPhrase());
            }
        } finally {
            server.stop();
        }
        try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            assertEquals(port, again.getLocalPort());
        }
    }

    @ServerEndpoint("/bad")
    public static class InvalidEndpoint {
        @OnMessage
        public void one(String a) {
        }

        @OnMessage
        public void two(String b) {
        }
    }

    @Test
    void anInvalidEndpointFailsTheStartAndNothingIsServed() throws Exception {
        Server server = Server.builder().port(0).endpoint(EchoEndpoint.class).endpoint(InvalidEndpoint.class).build();
        DeploymentException e = assertThrows(DeploymentException.class, server::start);
        assertTrue(e.getMessage().contains(InvalidEndpoint.class.getName()), e.getMessage());
        assertThrows(IllegalStateException.class, server::port);
        server.stop();
    }

    @Test
    void twoEndpointsOnOnePathFailTheStart() {
        Server server = Server.builder().port(0).endpoint(EchoEndpoint.class).endpoint(EchoEndpoint.class).build();
        assertThrows(DeploymentException.class, server::start);
    }

    @Test
    void addEndpointAfterStartIsRefused() throws Exception {
        Server server = Server.builder().port(0).endpoint(EchoEndpoint.class).build();
        server.start();
        try {
            assertThrows(IllegalStateException.class, () -> server.container().addEndpoint(InvalidEndpoint.class));
        } finally {
            server.stop();
        }
    }
}
