package dev.tether.extension;

import dev.tether.handshake.ExtensionOffer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The parameters of one permessage-deflate offer or agreement (RFC 7692 §7.1), checked:
 * no parameter twice, no unknown parameter, window bits 8-15, the takeover parameters without
 * a value. Immutable.
 *
 * @param serverNoContextTakeover the server resets its compression context after each message
 * @param clientNoContextTakeover the client resets its compression context after each message
 * @param serverMaxWindowBits     the server's largest LZ77 window, 8-15, or 0 when not given
 * @param clientMaxWindowBits     the client's largest window, 8-15; -1 for the bare parameter
 *                                (the client supports it without a value); 0 when not given
 */
public record DeflateParameters(boolean serverNoContextTakeover, boolean clientNoContextTakeover,
                                int serverMaxWindowBits, int clientMaxWindowBits) {
    public static final String NAME = "permessage-deflate";
    static final String SERVER_NO_CONTEXT_TAKEOVER = "server_no_context_takeover";
    static final String CLIENT_NO_CONTEXT_TAKEOVER = "client_no_context_takeover";
    static final String SERVER_MAX_WINDOW_BITS = "server_max_window_bits";
    static final String CLIENT_MAX_WINDOW_BITS = "client_max_window_bits";

    /** Reads an offer or a response; an {@link IllegalArgumentException} names the broken rule. */
    public static DeflateParameters of(ExtensionOffer extension) {
        if (!NAME.equalsIgnoreCase(extension.name())) {
            throw new IllegalArgumentException("not " + NAME + ": " + extension.name());
        }
        Set<String> seen = new HashSet<>();
        boolean serverNoContext = false;
        boolean clientNoContext = false;
        int serverBits = 0;
        int clientBits = 0;
        for (ExtensionOffer.Param param : extension.params()) {
            String name = param.name().toLowerCase(java.util.Locale.ROOT);
            if (!seen.add(name)) {
                throw new IllegalArgumentException(NAME + " parameter " + name + " given twice");
            }
            switch (name) {
                case SERVER_NO_CONTEXT_TAKEOVER -> serverNoContext = flag(param);
                case CLIENT_NO_CONTEXT_TAKEOVER -> clientNoContext = flag(param);
                case SERVER_MAX_WINDOW_BITS -> serverBits = windowBits(param, false);
                case CLIENT_MAX_WINDOW_BITS -> clientBits = windowBits(param, true);
                default -> throw new IllegalArgumentException("unknown " + NAME + " parameter " + name);
            }
        }
        return new DeflateParameters(serverNoContext, clientNoContext, serverBits, clientBits);
    }

    private static boolean flag(ExtensionOffer.Param param) {
        if (param.value() != null) {
            throw new IllegalArgumentException(NAME + " parameter " + param.name() + " takes no value");
        }
        return true;
    }

    private static int windowBits(ExtensionOffer.Param param, boolean valueOptional) {
        String value = param.value();
        if (value == null) {
            if (valueOptional) {
                return -1;
            }
            throw new IllegalArgumentException(NAME + " parameter " + param.name() + " needs a value");
        }
        int bits;
        try {
            bits = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            bits = -1;
        }
        if (bits < 8 || bits > 15 || !value.equals(Integer.toString(bits))) {
            throw new IllegalArgumentException(NAME + " parameter " + param.name() + " must be 8 to 15, not " + value);
        }
        return bits;
    }

    /** This agreement as a {@code Sec-WebSocket-Extensions} element. */
    public ExtensionOffer toExtension() {
        List<ExtensionOffer.Param> params = new ArrayList<>();
        if (serverNoContextTakeover) {
            params.add(new ExtensionOffer.Param(SERVER_NO_CONTEXT_TAKEOVER));
        }
        if (clientNoContextTakeover) {
            params.add(new ExtensionOffer.Param(CLIENT_NO_CONTEXT_TAKEOVER));
        }
        if (serverMaxWindowBits > 0) {
            params.add(new ExtensionOffer.Param(SERVER_MAX_WINDOW_BITS, Integer.toString(serverMaxWindowBits)));
        }
        if (clientMaxWindowBits > 0) {
            params.add(new ExtensionOffer.Param(CLIENT_MAX_WINDOW_BITS, Integer.toString(clientMaxWindowBits)));
        } else if (clientMaxWindowBits < 0) {
            params.add(new ExtensionOffer.Param(CLIENT_MAX_WINDOW_BITS));
        }
        return new ExtensionOffer(NAME, params);
    }
}
