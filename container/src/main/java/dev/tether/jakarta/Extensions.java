package dev.tether.jakarta;

import dev.tether.handshake.ExtensionOffer;
import jakarta.websocket.Extension;

import java.util.ArrayList;
import java.util.List;

/** Converts between the handshake's extension offers and Jakarta {@link Extension}s. */
public final class Extensions {
    private Extensions() {
    }

    public static List<Extension> toJakarta(List<ExtensionOffer> offers) {
        List<Extension> result = new ArrayList<>(offers.size());
        for (ExtensionOffer offer : offers) {
            List<Extension.Parameter> params = new ArrayList<>();
            for (ExtensionOffer.Param p : offer.params()) {
                params.add(new TetherExtension.Parameter(p.name(), p.value()));
            }
            result.add(new TetherExtension(offer.name(), params));
        }
        return result;
    }

    public static List<ExtensionOffer> toOffers(List<Extension> extensions) {
        List<ExtensionOffer> result = new ArrayList<>(extensions.size());
        for (Extension e : extensions) {
            List<ExtensionOffer.Param> params = new ArrayList<>();
            for (Extension.Parameter p : e.getParameters()) {
                params.add(new ExtensionOffer.Param(p.getName(), p.getValue()));
            }
            result.add(new ExtensionOffer(e.getName(), params));
        }
        return result;
    }
}
