package dev.tether.tck;

import dev.tether.tck.tomcat.TomcatDeployableContainer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TetherArquillianExtensionTest {

    @Test
    void eachModeHasItsContainer() {
        assertEquals(TetherDeployableContainer.class, TetherArquillianExtension.containerFor("standalone"));
        assertEquals(TomcatDeployableContainer.class, TetherArquillianExtension.containerFor("tomcat"));
    }

    @Test
    void anUnknownModeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> TetherArquillianExtension.containerFor("jetty"));
    }
}
