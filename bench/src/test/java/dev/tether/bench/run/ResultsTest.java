package dev.tether.bench.run;

import dev.tether.bench.Peer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultsTest {
    private static final Results.Row ROW = new Results.Row("16 B text x1", "msg/s", true);

    @Test
    void theMedianIsTheMiddleFigure() {
        Results results = new Results();
        for (double v : new double[] {5, 1, 100}) {
            results.add(ROW, Peer.TETHER, v);
        }
        assertEquals(5, results.median(ROW, Peer.TETHER));
        results.add(ROW, Peer.TETHER, 7);
        assertEquals(6, results.median(ROW, Peer.TETHER));
        assertTrue(Double.isNaN(results.median(ROW, Peer.JETTY)));
    }

    @Test
    void theTableShowsMediansRatiosAndNotes() {
        Results results = new Results();
        results.add(ROW, Peer.TETHER, 300_000);
        results.add(ROW, Peer.JETTY, 100_000);
        results.failed(ROW, Peer.TOMCAT, "refused");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Table.print(results, List.of(Peer.TETHER, Peer.JETTY, Peer.TOMCAT), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String table = bytes.toString(StandardCharsets.UTF_8);
        String line = table.lines().filter(l -> l.startsWith("16 B text x1")).findFirst().orElseThrow();
        assertTrue(line.contains("300.0k") && line.contains("100.0k") && line.contains("ERR") && line.contains("3.00"), line);
        assertEquals(List.of("Tomcat / 16 B text x1: refused"), results.errors());
    }
}
