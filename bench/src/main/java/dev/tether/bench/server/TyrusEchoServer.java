package dev.tether.bench.server;

import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;
import org.glassfish.tyrus.ext.extension.deflate.PerMessageDeflateExtension;
import org.glassfish.tyrus.server.Server;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tyrus 2.2 standalone on its Grizzly container, with {@link EchoEndpoint} deployed with
 * Tyrus's permessage-deflate extension (Tyrus offers none unless an endpoint lists it).
 */
public final class TyrusEchoServer implements EchoServer {
    private Server server;

    /** Deploys the echo endpoint with the deflate extension. */
    public static class App implements ServerApplicationConfig {
        @Override
        public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> endpointClasses) {
            return Set.of(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo")
                    .extensions(List.of(new PerMessageDeflateExtension()))
                    .build());
        }

        @Override
        public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
            return Set.of();
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
