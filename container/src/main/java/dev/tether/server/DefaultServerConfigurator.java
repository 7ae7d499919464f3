package dev.tether.server;

import jakarta.websocket.Extension;
import jakarta.websocket.server.ServerEndpointConfig;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;

/**
 * Tether's container default configurator, found by the Jakarta API through
 * {@link java.util.ServiceLoader} and used wherever an endpoint names no configurator of its
 * own (Jakarta WebSocket 2.2 §4.1.1):
 * <ul>
 *   <li>subprotocol: the first one the client requested that the endpoint supports;</li>
 *   <li>extensions: those the client requested whose name the endpoint lists, in the
 *       client's order, with the client's parameters;</li>
 *   <li>origin: any origin is accepted;</li>
 *   <li>endpoint instance: a new instance per connection, through the public no-argument
 *       constructor.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public class DefaultServerConfigurator extends ServerEndpointConfig.Configurator {

    @Override
    public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
        for (String protocol : requested) {
            if (supported.contains(protocol)) {
                return protocol;
            }
        }
        return "";
    }

    @Override
    public List<Extension> getNegotiatedExtensions(List<Extension> installed, List<Extension> requested) {
        List<Extension> negotiated = new ArrayList<>();
        for (Extension offer : requested) {
            boolean known = installed.stream().anyMatch(e -> e.getName().equals(offer.getName()));
            boolean taken = negotiated.stream().anyMatch(e -> e.getName().equals(offer.getName()));
            if (known && !taken) {
                negotiated.add(offer);
            }
        }
        return negotiated;
    }

    @Override
    public boolean checkOrigin(String originHeaderValue) {
        return true;
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig sec, jakarta.websocket.server.HandshakeRequest request,
                                jakarta.websocket.HandshakeResponse response) {
    }

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
        try {
            return endpointClass.getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            InstantiationException failure = new InstantiationException(
                    "constructor of " + endpointClass.getName() + " failed: " + e.getCause());
            failure.initCause(e.getCause());
            throw failure;
        } catch (ReflectiveOperationException e) {
            InstantiationException failure = new InstantiationException(
                    endpointClass.getName() + " needs a public no-argument constructor");
            failure.initCause(e);
            throw failure;
        }
    }
}
