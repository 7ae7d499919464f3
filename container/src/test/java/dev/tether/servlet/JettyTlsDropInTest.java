package dev.tether.servlet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import java.net.URI;
import java.nio.file.Path;

/** The drop-in contract in embedded Jetty 12 over wss (a keytool certificate made for the run). */
class JettyTlsDropInTest extends DropInContract {
    @TempDir
    static Path dir;
    static SelfSignedKeyStore keyStore;
    static EmbeddedJetty jetty;

    @BeforeAll
    static void start() throws Exception {
        keyStore = SelfSignedKeyStore.create(dir);
        jetty = new EmbeddedJetty(keyStore);
    }

    @AfterAll
    static void stop() throws Exception {
        if (jetty != null) {
            jetty.close();
        }
    }

    @Override
    URI ws(String path) {
        return jetty.uri(path);
    }

    @Override
    URI http(String path) {
        return jetty.httpUri(path);
    }

    @Override
    String upgradedDataUnsupported() {
        return EmbeddedJetty.UPGRADED_INPUT_ENDS_AT_ONCE;
    }

    @Override
    SSLContext clientTls() {
        return keyStore.clientContext();
    }
}
