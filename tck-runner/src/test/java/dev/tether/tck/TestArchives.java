package dev.tether.tck;

import org.example.wsapp.AppConfig;
import org.example.wsapp.BaseEndpoint;
import org.example.wsapp.EchoEndpoint;
import org.example.wsapp.ReverseEndpoint;
import org.example.wsapp.UpperEndpoint;
import org.example.wsbad.TwoTextHandlersEndpoint;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** WebArchives of the {@code org.example} fixtures, shaped like the TCK's. */
final class TestArchives {
    private TestArchives() {
    }

    /** Two annotated endpoints and a programmatic one (plus its abstract base), no application config. */
    static WebArchive plain(String name) {
        return ShrinkWrap.create(WebArchive.class, name)
                .addClasses(EchoEndpoint.class, UpperEndpoint.class, BaseEndpoint.class, ReverseEndpoint.class);
    }

    /** {@link #plain} with {@link AppConfig} in a library jar, as a TCK WAR may have it. */
    static WebArchive withAppConfig(String name) {
        JavaArchive lib = ShrinkWrap.create(JavaArchive.class, "appconfig.jar")
                .addClass(AppConfig.class)
                .addAsManifestResource(new StringAsset("from the library"), "tether-test.txt");
        return plain(name).addAsLibrary(lib);
    }

    /** A valid endpoint beside an invalid one: the whole application must fail. */
    static WebArchive invalid(String name) {
        return ShrinkWrap.create(WebArchive.class, name)
                .addClasses(EchoEndpoint.class, TwoTextHandlersEndpoint.class);
    }
}
