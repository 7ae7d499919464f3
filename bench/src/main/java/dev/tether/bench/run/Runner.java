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
 * peers' order each round so that none always goes first. Each peer gets a fresh server JVM per
 * round for the traffic scenarios and another for the idle-connection scenario (which needs the
 * peer's default buffer sizes). Failures are recorded per cell and the run goes on.
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
         * connections of 1 MiB a single turn of every window is 256 MiB of echo.
         */
        long scale() {
            if (deflate && size > 1024) {
                return 4;
            }
            return Math.max(1, (long) size * connections * window / (64L * 1024 * 1024));
        }

        Results.Row row() {
            return new Results.Row(label(), small() ? "msg/s" : "MiB/s", true);
        }
    }

    private final Settings settings;
    private final Layout layout;
    private final PrintStream log;
    private final Results results = new Results();
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

    private static Results.Row idleThreads(int n) {
        return new Results.Row(String.format(Locale.ROOT, "idle %,d: threads added", n), "thr", false);
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
        }
        if (settings.kinds().contains(Settings.Kind.DEFLATE)) {
            cases(true).forEach(c -> results.declare(c.row()));
        }
    }

    private PeerProcess startServer(Peer peer, int maxMessage) throws Exception {
        return PeerProcess.start(peer, layout, settings.jvmFlags(), maxMessage,
                layout.logs().resolve(peer.name().toLowerCase(Locale.ROOT) + "-" + (++processCount) + ".log"));
    }

    private void traffic(Peer peer) throws InterruptedException {
        List<Case> cases = new ArrayList<>();
        if (settings.kinds().contains(Settings.Kind.THROUGHPUT)) {
            cases.addAll(cases(false));
        }
        if (settings.kinds().contains(Settings.Kind.DEFLATE)) {
            cases.addAll(cases(true));
        }
        boolean latency = settings.kinds().contains(Settings.Kind.LATENCY);
        boolean handshakes = settings.kinds().contains(Settings.Kind.HANDSHAKE);
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
            warmUp(target);
            for (Case c : cases) {
                if (c.deflate() && !peer.websocket()) {
                    results.notApplicable(c.row(), peer);
                    continue;
                }
                measure(peer, server, c.row(), () -> {
                    ThroughputLoad.Result r = ThroughputLoad.run(target, c.connections(), Payloads.words(c.size()),
                            c.opcode(), c.window(), c.deflate(), settings.warmupNanos() * c.scale(),
                            settings.measureNanos() * c.scale());
                    if (r == null) {
                        results.notApplicable(c.row(), peer);
                    } else {
                        results.add(c.row(), peer, c.small() ? r.messagesPerSecond() : r.mebibytesPerSecond());
                    }
                });
            }
            if (latency) {
                measure(peer, server, LATENCY[0], () -> {
                    LatencyLoad.Result r = LatencyLoad.run(target, settings.warmupNanos(), settings.measureNanos() * 2);
                    results.add(LATENCY[0], peer, r.p50());
                    results.add(LATENCY[1], peer, r.p90());
                    results.add(LATENCY[2], peer, r.p99());
                    results.add(LATENCY[3], peer, r.p999());
                });
            }
            if (handshakes) {
                if (!peer.websocket()) {
                    results.notApplicable(HANDSHAKES, peer);
                } else {
                    measure(peer, server, HANDSHAKES, () -> results.add(HANDSHAKES, peer,
                            HandshakeLoad.run(target, HANDSHAKE_CLIENTS, settings.warmupNanos(), settings.measureNanos())));
                }
            }
        } finally {
            server.close();
        }
    }

    /** Mixed traffic so that the first measured case does not pay for the JIT. */
    private void warmUp(Target target) {
        long half = settings.jvmWarmupNanos() / 2;
        try {
            ThroughputLoad.run(target, 16, Payloads.words(1024), EchoStream.TEXT, 16, false, 0, half);
            ThroughputLoad.run(target, 16, Payloads.words(64 * 1024), EchoStream.BINARY, 4, false, 0, half);
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
        if (!peer.websocket()) {
            for (int n : settings.idleCounts()) {
                results.notApplicable(idleHeap(n), peer);
                results.notApplicable(idleRss(n), peer);
                results.notApplicable(idleThreads(n), peer);
            }
            return;
        }
        PeerProcess server;
        try {
            server = startServer(peer, 0);
        } catch (Exception e) {
            results.failed(idleHeap(settings.idleCounts()[0]), peer, e.toString());
            return;
        }
        Target target = new Target(new InetSocketAddress("127.0.0.1", server.port()), true);
        try (IdleLoad idle = new IdleLoad(target)) {
            // Loads the server's handshake and session classes before the baseline.
            idle.growTo(100);
            idle.dropAll();
            Thread.sleep(500);
            PeerProcess.Stats base = server.stats();
            for (int n : settings.idleCounts()) {
                try {
                    idle.growTo(n);
                    Thread.sleep(500);
                    PeerProcess.Stats now = server.stats();
                    results.add(idleHeap(n), peer, (now.heapBytes() - base.heapBytes()) / (double) n);
                    results.add(idleRss(n), peer, (now.rssBytes() - base.rssBytes()) / (double) n);
                    results.add(idleThreads(n), peer, now.threads() - base.threads());
                } catch (Exception e) {
                    results.failed(idleHeap(n), peer, e.toString());
                    log.println("  " + peer.label() + " / idle " + n + ": " + e);
                    break;
                }
            }
        } catch (Exception e) {
            results.failed(idleHeap(settings.idleCounts()[0]), peer, e.toString());
            log.println("  " + peer.label() + " / idle: " + e);
        } finally {
            server.close();
        }
    }
}
