package dev.tether.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tether.handshake.ExtensionOffer.Param;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExtensionOfferTest {

    private static List<ExtensionOffer> parse(String... values) {
        return ExtensionOffer.parseAll(List.of(values));
    }

    @Test
    void parsesNamesParamsAndValues() {
        List<ExtensionOffer> offers = parse(
                "permessage-deflate; client_max_window_bits; server_max_window_bits=10, x-webkit-deflate-frame");
        assertEquals(List.of(
                new ExtensionOffer("permessage-deflate", List.of(
                        new Param("client_max_window_bits", null),
                        new Param("server_max_window_bits", "10"))),
                new ExtensionOffer("x-webkit-deflate-frame", List.of())), offers);
    }

    @Test
    void unquotesQuotedValuesWithEscapesCommasAndSemicolons() {
        List<ExtensionOffer> offers = parse("x; a=\"10\"; b=\"one, two; three\"; c=\"say \\\"hi\\\" \\\\ ok\", y");
        assertEquals(2, offers.size());
        ExtensionOffer x = offers.get(0);
        assertEquals("10", x.param("a").value());
        assertEquals("one, two; three", x.param("B").value());
        assertEquals("say \"hi\" \\ ok", x.param("c").value());
        assertNull(x.param("d"));
        assertEquals("y", offers.get(1).name());
    }

    @Test
    void toleratesWhitespaceAndEmptyElements() {
        List<ExtensionOffer> offers = parse("  a \t;\tp = 1 ;q ,, ,b  ", "", " , c");
        assertEquals(List.of(
                new ExtensionOffer("a", List.of(new Param("p", "1"), new Param("q"))),
                new ExtensionOffer("b"),
                new ExtensionOffer("c")), offers);
    }

    @Test
    void keepsOrderAcrossHeaders() {
        assertEquals(List.of("b", "a", "c"),
                parse("b, a", "c").stream().map(ExtensionOffer::name).toList());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "'a b'         | expected ',' or ';' at index 2 but found 'b'",
            "';p'          | expected extension name at index 0 but found ';'",
            "'a;'          | expected parameter name at index 2 but found end of value",
            "'a; p='       | expected parameter value at index 5 but found end of value",
            "'a; p=x y'    | expected ',' or ';' at index 7 but found 'y'",
            "'a; p=\"open' | unterminated quoted string in extension list",
            "'a(b)'        | expected ',' or ';' at index 1 but found '('",
    })
    void reportsWhatWasExpectedWhere(String value, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(value));
        assertEquals(message, e.getMessage());
    }

    @Test
    void writesBackQuotingOnlyWhatIsNotAToken() {
        ExtensionOffer offer = new ExtensionOffer("x", List.of(
                new Param("plain", "10"),
                new Param("flag"),
                new Param("spaced", "a b"),
                new Param("tricky", "say \"hi\" \\"),
                new Param("empty", "")));
        String header = offer.toHeaderValue();
        assertEquals("x; plain=10; flag; spaced=\"a b\"; tricky=\"say \\\"hi\\\" \\\\\"; empty=\"\"", header);
        assertEquals(List.of(offer), parse(header));
    }

    @Test
    void joinsAListForOneHeader() {
        assertEquals("a; p, b", ExtensionOffer.toHeaderValue(List.of(
                new ExtensionOffer("a", List.of(new Param("p"))), new ExtensionOffer("b"))));
        assertEquals("", ExtensionOffer.toHeaderValue(List.of()));
    }

    @Test
    void refusesNamesThatAreNotTokens() {
        assertThrows(IllegalArgumentException.class, () -> new ExtensionOffer("a b"));
        assertThrows(IllegalArgumentException.class, () -> new ExtensionOffer(""));
        assertThrows(IllegalArgumentException.class, () -> new Param("a=b"));
        assertThrows(IllegalArgumentException.class, () -> new Param("p", "a\r\nb"));
    }
}
