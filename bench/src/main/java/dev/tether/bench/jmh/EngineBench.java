package dev.tether.bench.jmh;

import dev.tether.bench.run.Machine;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the engine's JMH benchmarks (those of this package, or those matching a regular
 * expression) and prints each in GB/s beside the plain copy of the same size. Every benchmark
 * here but the header-only one processes {@code size} bytes per operation, so GB/s =
 * operations/s × size; the header-only one is printed in headers per second. Below the table it
 * repeats the rows that have a target (issue 7: the read path's single pass over a text payload,
 * unmask + UTF-8 validation + copy into the message, at least half the plain copy's rate) and
 * whether they meet it.
 */
public final class EngineBench {
    /** Benchmark (class.method) to the least ratio to the plain copy it should reach. */
    private static final Map<String, Double> TARGETS = Map.of("UnmaskBenchmark.unmaskValidateCopy", 0.5);

    private EngineBench() {
    }

    /** {@code [--quick] [regex]}. */
    public static void main(String[] args) throws RunnerException {
        boolean quick = false;
        String include = EngineBench.class.getPackageName() + "\\..*Benchmark";
        for (String arg : args) {
            if (arg.equals("--quick")) {
                quick = true;
            } else {
                include = arg;
            }
        }
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(include)
                .include(CopyBenchmark.class.getName())
                .forks(1)
                .warmupIterations(quick ? 1 : 3)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(quick ? 2 : 5)
                .measurementTime(TimeValue.seconds(1))
                .threads(1);
        System.out.println("machine: " + Machine.describe() + "; load average before: " + Machine.loadAverage());
        Collection<RunResult> results = new Runner(options.build()).run();
        Map<Integer, Double> copy = new HashMap<>();
        for (RunResult r : results) {
            if (r.getParams().getBenchmark().endsWith(".copy")) {
                copy.put(size(r), gigabytesPerSecond(r));
            }
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%-52s %7s %9s %9s%n", "benchmark", "size", "GB/s", "vs copy");
        for (RunResult r : results) {
            double rate = gigabytesPerSecond(r);
            Double ceiling = copy.get(size(r));
            String name = r.getParams().getBenchmark().substring(EngineBench.class.getPackageName().length() + 1);
            if (name.contains("HeaderOnly")) {
                // A header is a few bytes whatever the payload: a rate per operation, not per byte.
                System.out.printf(Locale.ROOT, "%-52s %7d %9.1f M headers/s%n", name, size(r),
                        r.getPrimaryResult().getScore() / 1e6);
                continue;
            }
            System.out.printf(Locale.ROOT, "%-52s %7d %9.2f %9s%n", name, size(r), rate,
                    ceiling == null ? "-" : String.format(Locale.ROOT, "%.2f", rate / ceiling));
        }
        System.out.println();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark().substring(EngineBench.class.getPackageName().length() + 1);
            Double target = TARGETS.get(name);
            Double ceiling = copy.get(size(r));
            if (target != null && ceiling != null) {
                double ratio = gigabytesPerSecond(r) / ceiling;
                System.out.printf(Locale.ROOT, "target %-44s %7d %9.2f x copy, target %.2f: %s%n", name, size(r),
                        ratio, target, ratio >= target ? "met" : "not met");
            }
        }
        System.out.println("load average after: " + Machine.loadAverage());
    }

    private static int size(RunResult r) {
        return Integer.parseInt(r.getParams().getParam("size"));
    }

    private static double gigabytesPerSecond(RunResult r) {
        double opsPerSecond = r.getPrimaryResult().getScore();
        String unit = r.getPrimaryResult().getScoreUnit();
        if (!unit.equals("ops/s")) {
            throw new IllegalStateException("unexpected unit " + unit);
        }
        return opsPerSecond * size(r) / 1e9;
    }
}
