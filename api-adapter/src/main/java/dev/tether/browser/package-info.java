/**
 * The browser's {@code WebSocket} API (WHATWG WebSockets Standard) for Java, on any Jakarta
 * WebSocket client container: {@link dev.tether.browser.WebSocket} and the DOM types its events
 * and data use.
 */
package dev.tether.browser;
