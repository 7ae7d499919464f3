package dev.tether.endpoint;

import dev.tether.extension.DeflateConfig;
import dev.tether.extension.DeflateParameters;
import dev.tether.extension.PerMessageDeflate;
import dev.tether.handshake.ExtensionOffer;
import dev.tether.jakarta.Extensions;
import dev.tether.jakarta.TetherExtension;
import jakarta.websocket.Extension;
import jakarta.websocket.server.ServerEndpointConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The server's side of extension negotiation: the configurator chooses among what the client
 * offered, given the endpoint's extensions and the container's own (permessage-deflate when
 * enabled); for permessage-deflate Tether then works out the agreement itself (RFC 7692: the
 * first acceptable offer, with parameters it can honour), or drops it if none is acceptable.
 *
 * @param extensions the extensions for the 101 response and {@code getNegotiatedExtensions()}
 * @param deflate    the permessage-deflate agreement, or null
 */
public record ExtensionNegotiation(List<Extension> extensions, DeflateParameters deflate) {

    public static ExtensionNegotiation negotiate(ServerEndpointConfig config, List<ExtensionOffer> offered,
                                          DeflateConfig deflateConfig) {
        List<Extension> installed = new ArrayList<>(config.getExtensions());
        if (deflateConfig.enabled() && installed.stream().noneMatch(ExtensionNegotiation::isDeflate)) {
            installed.add(new TetherExtension(DeflateParameters.NAME, List.of()));
        }
        List<Extension> chosen = config.getConfigurator().getNegotiatedExtensions(installed,
                Extensions.toJakarta(offered));
        List<Extension> result = new ArrayList<>(chosen.size());
        DeflateParameters deflate = null;
        for (Extension extension : chosen) {
            if (!isDeflate(extension)) {
                result.add(extension);
            } else if (deflate == null && deflateConfig.enabled()) {
                Optional<DeflateParameters> agreed = PerMessageDeflate.accept(offered);
                if (agreed.isPresent()) {
                    deflate = agreed.get();
                    result.add(Extensions.toJakarta(List.of(deflate.toExtension())).get(0));
                }
            }
        }
        return new ExtensionNegotiation(result, deflate);
    }

    private static boolean isDeflate(Extension extension) {
        return DeflateParameters.NAME.equalsIgnoreCase(extension.getName());
    }
}
