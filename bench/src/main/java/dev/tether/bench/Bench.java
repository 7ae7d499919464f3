package dev.tether.bench;

import dev.tether.bench.jmh.EngineBench;
import dev.tether.bench.run.Layout;
import dev.tether.bench.run.Machine;
import dev.tether.bench.run.Results;
import dev.tether.bench.run.Runner;
import dev.tether.bench.run.Settings;
import dev.tether.bench.run.Table;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * The command line: {@code java -jar tether-bench.jar [--quick] [--rounds N] [--only peer,...]
 * [--scenarios throughput,deflate,latency,handshake,idle] [--jvm "flags"]} runs the servers and
 * prints the table; {@code java -jar tether-bench.jar --jmh [--quick] [regex]} runs the engine's
 * JMH benchmarks instead (JMH's own command line: {@code java -cp tether-bench.jar org.openjdk.jmh.Main}).
 */
public final class Bench {
    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--jmh")) {
            EngineBench.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        Settings settings;
        try {
            settings = Settings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: java -jar tether-bench.jar [--quick] [--rounds N] [--only tether,tyrus,jetty,tomcat,"
                    + "undertow,netty,raw_tcp] [--scenarios throughput,deflate,latency,handshake,idle] [--jvm \"flags\"]"
                    + " | --jmh [--quick] [regex]");
            System.exit(2);
            return;
        }
        Instant start = Instant.now();
        String loadBefore = Machine.loadAverage();
        System.out.println("machine: " + Machine.describe());
        System.out.println("server JVM flags: " + String.join(" ", settings.jvmFlags()));
        System.out.println("load average before: " + loadBefore);
        Runner runner = new Runner(settings, Layout.detect(), System.out);
        Results results = runner.run();
        System.out.println();
        System.out.printf("Tether bench: %d round(s), medians; %d-%d ms warm-up + %d ms measured per figure"
                        + " (large messages longer); load average before %s, after %s; took %d s%n",
                settings.rounds(), settings.minWarmupNanos() / 1_000_000, settings.warmupNanos() / 1_000_000,
                settings.measureNanos() / 1_000_000,
                loadBefore, Machine.loadAverage(), Duration.between(start, Instant.now()).toSeconds());
        System.out.println("machine: " + Machine.describe());
        System.out.println("time by phase: " + runner.phases().summary());
        Table.print(results, settings.peers(), System.out);
        if (!results.errors().isEmpty()) {
            System.out.println();
            System.out.println("failures:");
            results.errors().forEach(e -> System.out.println("  " + e));
        }
    }
}
