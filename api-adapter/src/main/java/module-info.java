/**
 * The browser's {@code WebSocket} API on the Jakarta WebSocket client API.
 */
module dev.tether.browser {
    requires transitive jakarta.websocket.client;

    exports dev.tether.browser;
}
