package dev.tether.bench.load;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EchoRateTest {
    private static final long MS = 1_000_000L;

    @Test
    void oneAtATimeGivesTheTrueRateWhereverThePeriodsEdgesFall() {
        // An echo every 300 ms on one connection, a period of 1,000 ms: counting sees 3 or 4
        // echoes (3 or 4 per second); the interval between echoes says 3.33.
        EchoRate rate = new EchoRate(1, 0, 1000 * MS);
        for (long t = 250 * MS; t < 1200 * MS; t += 300 * MS) {
            rate.record(0, 1, t);
        }
        assertEquals(3, rate.total());
        assertEquals(1000.0 / 300, rate.perSecond(1), 1e-9);
    }

    @Test
    void connectionsRatesAreSummed() {
        EchoRate rate = new EchoRate(2, 0, 1000 * MS);
        for (long t = 100 * MS; t < 1000 * MS; t += 100 * MS) {
            rate.record(0, 1, t);
        }
        for (long t = 50 * MS; t < 1000 * MS; t += 200 * MS) {
            rate.record(1, 1, t);
        }
        assertEquals(10 + 5, rate.perSecond(1), 1e-9);
    }

    @Test
    void countsWhenAConnectionHasTooFewEchoes() {
        EchoRate rate = new EchoRate(2, 0, 1000 * MS);
        for (long t = 100 * MS; t < 1000 * MS; t += 100 * MS) {
            rate.record(0, 1, t);
        }
        rate.record(1, 1, 500 * MS);
        assertEquals(10, rate.perSecond(1), 1e-9);
    }

    @Test
    void countsWhenSeveralMessagesAreInFlight() {
        // Echoes in bursts of 4: the time between a burst's first and last echo says nothing.
        EchoRate rate = new EchoRate(1, 0, 1000 * MS);
        for (long t = 100 * MS; t < 1000 * MS; t += 250 * MS) {
            rate.record(0, 4, t);
        }
        assertEquals(16, rate.perSecond(4), 1e-9);
    }

    @Test
    void ignoresEchoesOutsideThePeriod() {
        EchoRate rate = new EchoRate(1, 100 * MS, 200 * MS);
        rate.record(0, 5, 99 * MS);
        rate.record(0, 5, 200 * MS);
        rate.record(0, 2, 150 * MS);
        assertEquals(2, rate.total());
        assertEquals(20, rate.perSecond(1), 1e-9);
    }

    @Test
    void refusesAnEmptyPeriod() {
        assertThrows(IllegalArgumentException.class, () -> new EchoRate(1, 5, 5));
    }
}
