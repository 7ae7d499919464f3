package dev.tether.browser;

import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;

import javax.net.ssl.SSLContext;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What JavaScript's {@code WebSocket} takes from its environment, for Java: every field may be
 * {@code null}, which means its default. Immutable; build with {@link #builder()}.
 *
 * <table>
 *   <caption>Options and their defaults</caption>
 *   <tr><th>option</th><th>meaning</th><th>default</th></tr>
 *   <tr><td>{@code baseUrl}</td><td>the base relative URLs resolve against (a document's URL)</td>
 *       <td>none: a relative URL is a {@code SyntaxError}</td></tr>
 *   <tr><td>{@code container}</td><td>the Jakarta client container that connects</td>
 *       <td>{@link ContainerProvider#getWebSocketContainer()}, asked once per socket, off the
 *       caller's thread</td></tr>
 *   <tr><td>{@code executor}</td><td>runs the socket's event tasks, one at a time per socket</td>
 *       <td>{@link #defaultExecutor()}: shared daemon threads</td></tr>
 *   <tr><td>{@code sslContext}</td><td>the TLS context for {@code wss} (trust for a private
 *       certificate, for example); handed to the container through
 *       {@code ClientEndpointConfig.getSSLContext()}</td>
 *       <td>the container's own default</td></tr>
 * </table>
 *
 * @param baseUrl    base URL for relative URLs, or {@code null}
 * @param container  client container, or {@code null}
 * @param executor   executor for event tasks, or {@code null}
 * @param sslContext TLS context for {@code wss}, or {@code null}
 */
public record WebSocketOptions(String baseUrl, WebSocketContainer container, Executor executor, SSLContext sslContext) {
    private static final WebSocketOptions DEFAULTS = new WebSocketOptions(null, null, null, null);

    /** All defaults. */
    public static WebSocketOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return new Builder().baseUrl(baseUrl).container(container).executor(executor).sslContext(sslContext);
    }

    /** The container to connect with: the one given, else the {@link ContainerProvider}'s. */
    WebSocketContainer containerOrDefault() {
        return container != null ? container : ContainerProvider.getWebSocketContainer();
    }

    Executor executorOrDefault() {
        return executor != null ? executor : defaultExecutor();
    }

    /**
     * The executor event tasks run on by default: daemon threads shared by every socket, made as
     * needed and let go after a minute idle. Each socket still runs its own events one at a time,
     * in order.
     */
    public static Executor defaultExecutor() {
        return Threads.EVENTS;
    }

    /**
     * Where the adapter makes the container's blocking calls ({@code connectToServer},
     * {@code Session.close}), so that the constructor and {@code close()} return at once.
     */
    static Executor blockingExecutor() {
        return Threads.BLOCKING;
    }

    /** Threads are made only when first needed. */
    private static final class Threads {
        static final ExecutorService EVENTS = Executors.newCachedThreadPool(daemons("tether-browser-events-"));
        static final ExecutorService BLOCKING = Executors.newCachedThreadPool(daemons("tether-browser-connect-"));

        private static ThreadFactory daemons(String prefix) {
            AtomicInteger count = new AtomicInteger();
            return task -> {
                Thread thread = new Thread(task, prefix + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            };
        }
    }

    /** Builds {@link WebSocketOptions}; every option left unset keeps its default. Not thread-safe. */
    public static final class Builder {
        private String baseUrl;
        private WebSocketContainer container;
        private Executor executor;
        private SSLContext sslContext;

        private Builder() {
        }

        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        public Builder container(WebSocketContainer container) {
            this.container = container;
            return this;
        }

        public Builder executor(Executor executor) {
            this.executor = executor;
            return this;
        }

        public Builder sslContext(SSLContext sslContext) {
            this.sslContext = sslContext;
            return this;
        }

        public WebSocketOptions build() {
            return new WebSocketOptions(baseUrl, container, executor, sslContext);
        }
    }
}
