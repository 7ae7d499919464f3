package dev.tether.tck;

import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
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

class TetherDeployableContainerTest {
    private final TetherDeployableContainer container = new TetherDeployableContainer();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        container.stop();
    }

    private static HTTPContext context(ProtocolMetaData metaData) {
        return metaData.getContexts(HTTPContext.class).iterator().next();
    }

    private static URI ws(HTTPContext context, String path) {
        return URI.create(context.getServlets().get(0).getBaseURI().toString().replaceFirst("^http", "ws")
                + path.substring(1));
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

    @Test
    void reportsTheArchiveNameAsContextRoot() throws Exception {
        HTTPContext context = context(container.deploy(TestArchives.plain("ws_echo_web.war")));
        assertEquals("127.0.0.1", context.getHost());
        assertTrue(context.getPort() > 0);
        assertEquals(URI.create("http://127.0.0.1:" + context.getPort() + "/ws_echo_web/"),
                context.getServlets().get(0).getBaseURI());
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
    void aNegativeDeploymentStillHasAContextAndServesNothing() throws Exception {
        WebArchive war = TestArchives.invalid("negdep_web.war");
        HTTPContext context = context(container.deploy(war));
        assertTrue(container.deployment("negdep_web.war").failed());
        assertFails(ws(context, "/echo"), WebSocketHandshakeException.class);
        container.undeploy(war);
        assertNull(container.deployment("negdep_web.war"));
    }

    @Test
    void undeployReleasesThePort() throws Exception {
        WebArchive war = TestArchives.plain("gone_web.war");
        HTTPContext context = context(container.deploy(war));
        assertFalse(container.deployment("gone_web.war").failed());
        container.undeploy(war);
        assertFails(ws(context, "/echo"), ConnectException.class);
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
}
