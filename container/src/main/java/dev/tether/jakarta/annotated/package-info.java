/**
 * Annotated endpoints: turns a {@code @ServerEndpoint} or {@code @ClientEndpoint} POJO into a
 * validated {@link dev.tether.jakarta.annotated.AnnotatedEndpointModel} at deployment, and each
 * POJO instance into a standard {@link jakarta.websocket.Endpoint} with
 * {@link jakarta.websocket.MessageHandler}s at run time, so the rest of the container deals
 * with one kind of endpoint only. {@link dev.tether.jakarta.annotated.AnnotatedConfigs} reads the
 * class-level annotations into {@code ServerEndpointConfig}/{@code ClientEndpointConfig}.
 *
 * <p>Written against the standard {@code jakarta.websocket} API only: it works with any
 * {@code Session} implementation.
 */
package dev.tether.jakarta.annotated;
