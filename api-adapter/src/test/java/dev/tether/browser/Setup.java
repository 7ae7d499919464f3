package dev.tether.browser;

import jakarta.websocket.WebSocketContainer;

import java.util.List;

/**
 * One way of running a test: which Jakarta client container is under the adapter (Tether, or
 * Tyrus for the second run) and whether it goes over ws or wss. WPT's "Secure-" files are the
 * wss runs.
 */
enum Setup {
    TETHER_WS(false, false),
    TETHER_WSS(false, true),
    TYRUS_WS(true, false),
    TYRUS_WSS(true, true);

    final boolean tyrus;
    final boolean secure;

    Setup(boolean tyrus, boolean secure) {
        this.tyrus = tyrus;
        this.secure = secure;
    }

    static List<Setup> all() {
        return List.of(values());
    }

    static List<Setup> tetherAndTyrus() {
        return List.of(TETHER_WS, TYRUS_WS);
    }

    WebSocketContainer container() {
        return Env.get().container(tyrus);
    }

    /** The URL of a path on Tether's test server, ws or wss. */
    String url(String path) {
        Env env = Env.get();
        return (secure ? env.wss : env.ws).uri(path).toString();
    }

    /** The container, the test TLS trust, and the shared test event loop for events. */
    WebSocketOptions options() {
        Env env = Env.get();
        return WebSocketOptions.builder().container(container()).sslContext(env.clientSsl)
                .executor(env.loop.executor).build();
    }

    /**
     * Runs {@code action} as a task of the event loop the sockets' events run on, as a script
     * in a browser runs: no event fires while it runs, so {@code readyState} and
     * {@code bufferedAmount} change only by its own doing.
     */
    static void inTask(EventLoop.ThrowingRunnable action) throws Exception {
        Env.get().loop.run(action);
    }

    WebSocket open(String path, String... protocols) {
        return new WebSocket(url(path), List.of(protocols), options());
    }

    /**
     * Opens a socket on {@code path} and records its events, with {@code init} adding the test's
     * listeners, all in one task of the event loop (as a script does it): no event can fire
     * before the listeners are in place.
     */
    Recorder connect(String path, Init init, String... protocols) throws Exception {
        return connect(url(path), options(), init, protocols);
    }

    Recorder connect(String path, String... protocols) throws Exception {
        return connect(path, (ws, r) -> { }, protocols);
    }

    /** As {@link #connect(String, Init, String...)} for any URL and options. */
    static Recorder connect(String url, WebSocketOptions options, Init init, String... protocols) throws Exception {
        Recorder[] result = new Recorder[1];
        inTask(() -> {
            WebSocket ws = new WebSocket(url, List.of(protocols), options);
            result[0] = new Recorder(ws);
            init.accept(ws, result[0]);
        });
        return result[0];
    }

    /** Adds a test's listeners to a new socket. */
    interface Init {
        void accept(WebSocket ws, Recorder r) throws Exception;
    }

    @Override
    public String toString() {
        return (tyrus ? "tyrus " : "tether ") + (secure ? "wss" : "ws");
    }
}
