package dev.tether.jakarta;

import jakarta.websocket.Extension;

import java.util.List;

/**
 * An immutable {@link Extension}: a name and its parameters, as offered or negotiated in a
 * {@code Sec-WebSocket-Extensions} header.
 */
public record TetherExtension(String name, List<Extension.Parameter> parameters) implements Extension {

    public TetherExtension {
        parameters = List.copyOf(parameters);
    }

    /** One {@code name[=value]} parameter of an extension. */
    public record Parameter(String name, String value) implements Extension.Parameter {
        @Override
        public String getName() {
            return name;
        }

        @Override
        public String getValue() {
            return value;
        }
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public List<Extension.Parameter> getParameters() {
        return parameters;
    }
}
