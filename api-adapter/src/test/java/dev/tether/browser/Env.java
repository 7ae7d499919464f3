package dev.tether.browser;

import dev.tether.client.TetherClientContainer;
import dev.tether.server.Server;
import jakarta.websocket.WebSocketContainer;
import org.glassfish.tyrus.client.ClientManager;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The peers every test shares, started once per test run and stopped at its end: Tether's
 * server over ws and over wss (a self-signed certificate made with the JDK's keytool), Tether's
 * client container, and Tyrus's. Test classes get it with {@code @ExtendWith(Env.Start.class)}.
 */
final class Env implements ExtensionContext.Store.CloseableResource {
    private static final char[] PASSWORD = "changeit".toCharArray();
    private static volatile Env current;

    final Path dir;
    final SSLContext clientSsl;
    final Server ws;
    final Server wss;
    final TetherClientContainer tether;
    final ClientManager tyrus;
    /** The event loop every test socket's events run on, unless a test gives its own executor. */
    final EventLoop loop = new EventLoop();

    private Env() throws Exception {
        dir = Files.createTempDirectory("tether-browser-tests");
        Path keyStoreFile = dir.resolve("ks.p12");
        makeSelfSignedKeyStore(keyStoreFile);
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStoreFile)) {
            keyStore.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keyStore, PASSWORD);
        SSLContext serverSsl = SSLContext.getInstance("TLS");
        serverSsl.init(kmf.getKeyManagers(), null, null);

        KeyStore trustStore = KeyStore.getInstance("PKCS12");
        trustStore.load(null, null);
        trustStore.setCertificateEntry("tether", keyStore.getCertificate("tether"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trustStore);
        clientSsl = SSLContext.getInstance("TLS");
        clientSsl.init(null, tmf.getTrustManagers(), null);

        ws = TestEndpoints.register(Server.builder().host("127.0.0.1").port(0)).build();
        wss = TestEndpoints.register(Server.builder().host("127.0.0.1").port(0).sslContext(serverSsl)).build();
        ws.start();
        wss.start();
        tether = new TetherClientContainer();
        tyrus = ClientManager.createClient();
    }

    static Env get() {
        Env env = current;
        if (env == null) {
            throw new IllegalStateException("the test class needs @ExtendWith(Env.Start.class)");
        }
        return env;
    }

    private void makeSelfSignedKeyStore(Path keyStoreFile) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Path log = dir.resolve("keytool.log");
        Process process = new ProcessBuilder(List.of(keytool.toString(),
                "-genkeypair", "-keyalg", "EC", "-groupname", "secp256r1",
                "-alias", "tether", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keyStoreFile.toString(),
                "-storepass", "changeit", "-keypass", "changeit"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("keytool did not finish within 60 s");
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("keytool failed: " + Files.readString(log));
        }
    }

    WebSocketContainer container(boolean useTyrus) {
        return useTyrus ? tyrus : tether;
    }

    @Override
    public void close() throws Exception {
        current = null;
        loop.close();
        tyrus.shutdown();
        tether.close();
        ws.stop();
        wss.stop();
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
        }
        Files.deleteIfExists(dir);
    }

    /** Starts the environment once per run; JUnit closes it when the run ends. */
    static final class Start implements BeforeAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) {
            current = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                    .getOrComputeIfAbsent(Env.class, k -> {
                        try {
                            return new Env();
                        } catch (Exception e) {
                            throw new IllegalStateException("test environment did not start", e);
                        }
                    }, Env.class);
        }
    }
}
