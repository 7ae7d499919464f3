package dev.tether.interop;

/** {@link TetherClientTomcatServerTest} over {@code wss} with this run's self-signed certificate. */
class TetherClientTomcatServerWssTest extends TetherClientTomcatServerTest {
    @Override
    boolean tls() {
        return true;
    }
}
