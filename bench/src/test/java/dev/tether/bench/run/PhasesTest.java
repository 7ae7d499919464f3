package dev.tether.bench.run;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PhasesTest {

    @Test
    void sumsEachPhaseAndKeepsTheirOrder() {
        Phases phases = new Phases();
        phases.add("jvm start", 2_000_000_000L);
        phases.add("throughput", 10_000_000_000L);
        phases.add("jvm start", 1_000_000_000L);
        try (Phases.Timer t = phases.time("idle")) {
            // nothing: a phase that took no time still shows
        }
        assertEquals(3.0, phases.seconds("jvm start"), 1e-9);
        assertEquals(0.0, phases.seconds("latency"));
        assertEquals("jvm start 3 s, throughput 10 s, idle 0 s (total 13 s)", phases.summary());
    }
}
