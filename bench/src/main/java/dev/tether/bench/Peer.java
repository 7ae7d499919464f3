package dev.tether.bench;

import java.util.List;

/**
 * The servers under test: which class serves the echo, which jars (by their path in the
 * repository layout of {@code target/lib}) belong to the peer and to no other, and what the peer
 * can be measured on.
 */
public enum Peer {
    TETHER("Tether", "dev.tether.bench.server.TetherEchoServer", true, true,
            "dev/tether/", "org/glassfish/grizzly/"),
    TYRUS("Tyrus", "dev.tether.bench.server.TyrusEchoServer", true, true,
            "org/glassfish/tyrus/", "org/glassfish/grizzly/"),
    JETTY("Jetty", "dev.tether.bench.server.JettyEchoServer", true, true,
            "org/eclipse/jetty/", "org/ow2/asm/"),
    TOMCAT("Tomcat", "dev.tether.bench.server.TomcatEchoServer", true, true,
            "org/apache/tomcat/"),
    UNDERTOW("Undertow", "dev.tether.bench.server.UndertowEchoServer", true, true,
            "io/undertow/", "org/jboss/", "org/wildfly/", "io/smallrye/"),
    NETTY("Netty-WS", "dev.tether.bench.server.NettyWebSocketEchoServer", false, true,
            "io/netty/"),
    RAW_TCP("raw-TCP", "dev.tether.bench.server.RawTcpEchoServer", false, false,
            "io/netty/");

    /** Jars only the runner uses (JMH and its dependencies): on no server's class path. */
    public static final List<String> RUNNER_ONLY =
            List.of("org/openjdk/jmh/", "net/sf/jopt-simple/", "org/apache/commons/commons-math3/");

    private final String label;
    private final String serverClass;
    private final boolean jakarta;
    private final boolean websocket;
    private final List<String> ownJars;

    Peer(String label, String serverClass, boolean jakarta, boolean websocket, String... ownJars) {
        this.label = label;
        this.serverClass = serverClass;
        this.jakarta = jakarta;
        this.websocket = websocket;
        this.ownJars = List.of(ownJars);
    }

    /** The name printed in the table. */
    public String label() {
        return label;
    }

    /** The {@code EchoServer} implementation's class name. */
    public String serverClass() {
        return serverClass;
    }

    /** Whether this is a Jakarta WebSocket implementation (the peers the targets compare with). */
    public boolean jakarta() {
        return jakarta;
    }

    /** False for the raw TCP echo: no handshake, no frames of its own. */
    public boolean websocket() {
        return websocket;
    }

    /** Path prefixes, relative to {@code target/lib}, of the jars that belong to this peer. */
    public List<String> ownJars() {
        return ownJars;
    }

    /** The peer named on the command line, by label or constant name, case-insensitive. */
    public static Peer parse(String name) {
        for (Peer peer : values()) {
            if (peer.name().equalsIgnoreCase(name) || peer.label.equalsIgnoreCase(name)) {
                return peer;
            }
        }
        throw new IllegalArgumentException("unknown peer: " + name);
    }
}
