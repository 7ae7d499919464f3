package dev.tether.server;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tether.endpoint.ExtensionNegotiation;
import dev.tether.endpoint.UriTemplate;
import dev.tether.endpoint.UriTemplateRouter;
import dev.tether.extension.DeflateConfig;
import dev.tether.handshake.HandshakeException;
import dev.tether.handshake.HttpHeadParser;
import dev.tether.handshake.HttpRequestHead;
import dev.tether.handshake.ServerHandshake;
import dev.tether.jakarta.Extensions;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/**
 * Fuzz target for the server's side of the opening handshake: the bounded HTTP request parser,
 * then what {@link UpgradeHandler} does with a head (routing, {@link ServerHandshake#validate},
 * subprotocol and extension negotiation, the Jakarta handshake request, the 101 or the refusal).
 *
 * <p>The invariant: a request either gets its 101 or fails with a {@link HandshakeException},
 * whose refusal can always be written; anything else thrown is a bug (it would become a 500
 * and a logged stack trace). Input: byte 0 plus one is the size of each read; the rest is the
 * request. Seeds in {@code src/test/resources/dev/tether/server/UpgradeRequestFuzzTestInputs/}.
 */
class UpgradeRequestFuzzTest {
    private static final UriTemplateRouter<String> ROUTER = router();
    private static final ServerEndpointConfig CONFIG = ServerEndpointConfig.Builder.create(Nothing.class, "/chat/{room}")
            .subprotocols(List.of("chat", "superchat"))
            .configurator(new DefaultServerConfigurator())
            .build();

    /** Never opened; it only gives the configuration a type. */
    public static class Nothing extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
        }
    }

    @FuzzTest(maxDuration = "60s")
    void serverReadsRequest(byte[] input) {
        if (input.length < 1) {
            return;
        }
        int readSize = (input[0] & 0xFF) + 1;
        HttpHeadParser<HttpRequestHead> parser = HttpHeadParser.forRequests();
        try {
            HttpRequestHead head = null;
            for (int offset = 1; head == null && offset < input.length; offset += readSize) {
                int length = Math.min(readSize, input.length - offset);
                head = parser.parse(ByteBuffer.wrap(input, offset, length));
            }
            if (head != null) {
                answer(head);
            }
        } catch (HandshakeException e) {
            ServerHandshake.rejectResponse(e);
        }
    }

    /** What {@code UpgradeHandler.upgrade} does with a request, minus the session. */
    private static void answer(HttpRequestHead head) {
        ServerHandshake.isUpgradeRequest(head);
        UriTemplateRouter.Match<String> match = ROUTER.find(head.path());
        Map<String, String> pathParameters = match == null ? Map.of() : match.pathParameters();
        String key = ServerHandshake.validate(head);
        CONFIG.getConfigurator().checkOrigin(head.headerFields().first("Origin"));
        String subprotocol = CONFIG.getConfigurator().getNegotiatedSubprotocol(
                CONFIG.getSubprotocols(), ServerHandshake.offeredSubprotocols(head));
        ExtensionNegotiation negotiated = ExtensionNegotiation.negotiate(CONFIG,
                ServerHandshake.offeredExtensions(head), DeflateConfig.DEFAULT);
        ServerHandshakeRequest request = new ServerHandshakeRequest(head, false, pathParameters);
        request.getRequestURI();
        request.getParameterMap();
        ServerHandshake.acceptResponse(key, subprotocol.isEmpty() ? null : subprotocol,
                Extensions.toOffers(negotiated.extensions()), Map.of());
    }

    private static UriTemplateRouter<String> router() {
        UriTemplateRouter<String> router = new UriTemplateRouter<>();
        try {
            router.add(UriTemplate.parse("/echo"), "echo");
            router.add(UriTemplate.parse("/chat/{room}"), "chat");
            router.add(UriTemplate.parse("/a/{b}/c/{d}"), "deep");
        } catch (DeploymentException e) {
            throw new IllegalStateException(e);
        }
        return router;
    }
}
