package dev.tether.servlet;

import dev.tether.client.TetherClientContainer;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Session;
import org.apache.catalina.Context;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Deploying and undeploying web applications with Tether in embedded Tomcat 11: a failed
 * endpoint fails the whole application (also when its listener caught the exception), and
 * undeploying closes sessions with 1001 and leaves no thread, timer or class loader behind.
 */
class TomcatDeploymentTest {
    @TempDir
    static Path dir;
    static EmbeddedTomcat tomcat;
    static TetherClientContainer client;

    @BeforeAll
    static void start() throws Exception {
        tomcat = new EmbeddedTomcat(dir.resolve("tomcat"), null);
        client = new TetherClientContainer();
    }

    @AfterAll
    static void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (tomcat != null) {
            tomcat.close();
        }
    }

    @Test
    void anInvalidEndpointFailsTheWholeApplication() throws Exception {
        Context bad = tomcat.deploy("/bad", TestWebApp.explode(dir.resolve("bad"), "org.example.badapp"));
        try {
            assertFalse(EmbeddedTomcat.isStarted(bad), "the application must not start");
            assertThrows(DeploymentException.class, () -> client.connectToServer(new TextRecorder(),
                    ClientEndpointConfig.Builder.create().build(), tomcat.uri("/bad/echo")));
        } finally {
            tomcat.undeploy(bad);
        }
    }

    @Test
    void aDeploymentExceptionTheListenerCaughtStillFailsTheApplication() throws Exception {
        Context catching = tomcat.deploy("/catching", TestWebApp.explode(dir.resolve("catching"), "org.example.catchingapp"));
        try {
            assertFalse(EmbeddedTomcat.isStarted(catching), "the application must not start");
            assertThrows(DeploymentException.class, () -> client.connectToServer(new TextRecorder(),
                    ClientEndpointConfig.Builder.create().build(), tomcat.uri("/catching/echo")));
        } finally {
            tomcat.undeploy(catching);
        }
    }

    @Test
    void undeployClosesSessionsWith1001AndRedeployingLeaksNothing() throws Exception {
        Path docBase = TestWebApp.explode(dir.resolve("cycled"));
        List<WeakReference<ClassLoader>> loaders = new ArrayList<>();
        for (int round = 0; round < 15; round++) {
            Context app = tomcat.deploy("/cycled", docBase);
            assertTrue(EmbeddedTomcat.isStarted(app), "round " + round + " started");
            loaders.add(new WeakReference<>(app.getLoader().getClassLoader()));
            TextRecorder endpoint = new TextRecorder();
            Session session = client.connectToServer(endpoint, ClientEndpointConfig.Builder.create().build(),
                    tomcat.uri("/cycled/echo"));
            session.getBasicRemote().sendText("round " + round);
            assertEquals("round " + round, endpoint.next());

            tomcat.undeploy(app);
            // At once: Tomcat looks for threads an application left behind as soon as it has stopped.
            assertEquals(List.of(), cycledThreads(), "threads of the undeployed application, round " + round);
            assertEquals(CloseReason.CloseCodes.GOING_AWAY, endpoint.awaitClose().getCloseCode(), "round " + round);
        }
        for (int i = 0; i < 50 && loaders.stream().anyMatch(r -> r.get() != null); i++) {
            System.gc();
            Thread.sleep(100);
        }
        long alive = loaders.stream().filter(r -> r.get() != null).count();
        assertEquals(0, alive, "class loaders of undeployed applications still reachable");
    }

    private static List<String> cycledThreads() {
        return threadNames().stream().filter(n -> n.startsWith("tether-cycled")).toList();
    }

    private static List<String> threadNames() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).toList();
    }
}
