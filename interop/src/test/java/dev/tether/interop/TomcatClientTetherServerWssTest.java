package dev.tether.interop;

/** {@link TomcatClientTetherServerTest} over {@code wss} with this run's self-signed certificate. */
class TomcatClientTetherServerWssTest extends TomcatClientTetherServerTest {
    @Override
    boolean tls() {
        return true;
    }
}
