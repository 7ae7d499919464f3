package dev.tether.servlet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import java.net.URI;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The drop-in contract in embedded Tomcat 11 over wss (a keytool certificate made for the run). */
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
}
