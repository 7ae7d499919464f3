package dev.tether.client;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tether.extension.DeflateParameters;
import dev.tether.extension.PerMessageDeflate;
import dev.tether.handshake.ClientHandshake;
import dev.tether.handshake.ExtensionOffer;
import dev.tether.handshake.HandshakeException;
import dev.tether.handshake.HttpHeadParser;
import dev.tether.handshake.HttpResponseHead;
import dev.tether.jakarta.TetherHandshakeResponse;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/**
 * Fuzz target for the client's side of the opening handshake: the bounded HTTP response parser,
 * {@link ClientHandshake#validate} and the check of the server's permessage-deflate agreement,
 * as {@link TetherClientContainer} runs them for a request that offered two subprotocols and
 * permessage-deflate.
 *
 * <p>The invariant: an answer is accepted, or refused with a {@link HandshakeException} (an
 * unacceptable permessage-deflate agreement with the {@link IllegalArgumentException}
 * {@link PerMessageDeflate#checkAgreement} documents); anything else thrown is a bug. Input:
 * byte 0 plus one is the size of each read; the rest is the response. Seeds in
 * {@code src/test/resources/dev/tether/client/UpgradeResponseFuzzTestInputs/}.
 */
class UpgradeResponseFuzzTest {
    /** The key of RFC 6455 §1.3, whose accept value is {@code s3pPLMBiTxaQ9kYGzzhZRbK+xOo=}. */
    private static final List<ExtensionOffer> OFFERED = List.of(new ExtensionOffer(DeflateParameters.NAME,
            List.of(new ExtensionOffer.Param("client_no_context_takeover"))));
    private static final ClientHandshake HANDSHAKE = new ClientHandshake(URI.create("ws://127.0.0.1:8080/chat"),
            "dGhlIHNhbXBsZSBub25jZQ==", List.of("chat", "superchat"), OFFERED, Map.of());

    @FuzzTest(maxDuration = "60s")
    void clientReadsResponse(byte[] input) {
        if (input.length < 1) {
            return;
        }
        int readSize = (input[0] & 0xFF) + 1;
        HttpHeadParser<HttpResponseHead> parser = HttpHeadParser.forResponses();
        try {
            HttpResponseHead head = null;
            for (int offset = 1; head == null && offset < input.length; offset += readSize) {
                int length = Math.min(readSize, input.length - offset);
                head = parser.parse(ByteBuffer.wrap(input, offset, length));
            }
            if (head == null) {
                return;
            }
            ClientHandshake.Result result = HANDSHAKE.validate(head);
            new TetherHandshakeResponse(result.headers()).getHeaders();
            for (ExtensionOffer extension : result.extensions()) {
                if (DeflateParameters.NAME.equalsIgnoreCase(extension.name())) {
                    checkAgreement(extension);
                }
            }
        } catch (HandshakeException e) {
            e.status();
        }
    }

    private static void checkAgreement(ExtensionOffer extension) {
        try {
            PerMessageDeflate.checkAgreement(extension, OFFERED);
        } catch (IllegalArgumentException documented) {
            // The container turns it into a DeploymentException.
        }
    }
}
