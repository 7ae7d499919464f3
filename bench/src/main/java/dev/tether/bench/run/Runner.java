package dev.tether.bench.run;

import dev.tether.bench.Peer;
import dev.tether.bench.load.EchoStream;
import dev.tether.bench.load.HandshakeLoad;
import dev.tether.bench.load.IdleLoad;
import dev.tether.bench.load.LatencyLoad;
import dev.tether.bench.load.Payloads;
import dev.tether.bench.load.Target;
import dev.tether.bench.load.ThroughputLoad;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs every selected peer through every selected scenario, round after round, rotating the
 * peers' order each round so that none always goes first. Each peer gets one fresh server JVM per
 * round for all the traffic scenarios, warmed up once with mixed traffic, and in the first round
 * another for the idle-connection scenario (which needs the peer's default buffer sizes). Where
 * the time goes is kept in {@link #phases()}. Failures are recorded per cell and the run goes on.
 */
public final class Runner {
    /** The largest message of the throughput cases is 1 MiB; servers are told to accept 2. */
    private static final int MAX_MESSAGE = 2 * 1024 * 1024;
    private static final int HANDSHAKE_CLIENTS = 16;
    private static final int[] CONNECTIONS = {1, 16, 256};

    /** One throughput case. */
    record Case(int size, int opcode, int window, int connections, boolean deflate) {
        String label() {
            String size = this.size >= 1024 * 1024 ? this.size / (1024 * 1024) + " MiB"
                    : this.size >= 1024 ? this.size / 1024 + " KiB" : this.size + " B";
            return String.format(Locale.ROOT, "%s%s %s x%d", deflate ? "deflate " : "", size,
                    opcode == EchoStream.TEXT ? "text" : "bin", connections);
        }

        /** Small messages are counted in messages per second, large ones in MiB/s. */
        boolean small() {
            return size <= 1024;
        }

        /**
         * How many times the usual warm-up and measured periods this case needs: with 256
         * connections of 1 MiB a single turn of every window is 256 MiB of echo, and a deflated
         * 1 MiB message takes tens of milliseconds each way. With one message in flight per
         * connection, {@link dev.tether.bench.load.EchoRate} times each connection's echoes, so
         * that a few per connection give a steady figure: twice the period is enough.
         */
        long scale() {
            if (deflate && size > 64 * 1024) {
                return 2;
            }
            return Math.max(1, (long) size * connections * window / (128L * 1024 * 1024));
        }

        Results.Row row() {
            return new Results.Row(label(), small() ? "msg/s" : "MiB/s", true);
        }
    }

    private final Settings settings;
    private final Layout layout;
    private final PrintStream log;
    private final Results results = new Results();
    private final Phases phases = new Phases();
    private int processCount;

    public Runner(Settings settings, Layout layout, PrintStream log) {
        this.settings = settings;
        this.layout = layout;
        this.log = log;
    }

    static List<Case> cases(boolean deflate) {
        List<Case> cases = new ArrayList<>();
        int[][] shapes = {{16, EchoStream.TEXT, 32}, {1024, EchoStream.TEXT, 16},
                {64 * 1024, EchoStream.BINARY, 4}, {1024 * 1024, EchoStream.BINARY, 1}};
        for (int[] shape : shapes) {
            // Compression runs at tens of MB/s: large deflated messages get a window of one.
            int window = deflate && shape[0] > 1024 ? 1 : shape[2];
            for (int connections : CONNECTIONS) {
                if (deflate && shape[0] > 1024 && connections > 16) {
                    // One turn of 256 such windows is 16-256 MiB through zlib at tens of MB/s on
                    // each side: longer than the whole run can give it.
                    continue;
                }
                cases.add(new Case(shape[0], shape[1], window, connections, deflate));
            }
        }
        return cases;
    }

    private static final Results.Row[] LATENCY = {
        new Results.Row("latency 16 B p50", "us", false),
        new Results.Row("latency 16 B p90", "us", false),
        new Results.Row("latency 16 B p99", "us", false),
        new Results.Row("latency 16 B p99.9", "us", false),
    };
    private static final Results.Row HANDSHAKES = new Results.Row("handshakes (open+close) x16", "/s", true);

    private static Results.Row idleHeap(int n) {
        return new Results.Row(String.format(Locale.ROOT, "idle %,d: heap per conn", n), "bytes", false);
    }

    private static Results.Row idleRss(int n) {
        return new Results.Row(String.format(Locale.ROOT, "idle %,d: RSS per conn", n), "bytes", false);
    }

    /** All the server JVM's live threads (not the added ones: a pool's idle threads count too). */
    private static Results.Row idleThreads(int n) {
        return new Results.Row(String.format(Locale.ROOT, "idle %,d: live threads", n), "thr", false);
    }

    /**
     * Threads added per 1,000 connections between the smallest and the largest idle count: 1,000
     * for a thread per connection, about 0 otherwise, whatever a pool kept from the handshakes.
     */
    private static Results.Row idleThreadSlope(int[] counts) {
        return new Results.Row(String.format(Locale.ROOT, "idle %,d->%,d: threads per 1k conns",
                counts[0], counts[counts.length - 1]), "thr", false);
    }

    /** Where the run's time went, by phase, summed over peers and rounds. */
    public Phases phases() {
        return phases;
    }

    /** Runs everything and returns the figures. */
    public Results run() throws InterruptedException {
        declareRows();
        List<Peer> order = new ArrayList<>(settings.peers());
        for (int round = 1; round <= settings.rounds(); round++) {
            log.printf(Locale.ROOT, "round %d/%d (load %s)%n", round, settings.rounds(), Machine.loadAverage());
            for (Peer peer : order) {
                long started = System.nanoTime();
                traffic(peer);
                // Idle memory hardly varies between rounds and costs the most time: first round only.
                if (settings.kinds().contains(Settings.Kind.IDLE) && round == 1) {
                    idle(peer);
                }
                log.printf(Locale.ROOT, "  %-9s done in %.0f s%n", peer.label(), (System.nanoTime() - started) / 1e9);
            }
            order.add(order.remove(0));
        }
        return results;
    }

    private void declareRows() {
        if (settings.kinds().contains(Settings.Kind.THROUGHPUT)) {
            cases(false).forEach(c -> results.declare(c.row()));
        }
        if (settings.kinds().contains(Settings.Kind.LATENCY)) {
            for (Results.Row row : LATENCY) {
                results.declare(row);
            }
        }
        if (settings.kinds().contains(Settings.Kind.HANDSHAKE)) {
            results.declare(HANDSHAKES);
        }
        if (settings.kinds().contains(Settings.Kind.IDLE)) {
            for (int n : settings.idleCounts()) {
                results.declare(idleHeap(n));
                results.declare(idleRss(n));
                results.declare(idleThreads(n));
            }
            if (settings.idleCounts().length > 1) {
                results.declare(idleThreadSlope(settings.idleCounts()));
            }
        }
        if (settings.kinds().contains(Settings.Kind.DEFLATE)) {
            cases(true).forEach(c -> results.declare(c.row()));
        }
    }

    private PeerProcess startServer(Peer peer, int maxMessage) throws Exception {
        try (Phases.Timer t = phases.time("jvm start")) {
            return PeerProcess.start(peer, layout, settings.jvmFlags(), maxMessage,
                    layout.logs().resolve(peer.name().toLowerCase(Locale.ROOT) + "-" + (++processCount) + ".log"));
        }
    }

    private void stopServer(PeerProcess server) {
        try (Phases.Timer t = phases.time("jvm stop")) {
            server.close();
        }
    }

    private void traffic(Peer peer) throws InterruptedException {
        List<Case> cases = new ArrayList<>();
        if (settings.kinds().contains(Settings.Kind.THROUGHPUT)) {
            cases.addAll(cases(false));
        }
        boolean deflate = settings.kinds().contains(Settings.Kind.DEFLATE);
        if (deflate) {
            cases.addAll(cases(true));
        }
        boolean latency = settings.kinds().contains(Settings.Kind.LATENCY);
        boolean handshakes = settings.kinds().contains(Settings.Kind.HANDSHAKE);
        if (!peer.websocket()) {
            // Figures that cannot exist without WebSocket: no server needed for them.
            cases.stream().filter(Case::deflate).forEach(c -> results.notApplicable(c.row(), peer));
            cases.removeIf(Case::deflate);
            if (handshakes) {
                results.notApplicable(HANDSHAKES, peer);
                handshakes = false;
            }
        }
        if (cases.isEmpty() && !latency && !handshakes) {
            return;
        }
        PeerProcess server;
        try {
            server = startServer(peer, MAX_MESSAGE);
        } catch (Exception e) {
            cases.forEach(c -> results.failed(c.row(), peer, e.toString()));
            return;
        }
        try {
            Target target = new Target(new InetSocketAddress("127.0.0.1", server.port()), peer.websocket());
            try (Phases.Timer t = phases.time("jvm warm-up")) {
                warmUp(target, deflate && peer.websocket());
            }
            for (Case c : cases) {
                try (Phases.Timer t = phases.time(c.deflate() ? "deflate" : "throughput")) {
                    measure(peer, server, c.row(), () -> {
                        ThroughputLoad.Result r = ThroughputLoad.run(target, c.connections(), Payloads.words(c.size()),
                                c.opcode(), c.window(), c.deflate(), settings.minWarmupNanos(),
                                settings.warmupNanos() * c.scale(), settings.measureNanos() * c.scale());
                        if (r == null) {
                            results.notApplicable(c.row(), peer);
                        } else {
                            results.add(c.row(), peer, c.small() ? r.messagesPerSecond() : r.mebibytesPerSecond());
                        }
                    });
                }
            }
            if (latency) {
                try (Phases.Timer t = phases.time("latency")) {
                    measure(peer, server, LATENCY[0], () -> {
                        LatencyLoad.Result r = LatencyLoad.run(target, settings.warmupNanos(), settings.measureNanos() * 2);
                        results.add(LATENCY[0], peer, r.p50());
                        results.add(LATENCY[1], peer, r.p90());
                        results.add(LATENCY[2], peer, r.p99());
                        results.add(LATENCY[3], peer, r.p999());
                    });
                }
            }
            if (handshakes) {
                try (Phases.Timer t = phases.time("handshake")) {
                    measure(peer, server, HANDSHAKES, () -> results.add(HANDSHAKES, peer,
                            HandshakeLoad.run(target, HANDSHAKE_CLIENTS, settings.warmupNanos(), settings.measureNanos())));
                }
            }
        } finally {
            stopServer(server);
        }
    }

    /**
     * Mixed traffic so that the first measured case does not pay for the JIT: small and large
     * messages, deflate when it will be measured (where the peer agrees to it), and handshakes
     * (whose code no other traffic warms: without them the handshake figure measured mostly how
     * fast each server's JIT compiles its handshake path).
     */
    private void warmUp(Target target, boolean deflate) {
        List<Case> shapes = new ArrayList<>(List.of(
                new Case(16, EchoStream.TEXT, 32, 16, false),
                new Case(1024, EchoStream.TEXT, 16, 16, false),
                new Case(64 * 1024, EchoStream.BINARY, 4, 16, false)));
        if (deflate) {
            shapes.add(new Case(1024, EchoStream.TEXT, 16, 16, true));
        }
        long each = settings.jvmWarmupNanos() / (shapes.size() + 1);
        try {
            for (Case c : shapes) {
                ThroughputLoad.run(target, c.connections(), Payloads.words(c.size()), c.opcode(), c.window(),
                        c.deflate(), 0, 0, each);
            }
            HandshakeLoad.run(target, HANDSHAKE_CLIENTS, 0, each);
        } catch (Exception e) {
            log.println("  warm-up failed: " + e);
        }
    }

    private interface Measurement {
        void run() throws Exception;
    }

    private void measure(Peer peer, PeerProcess server, Results.Row row, Measurement measurement) {
        if (!server.alive()) {
            results.failed(row, peer, "the server JVM has exited");
            return;
        }
        try {
            measurement.run();
        } catch (Exception e) {
            results.failed(row, peer, e.toString());
            log.println("  " + peer.label() + " / " + row.label() + ": " + e);
        }
    }

    private void idle(Peer peer) throws InterruptedException {
        int[] counts = settings.idleCounts();
        if (!peer.websocket()) {
            for (int n : counts) {
                results.notApplicable(idleHeap(n), peer);
                results.notApplicable(idleRss(n), peer);
                results.notApplicable(idleThreads(n), peer);
            }
            if (counts.length > 1) {
                results.notApplicable(idleThreadSlope(counts), peer);
            }
            return;
        }
        PeerProcess server;
        try {
            server = startServer(peer, 0);
        } catch (Exception e) {
            results.failed(idleHeap(counts[0]), peer, e.toString());
            return;
        }
        Target target = new Target(new InetSocketAddress("127.0.0.1", server.port()), true);
        IdleLoad idle = new IdleLoad(target);
        try (Phases.Timer t = phases.time("idle")) {
            // Loads the server's handshake and session classes before the baseline, and lets a
            // pool grow to what handshakes four at a time need, so that what it adds later is rare.
            idle.growTo(1_000);
            idle.dropAll();
            Thread.sleep(500);
            PeerProcess.Stats base = server.stats();
            PeerProcess.Stats smallest = null;
            for (int n : counts) {
                try {
                    idle.growTo(n);
                    Thread.sleep(500);
                    PeerProcess.Stats now = server.stats();
                    results.add(idleHeap(n), peer, (now.heapBytes() - base.heapBytes()) / (double) n);
                    results.add(idleRss(n), peer, (now.rssBytes() - base.rssBytes()) / (double) n);
                    results.add(idleThreads(n), peer, now.threads());
                    if (smallest == null) {
                        smallest = now;
                    } else if (n == counts[counts.length - 1]) {
                        results.add(idleThreadSlope(counts), peer,
                                threadsPerThousand(counts[0], smallest.threads(), n, now.threads()));
                    }
                } catch (Exception e) {
                    results.failed(idleHeap(n), peer, e.toString());
                    log.println("  " + peer.label() + " / idle " + n + ": " + e);
                    break;
                }
            }
        } catch (Exception e) {
            results.failed(idleHeap(counts[0]), peer, e.toString());
            log.println("  " + peer.label() + " / idle: " + e);
        } finally {
            // Nothing to learn from a graceful stop under 15,000 connections: end the server
            // first, then the client side goes without a close handshake to wait for.
            try (Phases.Timer t = phases.time("jvm stop")) {
                server.kill();
                idle.close();
            }
        }
    }

    /** Threads added per 1,000 connections from {@code n0} connections to {@code n1}. */
    static double threadsPerThousand(int n0, int threads0, int n1, int threads1) {
        return (threads1 - threads0) * 1000.0 / (n1 - n0);
    }
}
