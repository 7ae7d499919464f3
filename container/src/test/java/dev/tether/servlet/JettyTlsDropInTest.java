package dev.tether.servlet;

import dev.tether.it.SelfSignedKeyStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import java.nio.file.Path;

/** The drop-in contract in embedded Jetty 12 over wss (a keytool certificate made for the run). */
class JettyTlsDropInTest extends JettyDropInTest {
    @TempDir
    static Path dir;
    static SelfSignedKeyStore keyStore;

    /** Hides {@link JettyDropInTest#start()}: this class starts Jetty with TLS instead. */
    @BeforeAll
    static void start() throws Exception {
        keyStore = SelfSignedKeyStore.create(dir);
        jetty = new EmbeddedJetty(keyStore);
    }

    @Override
    SSLContext clientTls() {
        return keyStore.clientContext();
    }
}
