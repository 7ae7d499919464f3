package dev.tether.it;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.strategies.WorkerThreadIOStrategy;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;
import org.glassfish.tyrus.container.grizzly.server.WebSocketAddOn;
import org.glassfish.tyrus.core.TyrusWebSocketEngine;
import org.glassfish.tyrus.server.TyrusServerContainer;
import org.glassfish.tyrus.spi.WebSocketEngine;

import java.io.IOException;
import java.util.Set;

/**
 * Tyrus's server engine on a Grizzly HTTP listener bound to 127.0.0.1 only (Tyrus's own
 * standalone server listens on every interface). A test peer; start and stop it per test class.
 */
final class LoopbackTyrusServer {
    private final HttpServer http = new HttpServer();
    private final TyrusServerContainer container;

    LoopbackTyrusServer(int incomingBufferSize, Class<?>... endpoints) {
        container = new TyrusServerContainer(Set.of(endpoints)) {
            private final WebSocketEngine engine = TyrusWebSocketEngine.builder(this)
                    .incomingBufferSize(incomingBufferSize)
                    .build();

            @Override
            public void register(Class<?> endpointClass) throws DeploymentException {
                engine.register(endpointClass, "/");
            }

            @Override
            public void register(ServerEndpointConfig config) throws DeploymentException {
                engine.register(config, "/");
            }

            @Override
            public WebSocketEngine getWebSocketEngine() {
                return engine;
            }

            @Override
            public java.util.Map<String, Object> getProperties() {
                return java.util.Map.of();
            }
        };
    }

    /** Listens on 127.0.0.1 at a free port and returns it. */
    int start() throws IOException, DeploymentException {
        NetworkListener listener = new NetworkListener("tyrus", "127.0.0.1", 0);
        listener.registerAddOn(new WebSocketAddOn(container, "/"));
        // Tyrus's echo blocks a worker while it sends: give the pool room, as Tyrus's own server does.
        listener.getTransport().setWorkerThreadPoolConfig(ThreadPoolConfig.defaultConfig()
                .setCorePoolSize(8).setMaxPoolSize(64).setPoolName("tyrus-peer"));
        listener.getTransport().setIOStrategy(WorkerThreadIOStrategy.getInstance());
        listener.getKeepAlive().setIdleTimeoutInSeconds(-1);
        http.addListener(listener);
        http.start();
        int port = listener.getPort();
        container.start("/", port);
        return port;
    }

    void stop() {
        container.stop();
        http.shutdownNow();
    }
}
