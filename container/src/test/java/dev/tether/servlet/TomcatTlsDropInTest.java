package dev.tether.servlet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import java.net.URI;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The drop-in contract in embedded Tomcat 11 over wss (a keytool certificate made for the run),
 * and the JDK's own WebSocket client against it under load.
 */
class TomcatTlsDropInTest extends DropInContract {
    @TempDir
    static Path dir;
    static SelfSignedKeyStore keyStore;
    static EmbeddedTomcat tomcat;

    @BeforeAll
    static void start() throws Exception {
        keyStore = SelfSignedKeyStore.create(dir.resolve("tls"));
        tomcat = new EmbeddedTomcat(dir.resolve("tomcat"), keyStore);
        assertTrue(EmbeddedTomcat.isStarted(tomcat.deploy("/app", TestWebApp.explode(dir.resolve("app")))));
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
        return keyStore.clientContext();
    }

    /** The JDK's WebSocket client, an independent peer, under the same load as the contract's. */
    @Test
    void jdkClientUnderLoadLosesNothing() throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(keyStore.clientContext()).build();
        List<CompletableFuture<Void>> runs = new ArrayList<>();
        for (int s = 0; s < 32; s++) {
            int seed = s;
            runs.add(CompletableFuture.runAsync(() -> echoWithJdkClient(http, seed)));
        }
        for (CompletableFuture<Void> run : runs) {
            run.get(120, TimeUnit.SECONDS);
        }
    }

    private static void echoWithJdkClient(HttpClient http, int seed) {
        try {
            JdkRecorder recorder = new JdkRecorder();
            WebSocket ws = http.newWebSocketBuilder().buildAsync(tomcat.uri("/app/echo"), recorder).get(20, TimeUnit.SECONDS);
            Random random = new Random(seed);
            List<Object> sent = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                if (i % 2 == 0) {
                    String text = seed + ":" + i + ":" + "x".repeat(random.nextInt(2048));
                    ws.sendText(text, true).get(30, TimeUnit.SECONDS);
                    sent.add(text);
                } else {
                    byte[] data = new byte[random.nextInt(64 * 1024)];
                    random.nextBytes(data);
                    ws.sendBinary(ByteBuffer.wrap(data), true).get(30, TimeUnit.SECONDS);
                    sent.add(ByteBuffer.wrap(data));
                }
            }
            for (Object expected : sent) {
                assertEquals(expected, recorder.messages.poll(30, TimeUnit.SECONDS));
            }
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("session " + seed, e);
        }
    }

    /** Joins the JDK client's message parts and records whole messages. */
    private static final class JdkRecorder implements WebSocket.Listener {
        final LinkedBlockingQueue<Object> messages = new LinkedBlockingQueue<>();
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence part, boolean last) {
            text.append(part);
            if (last) {
                messages.add(text.toString());
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer part, boolean last) {
            byte[] bytes = new byte[part.remaining()];
            part.get(bytes);
            binary.writeBytes(bytes);
            if (last) {
                messages.add(ByteBuffer.wrap(binary.toByteArray()));
                binary.reset();
            }
            ws.request(1);
            return null;
        }
    }
}
