package dev.tether.servlet;

import dev.tether.endpoint.EndpointHandshake;
import dev.tether.jakarta.TetherSession;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.WebConnection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.function.Consumer;

/**
 * The servlet container's handler of an upgraded WebSocket connection: once the 101 has gone
 * out ({@link #init}), it starts Tether's engine and the endpoint's session over the
 * connection's non-blocking streams ({@link ServletTransport}).
 *
 * <p>The servlet container creates it through {@code HttpServletRequest.upgrade}, which needs a
 * public no-argument constructor; {@link ServletUpgrade} then prepares it before the request
 * returns. Called by the container's threads.
 */
public final class TetherUpgradeHandler implements HttpUpgradeHandler {
    private EndpointHandshake.Accepted accepted;
    private boolean secure;
    private InetSocketAddress local;
    private InetSocketAddress remote;
    private Consumer<TetherSession> onStart;
    /** A connection handed to {@link #init} before {@link #prepare}; guarded by this. */
    private WebConnection early;
    private volatile ServletTransport transport;

    /** For the servlet container; {@link ServletUpgrade} prepares the instance. */
    public TetherUpgradeHandler() {
    }

    synchronized void prepare(EndpointHandshake.Accepted accepted, boolean secure,
                              InetSocketAddress local, InetSocketAddress remote, Consumer<TetherSession> onStart) {
        this.accepted = accepted;
        this.secure = secure;
        this.local = local;
        this.remote = remote;
        this.onStart = onStart;
        if (early != null) {
            begin(early);
        }
    }

    /**
     * Starts the session. Some containers (Jetty 12's EE 10 servlets) call this from within
     * {@code request.upgrade}, before {@link ServletUpgrade} could prepare the handler; the
     * connection then waits for {@link #prepare}, which follows on the same request thread.
     */
    @Override
    public synchronized void init(WebConnection connection) {
        if (accepted == null) {
            early = connection;
            return;
        }
        begin(connection);
    }

    private void begin(WebConnection connection) {
        ServletTransport t;
        try {
            t = new ServletTransport(connection, secure, local, remote);
        } catch (IOException e) {
            throw new UncheckedIOException("the upgraded connection has no streams", e);
        }
        EndpointHandshake.Opened opened = accepted.open(t);
        accepted = null;
        early = null;
        // The engine holds what arrives before the endpoint's onOpen has returned.
        t.setHandler(opened.connection());
        t.start();
        transport = t;
        onStart.accept(opened.session());
        opened.connection().start(opened.session(), null);
    }

    /** The servlet container is done with the connection: the session ends (1006 if it was open). */
    @Override
    public void destroy() {
        ServletTransport t = transport;
        if (t != null) {
            t.ended(null);
        }
    }
}
