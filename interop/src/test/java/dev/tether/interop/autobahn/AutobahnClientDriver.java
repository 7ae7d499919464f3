package dev.tether.interop.autobahn;

import dev.tether.client.TetherClientContainer;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Extension;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the Autobahn|Testsuite fuzzing server's cases against Tether's client: asks the server
 * for the number of cases, connects once per case and echoes every message (text as text,
 * binary as binary) until the server closes, then asks the server to write its reports.
 *
 * <p>The suite itself is not part of this repository; start {@code wstest -m fuzzingserver}
 * separately. Arguments: {@code [serverUri] [agent]}, default {@code ws://127.0.0.1:9001} and
 * {@code tether}. With {@code -Dautobahn.deflate=true} (the default) the client offers
 * permessage-deflate with {@code client_max_window_bits}, which sections 12 and 13 need.
 * {@code -Dautobahn.cases=first-last} runs a range of case numbers only.
 *
 * <p>Not a test: it has a main method and runs one case at a time on the calling thread.
 */
public final class AutobahnClientDriver {
    /** Above the largest message the suite sends (16 MiB in section 9). */
    private static final int MAX_MESSAGE = 64 * 1024 * 1024;
    /** The longest the suite takes for one case (section 12/13 cases allow 480 s). */
    private static final long CASE_TIMEOUT_SECONDS = 600;

    private final URI server;
    private final String agent;
    private final TetherClientContainer container = new TetherClientContainer();
    private final ClientEndpointConfig config;

    private AutobahnClientDriver(URI server, String agent, boolean deflate) {
        this.server = server;
        this.agent = agent;
        this.config = ClientEndpointConfig.Builder.create()
                .extensions(deflate ? List.of(new DeflateOffer()) : List.of())
                .build();
        container.setDefaultMaxTextMessageBufferSize(MAX_MESSAGE);
        container.setDefaultMaxBinaryMessageBufferSize(MAX_MESSAGE);
    }

    public static void main(String[] args) throws Exception {
        URI server = URI.create(args.length > 0 ? args[0] : "ws://127.0.0.1:9001");
        String agent = args.length > 1 ? args[1] : "tether";
        boolean deflate = Boolean.parseBoolean(System.getProperty("autobahn.deflate", "true"));
        AutobahnClientDriver driver = new AutobahnClientDriver(server, agent, deflate);
        try {
            driver.run(System.getProperty("autobahn.cases"));
        } finally {
            driver.container.close();
        }
    }

    private void run(String range) throws Exception {
        int count = Integer.parseInt(fetchCaseCount());
        int first = 1;
        int last = count;
        if (range != null && !range.isBlank()) {
            String[] bounds = range.split("-");
            first = Integer.parseInt(bounds[0]);
            last = Math.min(count, Integer.parseInt(bounds[bounds.length - 1]));
        }
        System.out.println("Autobahn fuzzing server has " + count + " cases; running " + first + " to " + last);
        for (int i = first; i <= last; i++) {
            CloseReason reason = runCase(i);
            System.out.println("case " + i + " closed: " + reason.getCloseCode().getCode() + " " + reason.getReasonPhrase());
        }
        EchoUntilClosed update = new EchoUntilClosed();
        connect(update, "/updateReports?agent=" + agent);
        update.closed.get(CASE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        System.out.println("reports updated");
    }

    private String fetchCaseCount() throws Exception {
        CompletableFuture<String> count = new CompletableFuture<>();
        Endpoint endpoint = new Endpoint() {
            @Override
            public void onOpen(Session session, EndpointConfig endpointConfig) {
                session.addMessageHandler(String.class, count::complete);
            }
        };
        Session session = container.connectToServer(endpoint, ClientEndpointConfig.Builder.create().build(),
                server.resolve("/getCaseCount"));
        try {
            return count.get(30, TimeUnit.SECONDS);
        } finally {
            session.close();
        }
    }

    private CloseReason runCase(int index) throws Exception {
        EchoUntilClosed echo = new EchoUntilClosed();
        try {
            connect(echo, "/runCase?case=" + index + "&agent=" + agent);
        } catch (IOException | jakarta.websocket.DeploymentException e) {
            return new CloseReason(CloseReason.CloseCodes.CLOSED_ABNORMALLY, "connect failed: " + e.getMessage());
        }
        try {
            return echo.closed.get(CASE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            return new CloseReason(CloseReason.CloseCodes.CLOSED_ABNORMALLY, "driver gave up waiting");
        }
    }

    private void connect(Endpoint endpoint, String pathAndQuery) throws Exception {
        container.connectToServer(endpoint, config, server.resolve(pathAndQuery));
    }

    /** Echoes every whole message back with the blocking remote, and completes when the session closes. */
    private static final class EchoUntilClosed extends Endpoint {
        final CompletableFuture<CloseReason> closed = new CompletableFuture<>();

        @Override
        public void onOpen(Session session, EndpointConfig endpointConfig) {
            session.setMaxTextMessageBufferSize(MAX_MESSAGE);
            session.setMaxBinaryMessageBufferSize(MAX_MESSAGE);
            session.addMessageHandler(String.class, text -> echo(session, () -> session.getBasicRemote().sendText(text)));
            session.addMessageHandler(ByteBuffer.class,
                    data -> echo(session, () -> session.getBasicRemote().sendBinary(data)));
        }

        @Override
        public void onClose(Session session, CloseReason closeReason) {
            closed.complete(closeReason);
        }

        @Override
        public void onError(Session session, Throwable thr) {
            // The suite provokes failures on purpose; the close that follows ends the case.
        }

        private static void echo(Session session, Send send) {
            try {
                send.run();
            } catch (IOException | RuntimeException e) {
                // The peer may already be closing: the case's result is decided by the suite.
            }
        }
    }

    @FunctionalInterface
    private interface Send {
        void run() throws IOException;
    }

    /** {@code permessage-deflate; client_max_window_bits}: the offer browsers send. */
    private static final class DeflateOffer implements Extension {
        @Override
        public String getName() {
            return "permessage-deflate";
        }

        @Override
        public List<Parameter> getParameters() {
            return List.of(new Parameter() {
                @Override
                public String getName() {
                    return "client_max_window_bits";
                }

                @Override
                public String getValue() {
                    return null;
                }
            });
        }
    }
}
