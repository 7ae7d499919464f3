package dev.tether.extension;

import dev.tether.handshake.ExtensionOffer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PerMessageDeflateTest {

    private static List<ExtensionOffer> offers(String header) {
        return ExtensionOffer.parseAll(List.of(header));
    }

    private static String agreed(String header) {
        return PerMessageDeflate.accept(offers(header)).map(p -> p.toExtension().toHeaderValue()).orElse("declined");
    }

    @Test
    void aBrowsersOfferIsAcceptedWithoutWindowParameters() {
        assertEquals("permessage-deflate", agreed("permessage-deflate; client_max_window_bits"));
    }

    @Test
    void takeoverParametersAreAgreedAsAsked() {
        assertEquals("permessage-deflate; server_no_context_takeover; client_no_context_takeover",
                agreed("permessage-deflate; server_no_context_takeover; client_no_context_takeover"));
    }

    @Test
    void theFirstAcceptableOfManyOffersWins() {
        assertEquals("permessage-deflate; server_max_window_bits=10",
                agreed("permessage-deflate; server_max_window_bits=16, permessage-deflate; server_max_window_bits=10,"
                        + " permessage-deflate"));
        assertEquals("permessage-deflate; server_max_window_bits=15",
                agreed("x-other, permessage-deflate; server_max_window_bits=15"));
    }

    @Test
    void everyServerWindowIsAcceptedAndAgreedAsAsked() {
        // Autobahn 13.3 and 13.5 ask for 9; the codec then compresses without back-references.
        assertEquals("permessage-deflate; server_max_window_bits=9", agreed("permessage-deflate; server_max_window_bits=9"));
        assertEquals("permessage-deflate; client_no_context_takeover; server_max_window_bits=8",
                agreed("permessage-deflate; client_no_context_takeover; client_max_window_bits; server_max_window_bits=8"));
    }

    @Test
    void offersThatAreMalformedAreDeclined() {
        assertEquals("declined", agreed("permessage-deflate; server_no_context_takeover; server_no_context_takeover"));
        assertEquals("declined", agreed("permessage-deflate; unknown_param"));
        assertEquals("declined", agreed("permessage-deflate; client_max_window_bits=16"));
        assertEquals("declined", agreed("permessage-deflate; client_max_window_bits=07"));
        assertEquals("declined", agreed("permessage-deflate; server_max_window_bits"));
        assertEquals("declined", agreed("permessage-deflate; server_max_window_bits=7"));
        assertEquals("declined", agreed("permessage-deflate; server_no_context_takeover=1"));
        assertEquals("declined", agreed("x-webkit-deflate-frame"));
    }

    @Test
    void eachRuleHasItsMessage() {
        assertEquals("permessage-deflate parameter server_no_context_takeover given twice",
                assertThrows(IllegalArgumentException.class, () -> DeflateParameters.of(
                        offers("permessage-deflate; server_no_context_takeover; server_no_context_takeover").get(0)))
                        .getMessage());
        assertEquals("permessage-deflate parameter client_max_window_bits must be 8 to 15, not 16",
                assertThrows(IllegalArgumentException.class, () -> DeflateParameters.of(
                        offers("permessage-deflate; client_max_window_bits=16").get(0))).getMessage());
    }

    @Test
    void theClientAcceptsAWindowLimitOnlyWhenItOfferedOne() {
        List<ExtensionOffer> bare = offers("permessage-deflate");
        List<ExtensionOffer> withWindow = offers("permessage-deflate; client_max_window_bits");
        assertEquals("the server set client_max_window_bits, which was not offered",
                assertThrows(IllegalArgumentException.class, () -> PerMessageDeflate.checkAgreement(
                        offers("permessage-deflate; client_max_window_bits=10").get(0), bare)).getMessage());
        assertEquals(10, PerMessageDeflate.checkAgreement(
                offers("permessage-deflate; client_max_window_bits=10").get(0), withWindow).clientMaxWindowBits());
        assertThrows(IllegalArgumentException.class, () -> PerMessageDeflate.checkAgreement(
                offers("permessage-deflate; client_max_window_bits").get(0), withWindow));
        DeflateParameters agreed = PerMessageDeflate.checkAgreement(
                offers("permessage-deflate; server_max_window_bits=10").get(0), bare);
        assertEquals(10, agreed.serverMaxWindowBits());
    }

    @Test
    void noOfferNoAgreement() {
        assertEquals(Optional.empty(), PerMessageDeflate.accept(List.of()));
        assertTrue(PerMessageDeflate.accept(offers("permessage-deflate")).isPresent());
    }
}
