/**
 * An Arquillian container adapter that deploys ShrinkWrap {@code WebArchive}s on Tether's
 * standalone {@link dev.tether.server.Server}, so that the Jakarta WebSocket TCK (and any other
 * {@code testable = false} Arquillian test) runs against Tether.
 *
 * <p>Each deployment gets its own server on a free port, its own child-first class loader over
 * the archive's {@code WEB-INF/classes} and {@code WEB-INF/lib/*.jar}, and the endpoints that the
 * archive itself declares, chosen by the rules of Jakarta WebSocket 2.2 §6.2. Servlet features
 * (listeners, initializers, servlets) are not emulated.
 */
package dev.tether.tck;
