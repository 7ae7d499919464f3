package dev.tether.tck;

import jakarta.servlet.ServletContainerInitializer;
import org.example.wsapp.AppConfig;
import org.example.wsapp.BaseEndpoint;
import org.example.wsapp.EchoEndpoint;
import org.example.wsapp.ReverseEndpoint;
import org.example.wsapp.UpperEndpoint;
import org.example.wsbad.TwoTextHandlersEndpoint;
import org.example.wsfail.RefusingInitializer;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** WebArchives of the {@code org.example} fixtures, shaped like the TCK's. */
public final class TestArchives {
    private TestArchives() {
    }

    /** Two annotated endpoints and a programmatic one (plus its abstract base), no application config. */
    public static WebArchive plain(String name) {
        return ShrinkWrap.create(WebArchive.class, name)
                .addClasses(EchoEndpoint.class, UpperEndpoint.class, BaseEndpoint.class, ReverseEndpoint.class);
    }

    /** {@link #plain} with {@link AppConfig} in a library jar, as a TCK WAR may have it. */
    public static WebArchive withAppConfig(String name) {
        JavaArchive lib = ShrinkWrap.create(JavaArchive.class, "appconfig.jar")
                .addClass(AppConfig.class)
                .addAsManifestResource(new StringAsset("from the library"), "tether-test.txt");
        return plain(name).addAsLibrary(lib);
    }

    /** A valid endpoint beside an invalid one: the whole application must fail. */
    public static WebArchive invalid(String name) {
        return ShrinkWrap.create(WebArchive.class, name)
                .addClasses(EchoEndpoint.class, TwoTextHandlersEndpoint.class);
    }

    /** {@link #plain} with a static file, {@code hello.txt}, at its root. */
    public static WebArchive withStaticFile(String name) {
        return plain(name).addAsWebResource(new StringAsset("hello from " + name), "hello.txt");
    }

    /**
     * A static file and an echo endpoint in an application that a {@code ServletContainerInitializer}
     * of its own (in a library) refuses to start.
     */
    public static WebArchive refusing(String name) {
        JavaArchive lib = ShrinkWrap.create(JavaArchive.class, "refusing.jar")
                .addClass(RefusingInitializer.class)
                .addAsServiceProvider(ServletContainerInitializer.class, RefusingInitializer.class);
        return withStaticFile(name).addAsLibrary(lib);
    }
}
