package dev.tether.bench.run;

import dev.tether.bench.load.EchoStream;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RunnerTest {

    @Test
    void threadsPerThousandConnections() {
        // A pool that kept its threads from the handshakes: nothing per connection.
        assertEquals(0.0, Runner.threadsPerThousand(5_000, 23, 15_000, 23));
        // A thread per connection.
        assertEquals(1000.0, Runner.threadsPerThousand(5_000, 5_020, 15_000, 15_020));
        assertEquals(0.3, Runner.threadsPerThousand(5_000, 20, 15_000, 23), 1e-9);
    }

    @Test
    void largeCasesGetLongerPeriods() {
        assertEquals(1, new Runner.Case(16, EchoStream.TEXT, 32, 256, false).scale());
        assertEquals(2, new Runner.Case(1024 * 1024, EchoStream.BINARY, 1, 256, false).scale());
        assertEquals(1, new Runner.Case(64 * 1024, EchoStream.BINARY, 4, 256, false).scale());
        assertEquals(1, new Runner.Case(64 * 1024, EchoStream.BINARY, 1, 16, true).scale());
        assertEquals(2, new Runner.Case(1024 * 1024, EchoStream.BINARY, 1, 16, true).scale());
    }

    @Test
    void largeDeflatedCasesStopAtSixteenConnections() {
        assertEquals(10, Runner.cases(true).size());
        assertEquals(12, Runner.cases(false).size());
    }
}
