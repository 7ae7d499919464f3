package dev.tether.jakarta.annotated;

import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Decoder;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Encoder;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AnnotatedConfigsTest {
    private static final String T = AnnotatedConfigsTest.class.getName() + "$";

    public static class UpperEncoder implements Encoder.Text<StringBuilder> {
        @Override
        public String encode(StringBuilder object) {
            return object.toString().toUpperCase();
        }
    }

    public static class BuilderDecoder implements Decoder.Text<StringBuilder> {
        @Override
        public StringBuilder decode(String s) {
            return new StringBuilder(s);
        }

        @Override
        public boolean willDecode(String s) {
            return true;
        }
    }

    public static class MyServerConfigurator extends ServerEndpointConfig.Configurator {
    }

    public static class MyClientConfigurator extends ClientEndpointConfig.Configurator {
    }

    public static class NoDefaultConstructorConfigurator extends ServerEndpointConfig.Configurator {
        public NoDefaultConstructorConfigurator(String s) {
        }
    }

    public static class FailingConfigurator extends ClientEndpointConfig.Configurator {
        public FailingConfigurator() {
            throw new IllegalStateException("nope");
        }
    }

    public abstract static class AbstractConfigurator extends ServerEndpointConfig.Configurator {
    }

    @ServerEndpoint(value = "/chat/{room}", subprotocols = {"v2.chat", "v1.chat"},
            encoders = UpperEncoder.class, decoders = BuilderDecoder.class, configurator = MyServerConfigurator.class)
    public static class ChatServer {
        @OnMessage
        public String echo(String s) {
            return s;
        }
    }

    @ServerEndpoint("/plain")
    public static class PlainServer {
    }

    @ServerEndpoint(value = "/x", configurator = NoDefaultConstructorConfigurator.class)
    public static class BadConfiguratorServer {
    }

    @ServerEndpoint(value = "/x", configurator = AbstractConfigurator.class)
    public static class AbstractConfiguratorServer {
    }

    @ServerEndpoint("/x")
    public static class NoNoArgConstructor {
        public NoNoArgConstructor(String s) {
        }
    }

    @ServerEndpoint(value = "/x", configurator = MyServerConfigurator.class)
    public static class NoNoArgConstructorButConfigurator {
        public NoNoArgConstructorButConfigurator(String s) {
        }
    }

    @ServerEndpoint("")
    public static class EmptyPath {
    }

    @ClientEndpoint(subprotocols = "mqtt", encoders = UpperEncoder.class, decoders = BuilderDecoder.class,
            configurator = MyClientConfigurator.class)
    public static class Client {
    }

    @ClientEndpoint
    public static class PlainClient {
    }

    @ClientEndpoint(configurator = FailingConfigurator.class)
    public static class FailingClient {
    }

    public static class NotAnnotated {
    }

    @Test
    void serverConfigReadsTheAnnotation() throws DeploymentException {
        ServerEndpointConfig config = AnnotatedConfigs.serverConfig(ChatServer.class);
        assertEquals(ChatServer.class, config.getEndpointClass());
        assertEquals("/chat/{room}", config.getPath());
        assertEquals(List.of("v2.chat", "v1.chat"), config.getSubprotocols());
        assertEquals(List.of(UpperEncoder.class), config.getEncoders());
        assertEquals(List.of(BuilderDecoder.class), config.getDecoders());
        assertInstanceOf(MyServerConfigurator.class, config.getConfigurator());
    }

    @Test
    void serverConfigKeepsTheDefaultConfigurator() throws DeploymentException {
        ServerEndpointConfig config = AnnotatedConfigs.serverConfig(PlainServer.class);
        assertEquals("/plain", config.getPath());
        assertEquals(List.of(), config.getSubprotocols());
        assertEquals(List.of(), config.getEncoders());
        assertEquals(List.of(), config.getDecoders());
        assertNotNull(config.getConfigurator(), "the platform default from ServiceLoader");
        assertEquals(false, config.getConfigurator() instanceof MyServerConfigurator);
    }

    @Test
    void serverConfigErrors() {
        assertEquals(T + "NotAnnotated is not annotated with @ServerEndpoint",
                assertThrows(DeploymentException.class, () -> AnnotatedConfigs.serverConfig(NotAnnotated.class))
                        .getMessage());
        assertEquals(T + "BadConfiguratorServer: cannot create configurator " + T + "NoDefaultConstructorConfigurator:"
                + " it has no public no-argument constructor", assertThrows(DeploymentException.class,
                () -> AnnotatedConfigs.serverConfig(BadConfiguratorServer.class)).getMessage());
        assertEquals(T + "AbstractConfiguratorServer: cannot create configurator " + T + "AbstractConfigurator:"
                + " it is abstract", assertThrows(DeploymentException.class,
                () -> AnnotatedConfigs.serverConfig(AbstractConfiguratorServer.class)).getMessage());
        assertEquals(T + "NoNoArgConstructor: a @ServerEndpoint class must have a public no-argument constructor",
                assertThrows(DeploymentException.class, () -> AnnotatedConfigs.serverConfig(NoNoArgConstructor.class))
                        .getMessage());
        assertEquals(T + "EmptyPath: @ServerEndpoint path \"\" must start with '/'",
                assertThrows(DeploymentException.class, () -> AnnotatedConfigs.serverConfig(EmptyPath.class))
                        .getMessage());
    }

    @Test
    void customConfiguratorMayCreateInstancesItsOwnWay() throws DeploymentException {
        ServerEndpointConfig config = AnnotatedConfigs.serverConfig(NoNoArgConstructorButConfigurator.class);
        assertInstanceOf(MyServerConfigurator.class, config.getConfigurator());
    }

    @Test
    void clientConfigReadsTheAnnotation() throws DeploymentException {
        ClientEndpointConfig config = AnnotatedConfigs.clientConfig(Client.class);
        assertEquals(List.of("mqtt"), config.getPreferredSubprotocols());
        assertEquals(List.of(UpperEncoder.class), config.getEncoders());
        assertEquals(List.of(BuilderDecoder.class), config.getDecoders());
        assertInstanceOf(MyClientConfigurator.class, config.getConfigurator());

        ClientEndpointConfig plain = AnnotatedConfigs.clientConfig(PlainClient.class);
        assertEquals(List.of(), plain.getPreferredSubprotocols());
        assertNotNull(plain.getConfigurator(), "the builder's default");
        assertEquals(false, plain.getConfigurator() instanceof MyClientConfigurator);
    }

    @Test
    void clientConfigErrors() {
        assertEquals(T + "NotAnnotated is not annotated with @ClientEndpoint",
                assertThrows(DeploymentException.class, () -> AnnotatedConfigs.clientConfig(NotAnnotated.class))
                        .getMessage());
        DeploymentException e = assertThrows(DeploymentException.class,
                () -> AnnotatedConfigs.clientConfig(FailingClient.class));
        assertEquals(T + "FailingClient: cannot create configurator " + T + "FailingConfigurator:"
                + " its constructor threw java.lang.IllegalStateException: nope", e.getMessage());
        assertInstanceOf(IllegalStateException.class, e.getCause());
    }
}
