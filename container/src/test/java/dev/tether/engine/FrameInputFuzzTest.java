package dev.tether.engine;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz targets for everything a peer's bytes reach after the handshake: the frame parser, the
 * message assembler with its UTF-8 validator and size limits, and the permessage-deflate
 * inflater, driven through a real {@link WebSocketConnection} in each role.
 *
 * <p>The invariant: no input makes the connection fail with anything but a protocol failure
 * (a {@link dev.tether.protocol.CloseException} with the code of the broken rule). An
 * unexpected exception on the read path becomes a 1011 close, which {@link FrameFuzzDriver}
 * turns back into the exception so that Jazzer reports it.
 *
 * <p>In an ordinary build these run once per seed in
 * {@code src/test/resources/dev/tether/engine/FrameInputFuzzTestInputs/<method>/} (regression
 * mode); {@code mvn -Pfuzz} fuzzes them for a bounded time (see the {@code fuzz} profile).
 * Input layout: see {@link FrameFuzzDriver#run}.
 */
class FrameInputFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void serverReadsClientFrames(byte[] input) {
        FrameFuzzDriver.run(input, false);
    }

    @FuzzTest(maxDuration = "60s")
    void clientReadsServerFrames(byte[] input) {
        FrameFuzzDriver.run(input, true);
    }
}
