package dev.tether.servlet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import javax.net.ssl.SSLContext;
import java.net.URI;

/** The drop-in contract in embedded Jetty 12 (EE 11 servlet container, no Jetty WebSocket) over ws. */
class JettyDropInTest extends DropInContract {
    static EmbeddedJetty jetty;

    @BeforeAll
    static void start() throws Exception {
        jetty = new EmbeddedJetty(null);
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
        return null;
    }
}
