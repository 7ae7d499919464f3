package dev.tether.interop;

/** {@link TetherClientJettyServerTest} over {@code wss} with this run's self-signed certificate. */
class TetherClientJettyServerWssTest extends TetherClientJettyServerTest {
    @Override
    boolean tls() {
        return true;
    }
}
