package dev.tether.servlet;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import org.apache.catalina.Context;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tether as the WebSocket implementation of a web application in embedded Tomcat 11 (its
 * servlet container only): Tomcat finds Tether's initializer and the application's endpoint
 * classes itself, as it would for a WAR with Tether's jar. Besides the contract, over ws:
 * authentication and the HTTP session.
 */
class TomcatDropInTest extends DropInContract {
    @TempDir
    static Path dir;
    static EmbeddedTomcat tomcat;
    static Context app;

    @BeforeAll
    static void start() throws Exception {
        tomcat = new EmbeddedTomcat(dir.resolve("tomcat"), null);
        app = tomcat.deploy("/app", TestWebApp.explode(dir.resolve("app")));
        assertTrue(EmbeddedTomcat.isStarted(app), "the application started");
    }

    @AfterAll
    static void stop() throws Exception {
        if (tomcat != null) {
            tomcat.close();
        }
    }

    @Override
    URI ws(String path) {
        return tomcat.uri(path);
    }

    @Override
    URI http(String path) {
        return tomcat.httpUri(path);
    }

    @Override
    SSLContext clientTls() {
        return null;
    }

    @Test
    void authenticatedSessionSeesItsUserAndClosesWith1008WhenItsHttpSessionEnds() throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString(
                (TestWebApp.USER + ":" + TestWebApp.PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(tomcat.httpUri("/app/secure/session/login"))
                .header("Authorization", basic).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, login.statusCode());
        String loginSession = login.body();

        ClientEndpointConfig config = ClientEndpointConfig.Builder.create().configurator(new ClientEndpointConfig.Configurator() {
            @Override
            public void beforeRequest(Map<String, List<String>> headers) {
                headers.put("Authorization", List.of(basic));
                headers.put("Cookie", List.of("JSESSIONID=" + loginSession));
            }
        }).build();
        TextRecorder endpoint = new TextRecorder();
        client.connectToServer(endpoint, config, tomcat.uri("/app/secure/whoami"));
        String[] who = endpoint.next().split(" ");
        assertEquals(TestWebApp.USER, who[0]);
        assertEquals("true", who[1], "in role " + TestWebApp.ROLE);
        // Tomcat gives an HTTP session a new id when it authenticates (session fixation protection).
        String httpSessionId = who[2];
        assertTrue(!httpSessionId.equals("-"), "the handshake saw the HTTP session");

        HttpResponse<String> logout = http.send(HttpRequest.newBuilder(tomcat.httpUri("/app/secure/session/logout"))
                .header("Authorization", basic).header("Cookie", "JSESSIONID=" + httpSessionId).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("bye", logout.body());
        assertEquals(CloseReason.CloseCodes.VIOLATED_POLICY, endpoint.awaitClose().getCloseCode());
    }

    @Test
    void addEndpointAfterTheApplicationStartedThrowsIllegalStateException() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(tomcat.httpUri("/app/late-add")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(IllegalStateException.class.getName(), response.body());
    }

    @Test
    void unauthenticatedHandshakeToAProtectedPathIsRefused() {
        assertThrows(DeploymentException.class, () -> connect(new TextRecorder(), "/app/secure/whoami"));
    }

}
