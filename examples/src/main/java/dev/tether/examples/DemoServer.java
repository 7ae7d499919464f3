package dev.tether.examples;

import dev.tether.server.Server;
import jakarta.websocket.DeploymentException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.CountDownLatch;

/**
 * The Tether demo server: the first thing to run.
 *
 * <pre>
 * java -jar examples/target/tether-demo.jar [--host HOST] [--port PORT]
 * </pre>
 *
 * <p>It serves, on one port:
 * <ul>
 *   <li>{@code /} — a chat page for the browser ({@code index.html} next to this class);</li>
 *   <li>{@code /echo} — {@link EchoEndpoint}, every message sent straight back;</li>
 *   <li>{@code /chat/{room}} — {@link ChatEndpoint}, a chat room per path.</li>
 * </ul>
 *
 * <p>Once listening it prints one line saying where, then runs until the process is
 * stopped (Ctrl+C); a shutdown hook stops the server, which closes open sessions with
 * 1001 (going away). Bad options print the usage on standard error and exit with code 2;
 * failing to start (for example, the port is taken) exits with code 1.
 */
public final class DemoServer {

    /** Default address: only this machine can connect. */
    public static final String DEFAULT_HOST = "127.0.0.1";

    /** Default TCP port. */
    public static final int DEFAULT_PORT = 8080;

    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: java -jar tether-demo.jar [--host HOST] [--port PORT]",
            "",
            "Runs the Tether demo: a chat page at /, an echo endpoint at /echo",
            "and chat rooms at /chat/{room}. Stop it with Ctrl+C.",
            "",
            "Options:",
            "  --host HOST   address to listen on (default " + DEFAULT_HOST + "; 0.0.0.0 for every interface)",
            "  --port PORT   TCP port, 0 for any free one (default " + DEFAULT_PORT + ")",
            "  --help        print this help and exit");

    private DemoServer() {
    }

    /**
     * Builds the demo server with its endpoints and page, not yet started.
     *
     * @param host the address to listen on
     * @param port the TCP port, or 0 for any free one (see {@link Server#port()} after starting)
     * @return a server ready for {@link Server#start()}
     */
    public static Server create(String host, int port) {
        return Server.builder()
                .host(host)
                .port(port)
                .endpoint(EchoEndpoint.class)
                .endpoint(ChatEndpoint.class)
                .page("/", "text/html; charset=utf-8", indexPage())
                .build();
    }

    /**
     * Starts the demo and runs until the JVM shuts down.
     *
     * @param args command-line options, see {@link #USAGE}
     */
    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("tether-demo: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(USAGE);
            return;
        }

        Server server = create(options.host(), options.port());
        try {
            server.start();
        } catch (IOException | DeploymentException | RuntimeException e) {
            System.err.println("tether-demo: cannot listen on " + options.host() + ":" + options.port()
                    + ": " + e);
            try {
                server.stop();
            } catch (RuntimeException ignored) {
                // nothing was started
            }
            System.exit(1);
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.stop();
            } finally {
                stopped.countDown();
            }
        }, "tether-demo-shutdown"));

        System.out.println(listeningLine(server));

        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.stop();
        }
    }

    /** The one line printed once the server listens. */
    static String listeningLine(Server server) {
        String ws = server.uri("/").toString();                 // ws://host:port/
        String page = "http" + ws.substring(ws.indexOf(':'));   // http://host:port/
        return "Tether demo listening on " + page
                + " (echo at " + server.uri("/echo")
                + ", chat at " + server.uri("/chat/") + "{room})";
    }

    /** The chat page, read from the class path. */
    static byte[] indexPage() {
        try (InputStream in = DemoServer.class.getResourceAsStream("index.html")) {
            if (in == null) {
                throw new IllegalStateException("dev/tether/examples/index.html is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parsed command line.
     *
     * @param host the address to listen on
     * @param port the TCP port
     * @param help whether {@code --help} was given
     */
    record Options(String host, int port, boolean help) {

        /**
         * Reads {@code --host H}, {@code --port P} (also {@code --host=H}, {@code --port=P})
         * and {@code --help} ({@code -h}); a later option overrides an earlier one.
         *
         * @param args the command line
         * @return the options, with defaults for those not given
         * @throws IllegalArgumentException for an unknown option, a missing or bad value
         */
        static Options parse(String... args) {
            String host = DEFAULT_HOST;
            int port = DEFAULT_PORT;
            boolean help = false;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                String name = arg;
                String value = null;
                int eq = arg.indexOf('=');
                if (arg.startsWith("--") && eq > 0) {
                    name = arg.substring(0, eq);
                    value = arg.substring(eq + 1);
                }
                switch (name) {
                    case "--help", "-h" -> {
                        if (value != null) {
                            throw new IllegalArgumentException("--help takes no value");
                        }
                        help = true;
                    }
                    case "--host" -> {
                        if (value == null) {
                            value = valueAfter(args, i++, name);
                        }
                        host = value.strip();
                        if (host.isEmpty()) {
                            throw new IllegalArgumentException("--host needs an address");
                        }
                    }
                    case "--port" -> {
                        if (value == null) {
                            value = valueAfter(args, i++, name);
                        }
                        port = parsePort(value);
                    }
                    default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
                }
            }
            return new Options(host, port, help);
        }

        private static String valueAfter(String[] args, int i, String name) {
            if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            return args[i + 1];
        }

        private static int parsePort(String value) {
            int port;
            try {
                port = Integer.parseInt(value.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--port must be a number from 0 to 65535, not '" + value + "'");
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("--port must be a number from 0 to 65535, not '" + value + "'");
            }
            return port;
        }
    }
}
