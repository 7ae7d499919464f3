package dev.tether.server;

import dev.tether.client.TetherClientContainer;
import dev.tether.it.EchoEndpoint;
import dev.tether.it.RecordingClient;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Session;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerMainTest {

    @Test
    void deploysTheNamedClassesUnderTheContextPath() throws Exception {
        Server server = ServerMain.start(new String[] {
                "--host", "127.0.0.1", "--port", "0", "--context-path", "/app", EchoEndpoint.class.getName()});
        try (TetherClientContainer client = new TetherClientContainer()) {
            assertTrue(server.uri("/echo").toString().endsWith("/app/echo"));
            RecordingClient endpoint = new RecordingClient();
            Session session = client.connectToServer(endpoint, server.uri("/echo"));
            session.getBasicRemote().sendText("via the command line");
            assertEquals("via the command line", endpoint.next());
            session.close();
            endpoint.awaitClose();
        } finally {
            server.stop();
        }
    }

    @Test
    void badArgumentsAreUsageErrors() {
        assertEquals("unknown option --bogus",
                assertThrows(ServerMain.UsageException.class, () -> ServerMain.start(new String[] {"--bogus"})).getMessage());
        assertEquals("class not found: no.Such",
                assertThrows(ServerMain.UsageException.class, () -> ServerMain.start(new String[] {"no.Such"})).getMessage());
        assertEquals("not a port: x",
                assertThrows(ServerMain.UsageException.class, () -> ServerMain.start(new String[] {"--port", "x"})).getMessage());
        assertEquals("--port needs a value",
                assertThrows(ServerMain.UsageException.class, () -> ServerMain.start(new String[] {"--port"})).getMessage());
        assertEquals("name at least one endpoint class",
                assertThrows(ServerMain.UsageException.class, () -> ServerMain.start(new String[] {"--port", "0"})).getMessage());
    }

    @Test
    void aClassThatIsNoEndpointFailsDeployment() {
        DeploymentException e = assertThrows(DeploymentException.class,
                () -> ServerMain.start(new String[] {"--port", "0", String.class.getName()}));
        assertTrue(e.getMessage().contains("java.lang.String"), e.getMessage());
    }
}
