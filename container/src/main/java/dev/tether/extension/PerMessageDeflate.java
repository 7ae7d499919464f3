package dev.tether.extension;

import dev.tether.handshake.ExtensionOffer;

import java.util.List;
import java.util.Optional;

/**
 * Negotiation of permessage-deflate (RFC 7692 §5, §7) for both sides.
 *
 * <p>The JDK's {@link java.util.zip.Deflater} always uses a 32 KiB (15-bit) window, so Tether
 * inflates whatever window a peer uses, and where the agreement limits its own window below 15
 * bits it compresses with Huffman codes only, which need no window (see {@link DeflateCodec}).
 * So a server accepts every window a client asks for, and a client may offer
 * {@code client_max_window_bits} and honour any value the server sets. Stateless; thread-safe.
 */
public final class PerMessageDeflate {
    private PerMessageDeflate() {
    }

    /**
     * The server's answer to a client's offers: the first acceptable one, agreed with the takeover
     * and server window parameters the client asked for; empty if none is acceptable (a
     * malformed offer).
     */
    public static Optional<DeflateParameters> accept(List<ExtensionOffer> offers) {
        for (ExtensionOffer offer : offers) {
            if (!DeflateParameters.NAME.equalsIgnoreCase(offer.name())) {
                continue;
            }
            DeflateParameters asked;
            try {
                asked = DeflateParameters.of(offer);
            } catch (IllegalArgumentException malformed) {
                continue;
            }
            return Optional.of(new DeflateParameters(asked.serverNoContextTakeover(), asked.clientNoContextTakeover(),
                    asked.serverMaxWindowBits(), 0));
        }
        return Optional.empty();
    }

    /**
     * Checks the server's agreement against the client's offers (RFC 7692 §7.1.2.2).
     *
     * @throws IllegalArgumentException if it is malformed, or sets {@code client_max_window_bits}
     *                                  without a value or when no offer had that parameter
     */
    public static DeflateParameters checkAgreement(ExtensionOffer response, List<ExtensionOffer> offered) {
        DeflateParameters agreed = DeflateParameters.of(response);
        if (agreed.clientMaxWindowBits() < 0) {
            throw new IllegalArgumentException("the server's client_max_window_bits has no value");
        }
        if (agreed.clientMaxWindowBits() > 0 && !offersClientWindow(offered)) {
            throw new IllegalArgumentException("the server set client_max_window_bits, which was not offered");
        }
        return agreed;
    }

    private static boolean offersClientWindow(List<ExtensionOffer> offered) {
        return offered.stream()
                .filter(o -> DeflateParameters.NAME.equalsIgnoreCase(o.name()))
                .flatMap(o -> o.params().stream())
                .anyMatch(p -> p.name().equalsIgnoreCase(DeflateParameters.CLIENT_MAX_WINDOW_BITS));
    }
}
