package dev.tether.server;

import jakarta.websocket.DeploymentException;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Command line: {@code java -cp tether-container.jar:<dependencies>:app.jar dev.tether.server.ServerMain
 * [--host H] [--port P] [--context-path /app] com.example.EchoEndpoint ...} deploys the named
 * {@code @ServerEndpoint} classes from the class path and serves them until stopped (Ctrl-C).
 * Exit status 2 for bad arguments, 1 if deployment or binding fails.
 */
public final class ServerMain {
    private ServerMain() {
    }

    /** Bad command-line arguments; the message says which. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length == 1 && (args[0].equals("-h") || args[0].equals("--help"))) {
            usage(System.out);
            return;
        }
        Server server;
        try {
            server = start(args);
        } catch (UsageException e) {
            System.err.println("tether: " + e.getMessage());
            usage(System.err);
            System.exit(2);
            return;
        } catch (IOException | DeploymentException e) {
            System.err.println("tether: " + e.getMessage());
            System.exit(1);
            return;
        }
        System.out.println("Tether listening on " + server.uri("/"));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            stopped.countDown();
        }, "tether-shutdown"));
        stopped.await();
    }

    /** Parses the arguments, deploys the endpoints and starts the server. */
    static Server start(String[] args) throws UsageException, IOException, DeploymentException {
        Server.Builder builder = Server.builder();
        List<Class<?>> endpoints = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--host" -> builder.host(value(args, ++i, "--host"));
                case "--port" -> builder.port(port(value(args, ++i, "--port")));
                case "--context-path" -> {
                    try {
                        builder.contextPath(value(args, ++i, "--context-path"));
                    } catch (IllegalArgumentException e) {
                        throw new UsageException(e.getMessage());
                    }
                }
                default -> {
                    if (args[i].startsWith("-")) {
                        throw new UsageException("unknown option " + args[i]);
                    }
                    endpoints.add(endpointClass(args[i]));
                }
            }
        }
        if (endpoints.isEmpty()) {
            throw new UsageException("name at least one endpoint class");
        }
        endpoints.forEach(builder::endpoint);
        Server server = builder.build();
        server.start();
        return server;
    }

    private static Class<?> endpointClass(String name) throws UsageException {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new UsageException("class not found: " + name);
        }
    }

    private static int port(String value) throws UsageException {
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new UsageException("not a port: " + value);
        }
    }

    private static String value(String[] args, int i, String option) throws UsageException {
        if (i >= args.length) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    private static void usage(PrintStream out) {
        out.println("usage: dev.tether.server.ServerMain [--host H] [--port P] [--context-path /p] EndpointClass...");
    }
}
