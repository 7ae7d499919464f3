package dev.tether.bench.run;

import dev.tether.bench.Peer;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * Prints {@link Results} as a fixed-width table: one column per peer with the median over the
 * rounds, then the ratio of Tether's median to each other peer's. Stateless.
 */
public final class Table {
    private static final int LABEL = 34;
    private static final int CELL = 10;

    private Table() {
    }

    public static void print(Results results, List<Peer> peers, PrintStream out) {
        List<Peer> others = peers.stream().filter(p -> p != Peer.TETHER).toList();
        boolean ratios = peers.contains(Peer.TETHER) && !others.isEmpty();
        StringBuilder header = new StringBuilder(pad("", LABEL)).append(pad("unit", 7));
        for (Peer peer : peers) {
            header.append(left(peer.label(), CELL));
        }
        if (ratios) {
            header.append(" |");
            for (Peer peer : others) {
                header.append(left("T/" + shortName(peer), CELL));
            }
        }
        out.println(header);
        out.println("-".repeat(header.length()));
        for (Results.Row row : results.rows()) {
            StringBuilder line = new StringBuilder(pad(row.label(), LABEL))
                    .append(pad(row.unit() + (row.higherIsBetter() ? "" : "↓"), 7));
            for (Peer peer : peers) {
                line.append(left(cell(results, row, peer), CELL));
            }
            if (ratios) {
                line.append(" |");
                double tether = results.median(row, Peer.TETHER);
                for (Peer peer : others) {
                    double value = results.median(row, peer);
                    line.append(left(Double.isNaN(tether) || Double.isNaN(value) || value == 0
                            ? "-" : String.format(Locale.ROOT, "%.2f", tether / value), CELL));
                }
            }
            out.println(line);
        }
        out.println("↓ lower is better (latency, memory); ratios are Tether / peer.");
    }

    private static String cell(Results results, Results.Row row, Peer peer) {
        double value = results.median(row, peer);
        if (!Double.isNaN(value)) {
            return format(value);
        }
        String note = results.note(row, peer);
        return note == null ? "-" : note;
    }

    static String format(double v) {
        double a = Math.abs(v);
        if (a >= 1e6) {
            return String.format(Locale.ROOT, "%.2fM", v / 1e6);
        }
        if (a >= 1e4) {
            return String.format(Locale.ROOT, "%.1fk", v / 1e3);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String shortName(Peer peer) {
        return switch (peer) {
            case RAW_TCP -> "raw";
            case NETTY -> "Netty";
            default -> peer.label();
        };
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
    }

    private static String left(String s, int width) {
        return s.length() >= width ? " " + s : " ".repeat(width - s.length()) + s;
    }
}
