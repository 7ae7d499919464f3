package dev.tether.bench.run;

import dev.tether.bench.Peer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * How long and how much to run, from the command line. Immutable.
 *
 * @param rounds        rounds over all peers; each figure is the median over them
 * @param jvmWarmupNanos mixed traffic right after each server JVM starts, not measured
 * @param minWarmupNanos the least unmeasured load at the start of each measurement
 * @param warmupNanos   the most unmeasured load at the start of each measurement (a throughput
 *                      case ends its warm-up sooner once every connection's window has turned)
 * @param measureNanos  the measured period of each measurement
 * @param idleCounts    the idle connection counts, ascending
 * @param kinds         which scenarios to run
 * @param peers         which servers, in the first round's order
 * @param jvmFlags      the flags of every server JVM
 */
public record Settings(int rounds, long jvmWarmupNanos, long minWarmupNanos, long warmupNanos, long measureNanos, int[] idleCounts,
                       Set<Kind> kinds, List<Peer> peers, List<String> jvmFlags) {

    /** The scenarios. */
    public enum Kind { THROUGHPUT, DEFLATE, LATENCY, HANDSHAKE, IDLE }

    /** The JVM flags every server gets unless {@code --jvm} says otherwise. */
    public static final List<String> DEFAULT_JVM_FLAGS = List.of("-Xms256m", "-Xmx2g", "-XX:+UseG1GC");

    private static final long MS = 1_000_000L;

    /**
     * Parses {@code [--quick] [--rounds N] [--only peer,...] [--scenarios kind,...] [--jvm "flags"]}.
     *
     * @throws IllegalArgumentException on anything else
     */
    public static Settings parse(String[] args) {
        boolean quick = false;
        Integer rounds = null;
        List<Peer> peers = new ArrayList<>(Arrays.asList(Peer.values()));
        Set<Kind> kinds = EnumSet.allOf(Kind.class);
        List<String> jvm = DEFAULT_JVM_FLAGS;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--rounds" -> rounds = Integer.parseInt(value(args, ++i));
                case "--only" -> {
                    peers.clear();
                    for (String name : value(args, ++i).split(",")) {
                        peers.add(Peer.parse(name.trim()));
                    }
                }
                case "--scenarios" -> {
                    kinds = EnumSet.noneOf(Kind.class);
                    for (String name : value(args, ++i).split(",")) {
                        kinds.add(Kind.valueOf(name.trim().toUpperCase(java.util.Locale.ROOT)));
                    }
                }
                case "--jvm" -> jvm = List.of(value(args, ++i).trim().split("\\s+"));
                default -> throw new IllegalArgumentException("unknown option: " + args[i]);
            }
        }
        if (quick) {
            return new Settings(rounds == null ? 1 : rounds, 1000 * MS, 50 * MS, 200 * MS, 500 * MS,
                    new int[] {5_000, 15_000}, kinds, peers, jvm);
        }
        return new Settings(rounds == null ? 3 : rounds, 2000 * MS, 100 * MS, 300 * MS, 1000 * MS,
                new int[] {5_000, 15_000}, kinds, peers, jvm);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }
}
