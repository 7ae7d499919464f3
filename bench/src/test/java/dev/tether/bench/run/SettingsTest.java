package dev.tether.bench.run;

import dev.tether.bench.Peer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsTest {
    @Test
    void readsTheOptions() {
        Settings s = Settings.parse(new String[] {"--quick", "--rounds", "2", "--only", "tether,Jetty",
                "--scenarios", "latency,idle", "--jvm", "-Xmx1g -XX:+UseParallelGC"});
        assertEquals(2, s.rounds());
        assertEquals(List.of(Peer.TETHER, Peer.JETTY), s.peers());
        assertEquals(Set.of(Settings.Kind.LATENCY, Settings.Kind.IDLE), s.kinds());
        assertEquals(List.of("-Xmx1g", "-XX:+UseParallelGC"), s.jvmFlags());
    }

    @Test
    void defaultsToEveryPeerAndThreeRounds() {
        Settings s = Settings.parse(new String[0]);
        assertEquals(3, s.rounds());
        assertEquals(List.of(Peer.values()), s.peers());
        assertTrue(s.minWarmupNanos() > 0 && s.minWarmupNanos() <= s.warmupNanos());
    }

    @Test
    void refusesUnknownOptions() {
        assertThrows(IllegalArgumentException.class, () -> Settings.parse(new String[] {"--fast"}));
        assertThrows(IllegalArgumentException.class, () -> Settings.parse(new String[] {"--rounds"}));
    }
}
