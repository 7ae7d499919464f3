package dev.tether.bench.server;

/**
 * One peer's echo server: {@code /echo} over WebSocket (or a plain TCP echo), bound to
 * 127.0.0.1. Implementations have a public no-argument constructor; {@link #start} and
 * {@link #stop} are called once each, from the same thread.
 */
public interface EchoServer {

    /** Binds {@code host:port} and serves until {@link #stop}; throws if it cannot. */
    void start(String host, int port) throws Exception;

    /** Releases the port and the server's threads. */
    void stop() throws Exception;
}
