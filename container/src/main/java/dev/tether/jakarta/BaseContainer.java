package dev.tether.jakarta;

import dev.tether.engine.EngineConfig;
import dev.tether.extension.DeflateConfig;
import dev.tether.extension.DeflateParameters;
import jakarta.websocket.Extension;
import jakarta.websocket.WebSocketContainer;

import java.util.List;
import java.util.Set;

/**
 * The container-wide defaults every Tether {@link WebSocketContainer} shares: timeouts and
 * message size limits that new sessions start with, and the engine configuration. Defaults
 * come from {@link EngineConfig#fromSystemProperties()} and the {@code tether.*} properties
 * named below. Thread-safe: the settings are volatile.
 */
public abstract class BaseContainer implements WebSocketContainer {
    private final EngineConfig engineConfig;
    private volatile long asyncSendTimeout = Long.getLong("tether.asyncSendTimeoutMillis", 0);
    private volatile long sessionIdleTimeout = Long.getLong("tether.sessionIdleTimeoutMillis", 0);
    private volatile int maxBinaryMessageBufferSize;
    private volatile int maxTextMessageBufferSize;
    private volatile DeflateConfig deflateConfig = DeflateConfig.fromSystemProperties();

    protected BaseContainer(EngineConfig engineConfig) {
        this.engineConfig = engineConfig;
        this.maxBinaryMessageBufferSize = (int) Math.min(Integer.MAX_VALUE, engineConfig.maxBinaryMessageSize());
        this.maxTextMessageBufferSize = (int) Math.min(Integer.MAX_VALUE, engineConfig.maxTextMessageSize());
    }

    /** The engine settings of this container's connections; session limits start from the values here. */
    public EngineConfig engineConfig() {
        return engineConfig;
    }

    @Override
    public long getDefaultAsyncSendTimeout() {
        return asyncSendTimeout;
    }

    @Override
    public void setAsyncSendTimeout(long timeoutmillis) {
        asyncSendTimeout = timeoutmillis;
    }

    @Override
    public long getDefaultMaxSessionIdleTimeout() {
        return sessionIdleTimeout;
    }

    @Override
    public void setDefaultMaxSessionIdleTimeout(long timeout) {
        sessionIdleTimeout = timeout;
    }

    @Override
    public int getDefaultMaxBinaryMessageBufferSize() {
        return maxBinaryMessageBufferSize;
    }

    @Override
    public void setDefaultMaxBinaryMessageBufferSize(int max) {
        maxBinaryMessageBufferSize = max;
    }

    @Override
    public int getDefaultMaxTextMessageBufferSize() {
        return maxTextMessageBufferSize;
    }

    @Override
    public void setDefaultMaxTextMessageBufferSize(int max) {
        maxTextMessageBufferSize = max;
    }

    /** How this container uses permessage-deflate. */
    public DeflateConfig deflateConfig() {
        return deflateConfig;
    }

    public void setDeflateConfig(DeflateConfig config) {
        deflateConfig = config;
    }

    /**
     * permessage-deflate while it is enabled. Other names an endpoint lists and a configurator
     * accepts are negotiated too, without any processing of their own.
     */
    @Override
    public Set<Extension> getInstalledExtensions() {
        return deflateConfig.enabled() ? Set.of(new TetherExtension(DeflateParameters.NAME, List.of())) : Set.of();
    }
}
