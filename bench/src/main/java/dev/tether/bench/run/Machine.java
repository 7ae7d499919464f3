package dev.tether.bench.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the machine is and how busy it is. Reads /proc; stateless. */
public final class Machine {
    private Machine() {
    }

    /** Cores, CPU model, JDK and OS on one line. */
    public static String describe() {
        String model = "unknown CPU";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    model = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (IOException ignored) {
            // keep "unknown"
        }
        return Runtime.getRuntime().availableProcessors() + " cores (" + model + "), JDK "
                + System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version")
                + ", " + System.getProperty("os.name") + " " + System.getProperty("os.version");
    }

    /** The 1, 5 and 15 minute load averages, as /proc/loadavg gives them. */
    public static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
