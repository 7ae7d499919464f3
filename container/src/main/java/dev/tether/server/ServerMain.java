package dev.tether.server;

import jakarta.websocket.DeploymentException;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Command line: {@code java -cp tether-container.jar:app.jar dev.tether.server.ServerMain
 * [--host H] [--port P] [--context-path /app] com.example.EchoEndpoint ...} deploys the named
 * {@code @ServerEndpoint} classes from the class path and serves them until stopped (Ctrl-C).
 * Exit status 2 for bad arguments, 1 if deployment or binding fails.
 */
public final class ServerMain {
    private ServerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Server.Builder builder = Server.builder();
        List<Class<?>> endpoints = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--host" -> builder.host(value(args, ++i, "--host"));
                    case "--port" -> builder.port(Integer.parseInt(value(args, ++i, "--port")));
                    case "--context-path" -> builder.contextPath(value(args, ++i, "--context-path"));
                    case "-h", "--help" -> {
                        usage(System.out);
                        return;
                    }
                    default -> {
                        if (args[i].startsWith("-")) {
                            throw new IllegalArgumentException("unknown option " + args[i]);
                        }
                        endpoints.add(Class.forName(args[i]));
                    }
                }
            }
            if (endpoints.isEmpty()) {
                throw new IllegalArgumentException("name at least one endpoint class");
            }
        } catch (IllegalArgumentException | ClassNotFoundException e) {
            System.err.println("tether: " + (e instanceof ClassNotFoundException ? "class not found: " : "") + e.getMessage());
            usage(System.err);
            System.exit(2);
            return;
        }
        endpoints.forEach(builder::endpoint);
        Server server = builder.build();
        try {
            server.start();
        } catch (IOException | DeploymentException e) {
            System.err.println("tether: " + e.getMessage());
            System.exit(1);
            return;
        }
        System.out.println("Tether listening on " + server.uri("/") + " with " + endpoints.size() + " endpoint(s)");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            stopped.countDown();
        }, "tether-shutdown"));
        stopped.await();
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static void usage(PrintStream out) {
        out.println("usage: dev.tether.server.ServerMain [--host H] [--port P] [--context-path /p] EndpointClass...");
    }
}
