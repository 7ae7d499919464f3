package dev.tether.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Where the adapter on Tyrus's client behaves differently from the standard, for reasons in
 * Tyrus; each case is listed, with its reason, in the README (section "The browser's WebSocket, in Java").
 */
final class TyrusDifferences {
    private TyrusDifferences() {
    }

    /** Skips the rest of a test on Tyrus, naming the difference. */
    static void skipOnTyrus(Setup setup, String difference) {
        assumeFalse(setup.tyrus, "Tyrus difference: " + difference);
    }

    /**
     * The close reason of a close this side started. On Tether the event carries the peer's answer
     * (Tether's server, like WPT's, echoes code and reason); Tyrus reports whichever comes first,
     * its own close or the peer's answer.
     */
    static void assertOwnReason(Setup setup, String sent, CloseEvent close) {
        if (setup.tyrus) {
            assertTrue(close.reason().equals(sent) || close.reason().isEmpty(), close.reason());
        } else {
            assertEquals(sent, close.reason());
        }
    }
}
