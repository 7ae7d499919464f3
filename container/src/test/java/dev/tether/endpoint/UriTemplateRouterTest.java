package dev.tether.endpoint;

import jakarta.websocket.DeploymentException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class UriTemplateRouterTest {

    private static UriTemplateRouter<String> router(String... paths) throws DeploymentException {
        UriTemplateRouter<String> router = new UriTemplateRouter<>();
        for (String path : paths) {
            router.add(UriTemplate.parse(path), path);
        }
        return router;
    }

    /** "value params" of the match, e.g. "/a/{var} {var=b}", or null. */
    private static String find(UriTemplateRouter<String> router, String path) {
        UriTemplateRouter.Match<String> m = router.find(path);
        return m == null ? null : m.value() + " " + m.pathParameters();
    }

    @Test
    void exactPathBeatsTemplate() throws DeploymentException {
        UriTemplateRouter<String> r = router("/a/{customer-name}", "/a/b");
        assertEquals("/a/b {}", find(r, "/a/b"));
        assertEquals("/a/{customer-name} {customer-name=c}", find(r, "/a/c"));
    }

    @Test
    void specExampleThreeEndpoints() throws DeploymentException {
        UriTemplateRouter<String> r = router("/a/{var}/c", "/a/b/c", "/a/{var1}/{var2}");
        assertEquals("/a/b/c {}", find(r, "/a/b/c"));
        assertEquals("/a/{var}/c {var=d}", find(r, "/a/d/c"));
        assertEquals("/a/{var1}/{var2} {var1=x, var2=y}", find(r, "/a/x/y"));
        assertNull(find(r, "/a/x/y/"), "a trailing slash is one more (empty) segment");
    }

    @Test
    void specExampleLeftToRight() throws DeploymentException {
        UriTemplateRouter<String> r = router("/{var1}/d", "/b/{var2}");
        assertEquals("/b/{var2} {var2=d}", find(r, "/b/d"));
        assertEquals("/{var1}/d {var1=c}", find(r, "/c/d"));
    }

    @Test
    void tckUriMatchingPaths() throws DeploymentException {
        UriTemplateRouter<String> r = router("/a/c/{d}", "/a/{c}/d", "/a/{c}/{d}", "/c/{d}");
        assertEquals("/a/c/{d} {d=d}", find(r, "/a/c/d"));
        assertEquals("/a/{c}/d {c=b}", find(r, "/a/b/d"));
        assertEquals("/a/{c}/{d} {c=b, d=e}", find(r, "/a/b/e"));
        assertEquals("/c/{d} {d=x}", find(r, "/c/x"));
    }

    @Test
    void matchingIsGreedyAsSpecified() throws DeploymentException {
        // At the first segment the literal "a" is preferred, so /{x}/b/d is no longer a candidate.
        UriTemplateRouter<String> r = router("/a/b/c", "/{x}/b/d");
        assertNull(find(r, "/a/b/d"));
        assertEquals("/{x}/b/d {x=z}", find(r, "/z/b/d"));
    }

    @Test
    void onlyTemplatesWithTheSameSegmentCountCompete() throws DeploymentException {
        UriTemplateRouter<String> r = router("/a/b", "/{x}/c/d");
        assertEquals("/{x}/c/d {x=a}", find(r, "/a/c/d"));
    }

    @Test
    void rootAndTrailingSlash() throws DeploymentException {
        UriTemplateRouter<String> r = router("/", "/{x}", "/a/", "/{x}/{y}");
        assertEquals("/ {}", find(r, "/"));
        assertEquals("/{x} {x=a}", find(r, "/a"));
        assertEquals("/a/ {}", find(r, "/a/"));
        assertNull(find(r, "/b/"), "a variable never matches an empty segment");
        assertEquals("/{x}/{y} {x=b, y=c}", find(r, "/b/c"));
    }

    @Test
    void noMatchGivesNull() throws DeploymentException {
        UriTemplateRouter<String> r = router("/a/{var}");
        assertNull(find(r, "/a"));
        assertNull(find(r, "/b/c"));
        assertNull(find(r, "/a/b/c"));
        assertNull(find(r, "a/b"));
        assertNull(find(r, "/a/%zz"));
        assertNull(find(new UriTemplateRouter<>(), "/"));
    }

    @Test
    void queryStringIsIgnored() throws DeploymentException {
        UriTemplateRouter<String> r = router("/a/b", "/c/{v}");
        assertEquals("/a/b {}", find(r, "/a/b?x=1"));
        assertEquals("/c/{v} {v=d}", find(r, "/c/d?x=/1"));
    }

    @Test
    void pathsAreNormalizedBeforeLookup() throws DeploymentException {
        UriTemplateRouter<String> r = router("/caf\u00e9/{v}", "/abc");
        assertEquals("/abc {}", find(r, "/%61bc"));
        assertEquals("/abc {}", find(r, "/x/../abc"));
        assertEquals("/caf\u00e9/{v} {v=a b}", find(r, "/caf%c3%a9/a%20b"));
    }

    @Test
    void rejectsDuplicatesAndEquivalentTemplates() throws DeploymentException {
        UriTemplateRouter<String> r = router("/a/b", "/a/{x}");
        assertEquals("Duplicate endpoint path \"/a/b\": it is already registered",
                assertThrows(DeploymentException.class, () -> r.add(UriTemplate.parse("/a/b"), "again"))
                        .getMessage());
        assertEquals("Duplicate endpoint path \"/a/{y}\": it is equivalent to the already registered path \"/a/{x}\"",
                assertThrows(DeploymentException.class, () -> r.add(UriTemplate.parse("/a/{y}"), "y"))
                        .getMessage());
        assertEquals("Duplicate endpoint path \"/%61/b\": it is equivalent to the already registered path \"/a/b\"",
                assertThrows(DeploymentException.class, () -> r.add(UriTemplate.parse("/%61/b"), "z"))
                        .getMessage());
        assertEquals(List.of("/a/b", "/a/{x}"), r.templates().stream().map(UriTemplate::toString).toList());
        assertEquals("/a/{x} {x=c}", find(r, "/a/c"), "a failed add leaves the router unchanged");
    }

    @Test
    void matchCarriesTemplateAndUnmodifiableParameters() throws DeploymentException {
        UriTemplateRouter<String> r = router("/rooms/{room}/users/{user}");
        UriTemplateRouter.Match<String> m = r.find("/rooms/lobby/users/ann");
        assertEquals("/rooms/{room}/users/{user}", m.template().toString());
        assertEquals(Map.of("room", "lobby", "user", "ann"), m.pathParameters());
        assertEquals(List.of("room", "user"), List.copyOf(m.pathParameters().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> m.pathParameters().put("x", "y"));
    }
}
