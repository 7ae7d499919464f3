package dev.tether.bench.server;

import jakarta.websocket.Endpoint;
import jakarta.websocket.Extension;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import org.glassfish.tyrus.ext.extension.deflate.PerMessageDeflateExtension;
import org.glassfish.tyrus.server.Server;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tyrus 2.2 standalone on its Grizzly container, serving {@link EchoEndpoint}'s methods with
 * Tyrus's permessage-deflate extension.
 *
 * <p>Why a subclass with a configurator: for an annotated class Tyrus ignores the extensions of a
 * {@code ServerEndpointConfig} returned by {@code ServerApplicationConfig} (it rebuilds the
 * configuration from the annotation) and offers only the container's installed extensions, which
 * its standalone container leaves empty. The annotation's configurator is the one place left to
 * add the extension; the echo methods are {@link EchoEndpoint}'s own, inherited.
 */
public final class TyrusEchoServer implements EchoServer {
    private Server server;

    /** {@link EchoEndpoint} as it is, with {@link DeflateConfigurator}. */
    @ServerEndpoint(value = "/echo", configurator = DeflateConfigurator.class)
    public static class DeflatingEchoEndpoint extends EchoEndpoint {
    }

    /** Offers permessage-deflate beside whatever the container installed; Tyrus's default does the rest. */
    public static class DeflateConfigurator extends ServerEndpointConfig.Configurator {
        private static final Extension DEFLATE = new PerMessageDeflateExtension();

        @Override
        public List<Extension> getNegotiatedExtensions(List<Extension> installed, List<Extension> requested) {
            List<Extension> offered = new ArrayList<>(installed);
            offered.add(DEFLATE);
            return super.getNegotiatedExtensions(offered, requested);
        }
    }

    /** Deploys the echo endpoint. */
    public static class App implements ServerApplicationConfig {
        @Override
        public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> endpointClasses) {
            return Set.of();
        }

        @Override
        public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
            return Set.of(DeflatingEchoEndpoint.class);
        }
    }

    @Override
    public void start(String host, int port) throws Exception {
        int max = MessageLimit.binary();
        Map<String, Object> properties = max > 0
                ? Map.of("org.glassfish.tyrus.incomingBufferSize", max + 1024)
                : Map.of();
        server = new Server(host, port, "/", properties, App.class);
        server.start();
    }

    @Override
    public void stop() {
        server.stop();
    }
}
