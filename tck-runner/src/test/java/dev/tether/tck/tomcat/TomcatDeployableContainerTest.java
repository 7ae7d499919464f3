package dev.tether.tck.tomcat;

import dev.tether.tck.TestArchives;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TomcatDeployableContainerTest {
    private final TomcatDeployableContainer container = new TomcatDeployableContainer();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() throws Exception {
        container.start();
    }

    @AfterEach
    void stop() {
        container.stop();
    }

    private static HTTPContext context(ProtocolMetaData metaData) {
        return metaData.getContexts(HTTPContext.class).iterator().next();
    }

    private static URI uri(HTTPContext context, String path) {
        return context.getServlets().get(0).getBaseURI().resolve(path.substring(1));
    }

    private static URI ws(HTTPContext context, String path) {
        return URI.create(uri(context, path).toString().replaceFirst("^http", "ws"));
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Sends one text and returns the first answer. */
    private String exchange(URI uri, String text) throws Exception {
        CompletableFuture<String> answer = new CompletableFuture<>();
        WebSocket socket = http.newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                answer.complete(data.toString());
                return null;
            }
        }).get(5, TimeUnit.SECONDS);
        socket.sendText(text, true).get(5, TimeUnit.SECONDS);
        String result = answer.get(5, TimeUnit.SECONDS);
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
        return result;
    }

    private void assertFails(URI uri, Class<? extends Throwable> cause) {
        ExecutionException e = assertThrows(ExecutionException.class, () ->
                http.newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() { }).get(5, TimeUnit.SECONDS));
        Throwable root = e.getCause();
        while (root.getCause() != null && !cause.isInstance(root)) {
            root = root.getCause();
        }
        assertInstanceOf(cause, root, () -> "got " + e.getCause());
    }

    @Test
    void reportsTheArchiveNameAsContextRoot() throws Exception {
        HTTPContext context = context(container.deploy(TestArchives.plain("ws_echo_web.war")));
        assertEquals("127.0.0.1", context.getHost());
        assertTrue(context.getPort() > 0);
        assertEquals("ws_echo_web", context.getServlets().get(0).getName());
        assertEquals(URI.create("http://127.0.0.1:" + context.getPort() + "/ws_echo_web/"),
                context.getServlets().get(0).getBaseURI());
    }

    @Test
    void servesTheArchivesStaticFiles() throws Exception {
        HTTPContext first = context(container.deploy(TestArchives.withStaticFile("first.war")));
        HTTPContext second = context(container.deploy(TestArchives.withStaticFile("second.war")));
        assertEquals(first.getPort(), second.getPort(), "one Tomcat for every deployment");
        HttpResponse<String> response = get(uri(first, "/hello.txt"));
        assertEquals(200, response.statusCode());
        assertEquals("hello from first.war", response.body());
        assertEquals("hello from second.war", get(uri(second, "/hello.txt")).body());
        assertEquals(404, get(uri(first, "/missing.txt")).statusCode());
    }

    @Test
    void anApplicationThatFailsToStartStillHasAContextAndServesNothing() throws Exception {
        WebArchive war = TestArchives.refusing("refused_web.war");
        HTTPContext context = context(container.deploy(war));
        assertEquals(URI.create("http://127.0.0.1:" + context.getPort() + "/refused_web/"),
                context.getServlets().get(0).getBaseURI());
        assertTrue(container.deployment("refused_web.war").failed());
        assertEquals(404, get(uri(context, "/hello.txt")).statusCode());
        container.undeploy(war);
        assertNull(container.deployment("refused_web.war"));
    }

    @Test
    void undeployRemovesTheApplicationAndItsFiles() throws Exception {
        WebArchive war = TestArchives.withStaticFile("gone_web.war");
        HTTPContext context = context(container.deploy(war));
        TomcatDeployment deployment = container.deployment("gone_web.war");
        assertFalse(deployment.failed());
        assertTrue(java.nio.file.Files.exists(deployment.directory()));
        container.undeploy(war);
        assertEquals(404, get(uri(context, "/hello.txt")).statusCode());
        assertFalse(java.nio.file.Files.exists(deployment.directory()));
    }

    @Test
    void redeployingAnArchiveReplacesIt() throws Exception {
        container.deploy(TestArchives.withStaticFile("again_web.war"));
        HTTPContext context = context(container.deploy(TestArchives.withStaticFile("again_web.war")));
        assertEquals("hello from again_web.war", get(uri(context, "/hello.txt")).body());
    }

    @Test
    void echoesThroughADeployedArchive() throws Exception {
        HTTPContext context = context(container.deploy(TestArchives.plain("ws_echo_web.war")));
        assertEquals("1:hello", exchange(ws(context, "/echo"), "hello"));
        assertEquals("HELLO", exchange(ws(context, "/upper"), "hello"));
        assertFails(ws(context, "/reverse"), WebSocketHandshakeException.class);
    }

    @Test
    void eachDeploymentHasItsOwnClasses() throws Exception {
        HTTPContext first = context(container.deploy(TestArchives.plain("first.war")));
        HTTPContext second = context(container.deploy(TestArchives.plain("second.war")));
        assertEquals("1:a", exchange(ws(first, "/echo"), "a"));
        assertEquals("2:b", exchange(ws(first, "/echo"), "b"));
        assertEquals("1:c", exchange(ws(second, "/echo"), "c"));
    }

    @Test
    void deploysWhatTheApplicationConfigChooses() throws Exception {
        HTTPContext context = context(container.deploy(TestArchives.withAppConfig("configured_web.war")));
        assertEquals("cba", exchange(ws(context, "/reverse"), "abc"));
        assertEquals("1:x", exchange(ws(context, "/echo"), "x"));
        assertFails(ws(context, "/upper"), WebSocketHandshakeException.class);
    }

    @Test
    void anInvalidEndpointFailsTheApplicationWithoutFailingTheDeployment() throws Exception {
        WebArchive war = TestArchives.invalid("negdep_web.war");
        HTTPContext context = context(container.deploy(war));
        assertTrue(container.deployment("negdep_web.war").failed());
        assertFails(ws(context, "/echo"), WebSocketHandshakeException.class);
    }

    @Test
    void stopReleasesThePort() throws Exception {
        HTTPContext context = context(container.deploy(TestArchives.withStaticFile("port_web.war")));
        container.stop();
        assertThrows(ConnectException.class, () -> get(uri(context, "/hello.txt")));
    }
}
