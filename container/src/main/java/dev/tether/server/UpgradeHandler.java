package dev.tether.server;

import dev.tether.endpoint.EndpointHandshake;
import dev.tether.endpoint.EndpointRegistration;
import dev.tether.endpoint.TetherServerContainer;
import dev.tether.endpoint.UriTemplateRouter;
import dev.tether.engine.SerialExecutor;
import dev.tether.handshake.HandshakeException;
import dev.tether.handshake.HttpHeadParser;
import dev.tether.handshake.HttpRequestHead;
import dev.tether.handshake.ServerHandshake;
import dev.tether.transport.Handover;
import dev.tether.transport.Transport;
import dev.tether.transport.TransportHandler;

import java.nio.ByteBuffer;

/**
 * The first phase of a server connection: reads the HTTP request head (bounded), then on the
 * container's executor (the configurator is application code) answers it: a page, a
 * rejection with its status, or 101 and a running WebSocket session.
 *
 * <p>Input that arrives after the head and before the 101 (which a client should not send)
 * is kept, up to a limit, and handed to the session. A client that does not complete its
 * request within the handshake timeout is disconnected.
 */
final class UpgradeHandler implements TransportHandler {
    private static final System.Logger LOG = System.getLogger(UpgradeHandler.class.getName());
    /** The default time a client has to send its whole request head. */
    static final java.time.Duration DEFAULT_HANDSHAKE_TIMEOUT = java.time.Duration.ofSeconds(30);
    private static final int MAX_EARLY_BYTES = 64 * 1024;

    private final Transport transport;
    private final ServerApp app;
    private final HttpHeadParser<HttpRequestHead> parser = HttpHeadParser.forRequests();
    private final HandshakeDeadlines.Deadline deadline;
    private final Handover handover = new Handover(MAX_EARLY_BYTES);
    private boolean headDone;
    /** The request was refused: whatever else arrives is dropped. */
    private boolean rejected;

    UpgradeHandler(Transport transport, ServerApp app) {
        this.transport = transport;
        this.app = app;
        this.deadline = app.handshakeDeadlines().start(transport::abort);
    }

    @Override
    public synchronized void onRead(ByteBuffer data) {
        if (handover.forward(data)) {
            return;
        }
        if (headDone) {
            keepEarly(data);
            return;
        }
        HttpRequestHead head;
        try {
            head = parser.parse(data);
        } catch (HandshakeException e) {
            headDone = true;
            rejected = true;
            reject(e);
            return;
        }
        if (head == null) {
            return;
        }
        headDone = true;
        app.handshakeDeadlines().done(deadline);
        keepEarly(data);
        app.container().runtime().executor().execute(() -> answer(head));
    }

    private void keepEarly(ByteBuffer data) {
        if (rejected) {
            data.position(data.limit());
        } else if (!handover.hold(data)) {
            rejected = true;
            transport.abort();
        }
    }

    @Override
    public void onClosed(Throwable cause) {
        app.handshakeDeadlines().done(deadline);
        // A client that leaves while the handshake is answered still ends its session (1006).
        handover.ended(cause);
    }

    /** Runs on the executor: decides what the request gets. */
    private void answer(HttpRequestHead head) {
        try {
            byte[] page = app.page(head);
            if (page != null) {
                transport.write(new ByteBuffer[] {ByteBuffer.wrap(page)}, failure -> transport.close());
                return;
            }
            upgrade(head);
        } catch (HandshakeException e) {
            reject(e);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "handshake failed for " + head.target(), e);
            reject(new HandshakeException(500, "the endpoint could not be started"));
        }
    }

    private void upgrade(HttpRequestHead head) {
        var match = app.route(head.path());
        if (match == null) {
            throw new HandshakeException(HandshakeException.NOT_FOUND, "no WebSocket endpoint at " + head.path());
        }
        ServerHandshakeRequest request = new ServerHandshakeRequest(head, transport.isSecure(), match.pathParameters());
        EndpointHandshake.Accepted accepted = EndpointHandshake.negotiate(app.container(), match, head, request,
                transport.isSecure());
        start(accepted);
    }

    /**
     * Writes the 101 and starts the session under this handler's lock, so that input arriving
     * once the client has seen the 101 waits here and then goes to the session, in order. The
     * session's {@code onOpen} then runs on this thread, once the lock is released: one thread
     * hand-off fewer per handshake.
     */
    private void start(EndpointHandshake.Accepted accepted) {
        byte[] response = accepted.response();
        EndpointHandshake.Opened opened = accepted.open(transport);
        SerialExecutor events = opened.connection().events();
        events.hold();
        try {
            synchronized (this) {
                transport.write(new ByteBuffer[] {ByteBuffer.wrap(response)}, failure -> { });
                handover.handTo(opened.connection(), early -> opened.connection().start(opened.session(), early));
            }
        } finally {
            events.releaseHere();
        }
    }

    private void reject(HandshakeException e) {
        app.handshakeDeadlines().done(deadline);
        byte[] response = ServerHandshake.rejectResponse(e);
        transport.write(new ByteBuffer[] {ByteBuffer.wrap(response)}, failure -> transport.close());
    }

    /** What the upgrade handler needs from the server: routing, pages, and the container. */
    interface ServerApp {
        TetherServerContainer container();

        /** The endpoint for a request path (with the context path), or null. */
        UriTemplateRouter.Match<EndpointRegistration> route(String path);

        /** A complete HTTP response if the request is a plain GET for a page, else null. */
        byte[] page(HttpRequestHead head);

        /** Where a connection's time to send its whole request head is kept: past it, it is disconnected. */
        HandshakeDeadlines handshakeDeadlines();
    }
}
