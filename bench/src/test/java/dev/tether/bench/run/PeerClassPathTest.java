package dev.tether.bench.run;

import dev.tether.bench.Peer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PeerClassPathTest {
    @Test
    void eachPeerGetsItsOwnJarsAndTheSharedOnes() {
        String tomcat = "org/apache/tomcat/embed/tomcat-embed-core/11.0.27/tomcat-embed-core-11.0.27.jar";
        String grizzly = "org/glassfish/grizzly/grizzly-framework/4.1.0/grizzly-framework-4.1.0.jar";
        String api = "jakarta/websocket/jakarta.websocket-api/2.2.0/jakarta.websocket-api-2.2.0.jar";
        String jmh = "org/openjdk/jmh/jmh-core/1.37/jmh-core-1.37.jar";
        assertTrue(PeerClassPath.belongsTo(Peer.TOMCAT, tomcat));
        assertFalse(PeerClassPath.belongsTo(Peer.TETHER, tomcat));
        assertTrue(PeerClassPath.belongsTo(Peer.TETHER, grizzly));
        assertTrue(PeerClassPath.belongsTo(Peer.TYRUS, grizzly));
        assertFalse(PeerClassPath.belongsTo(Peer.JETTY, grizzly));
        assertTrue(PeerClassPath.belongsTo(Peer.UNDERTOW, api));
        assertFalse(PeerClassPath.belongsTo(Peer.NETTY, jmh));
    }
}
