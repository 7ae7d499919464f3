package dev.tether.extension;

import dev.tether.handshake.ExtensionOffer;

import java.util.List;
import java.util.Optional;

/**
 * Negotiation of permessage-deflate (RFC 7692 §5, §7) for both sides.
 *
 * <p>The JDK's {@link java.util.zip.Deflater} always uses a 32 KiB (15-bit) window, so Tether
 * can inflate whatever window a peer uses but can only compress with 15 bits: a server declines
 * an offer that limits its window below 15, and a client offers no {@code client_max_window_bits}
 * (so the server cannot limit it). Stateless; thread-safe.
 */
public final class PerMessageDeflate {
    private PerMessageDeflate() {
    }

    /**
     * The server's answer to a client's offers: the first acceptable one, agreed with the takeover
     * parameters the client asked for; empty if none is acceptable (a malformed offer, or one
     * that limits the server's window below 15).
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
            if (asked.serverMaxWindowBits() > 0 && asked.serverMaxWindowBits() < 15) {
                continue;
            }
            return Optional.of(new DeflateParameters(asked.serverNoContextTakeover(), asked.clientNoContextTakeover(),
                    asked.serverMaxWindowBits(), 0));
        }
        return Optional.empty();
    }

    /**
     * A client's extension offers as Tether sends them: a permessage-deflate offer keeps its
     * parameters but {@code client_max_window_bits}, which would let the server ask for a
     * window the JDK cannot compress with. Other offers are unchanged.
     */
    public static List<ExtensionOffer> clientOffers(List<ExtensionOffer> offers) {
        List<ExtensionOffer> sent = new java.util.ArrayList<>(offers.size());
        for (ExtensionOffer offer : offers) {
            if (DeflateParameters.NAME.equalsIgnoreCase(offer.name())) {
                List<ExtensionOffer.Param> params = offer.params().stream()
                        .filter(p -> !p.name().equalsIgnoreCase(DeflateParameters.CLIENT_MAX_WINDOW_BITS))
                        .toList();
                sent.add(new ExtensionOffer(offer.name(), params));
            } else {
                sent.add(offer);
            }
        }
        return sent;
    }

    /**
     * Checks the server's agreement to the client's offer.
     *
     * @throws IllegalArgumentException if it is malformed or limits the client's window, which
     *                                  the client did not offer
     */
    public static DeflateParameters checkAgreement(ExtensionOffer response) {
        DeflateParameters agreed = DeflateParameters.of(response);
        if (agreed.clientMaxWindowBits() != 0) {
            throw new IllegalArgumentException("the server set client_max_window_bits, which was not offered");
        }
        return agreed;
    }
}
