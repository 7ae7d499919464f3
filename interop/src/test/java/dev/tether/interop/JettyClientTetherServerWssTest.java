package dev.tether.interop;

/** {@link JettyClientTetherServerTest} over {@code wss} with this run's self-signed certificate. */
class JettyClientTetherServerWssTest extends JettyClientTetherServerTest {
    @Override
    boolean tls() {
        return true;
    }
}
