package dev.tether.bench.run;

import dev.tether.bench.Peer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every figure of every round, by row and peer, plus the cells that could not be measured
 * ("n/a": the peer lacks the feature; "ERR": it failed, with the reason kept for the report).
 * Rows keep the order in which they were first declared. Used from one thread.
 */
public final class Results {

    /** A table row: its label, unit, and which direction is better. */
    public record Row(String label, String unit, boolean higherIsBetter) {
    }

    private final Map<Row, Map<Peer, List<Double>>> values = new LinkedHashMap<>();
    private final Map<Row, Map<Peer, String>> notes = new LinkedHashMap<>();
    private final List<String> errors = new ArrayList<>();

    /** Declares a row so that it keeps its place even if no peer measures it first. */
    public void declare(Row row) {
        values.computeIfAbsent(row, r -> new EnumMap<>(Peer.class));
    }

    public void add(Row row, Peer peer, double value) {
        declare(row);
        values.get(row).computeIfAbsent(peer, p -> new ArrayList<>()).add(value);
    }

    /** Marks a cell as not applicable to the peer. */
    public void notApplicable(Row row, Peer peer) {
        declare(row);
        notes.computeIfAbsent(row, r -> new EnumMap<>(Peer.class)).put(peer, "n/a");
    }

    /** Marks a cell as failed and keeps why. */
    public void failed(Row row, Peer peer, String why) {
        declare(row);
        notes.computeIfAbsent(row, r -> new EnumMap<>(Peer.class)).put(peer, "ERR");
        errors.add(peer.label() + " / " + row.label() + ": " + why);
    }

    public List<Row> rows() {
        return new ArrayList<>(values.keySet());
    }

    /** The median over rounds, or NaN when nothing was measured. */
    public double median(Row row, Peer peer) {
        List<Double> list = values.getOrDefault(row, Map.of()).get(peer);
        if (list == null || list.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(list);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** "n/a", "ERR", or null when the cell has figures (or nothing at all). */
    public String note(Row row, Peer peer) {
        Map<Peer, String> map = notes.get(row);
        return map == null ? null : map.get(peer);
    }

    public List<String> errors() {
        return errors;
    }
}
