package dev.tether.endpoint;

import jakarta.websocket.DeploymentException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UriTemplateTest {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/a", "/a/b/", "/bookings/{guest-id}", "/{bar}/b/c", "/a/{var1}/{var2}",
            "/a/b.c/~d_e", "/caf\u00e9", "/a%20b", "/x:y@z/!$&'()*+,;=", "/{a.b_c-9}"})
    void acceptsValidTemplates(String path) throws DeploymentException {
        assertEquals(path, UriTemplate.parse(path).toString());
    }

    @Test
    void listsVariablesInOrder() throws DeploymentException {
        UriTemplate t = UriTemplate.parse("/a/{z}/b/{y}/{x}");
        assertEquals(List.of("z", "y", "x"), List.copyOf(t.variableNames()));
        assertFalse(t.isExact());
        assertEquals(5, t.segmentCount());
        assertTrue(UriTemplate.parse("/a/b").isExact());
        assertEquals(1, UriTemplate.parse("/").segmentCount());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''            | Invalid endpoint path \"\": it must start with '/'",
            "a/{var}       | Invalid endpoint path \"a/{var}\": it must start with '/'",
            "//            | Invalid endpoint path \"//\": it must not contain an empty segment '//'",
            "/a//b         | Invalid endpoint path \"/a//b\": it must not contain an empty segment '//'",
            "/a/./b        | Invalid endpoint path \"/a/./b\": it must not contain the dot segment '.'",
            "/a/../b       | Invalid endpoint path \"/a/../b\": it must not contain the dot segment '..'",
            "/a/..         | Invalid endpoint path \"/a/..\": it must not contain the dot segment '..'",
            "/a/%2E        | Invalid endpoint path \"/a/%2E\": it must not contain the dot segment '%2E'",
            "/a/{b         | Invalid endpoint path \"/a/{b\": segment '{b' must be either a literal or a whole-segment variable {name}",
            "/a/b}         | Invalid endpoint path \"/a/b}\": segment 'b}' must be either a literal or a whole-segment variable {name}",
            "/a/b{c}       | Invalid endpoint path \"/a/b{c}\": segment 'b{c}' must be either a literal or a whole-segment variable {name}",
            "/{var}.do     | Invalid endpoint path \"/{var}.do\": segment '{var}.do' must be either a literal or a whole-segment variable {name}",
            "/a/{var/b}    | Invalid endpoint path \"/a/{var/b}\": segment '{var' must be either a literal or a whole-segment variable {name}",
            "/a/{{b}}      | Invalid endpoint path \"/a/{{b}}\": segment '{{b}}' must be either a literal or a whole-segment variable {name}",
            "/a/{}         | Invalid endpoint path \"/a/{}\": variable name in '{}' is empty",
            "/a/{var*}     | Invalid endpoint path \"/a/{var*}\": variable name 'var*' may only contain letters, digits, '_', '-' and '.'",
            "/a/{+var}     | Invalid endpoint path \"/a/{+var}\": variable name '+var' may only contain letters, digits, '_', '-' and '.'",
            "/{a}/{a}      | Invalid endpoint path \"/{a}/{a}\": variable {a} is used more than once",
            "/a?b=c        | Invalid endpoint path \"/a?b=c\": it must not contain a query or fragment ('?')",
            "/a#f          | Invalid endpoint path \"/a#f\": it must not contain a query or fragment ('#')",
            "/a b          | Invalid endpoint path \"/a b\": character ' ' is not allowed in a path; percent-encode it",
            "/a/[b]        | Invalid endpoint path \"/a/[b]\": character '[' is not allowed in a path; percent-encode it",
            "/a%2          | Invalid endpoint path \"/a%2\": '%' must start a percent escape of two hex digits",
            "/a%zz         | Invalid endpoint path \"/a%zz\": '%' must start a percent escape of two hex digits",
    })
    void rejectsInvalidTemplatesNamingPathAndRule(String path, String message) {
        DeploymentException e = assertThrows(DeploymentException.class, () -> UriTemplate.parse(path));
        assertEquals(message, e.getMessage());
    }

    @Test
    void rejectsNull() {
        assertEquals("Endpoint path is missing (null)",
                assertThrows(DeploymentException.class, () -> UriTemplate.parse(null)).getMessage());
    }

    @Test
    void matchesExactPathOnly() throws DeploymentException {
        UriTemplate t = UriTemplate.parse("/a/b/");
        assertEquals(Map.of(), t.match("/a/b/"));
        assertNull(t.match("/a/b"));
        assertNull(t.match("/a/b/c"));
        assertEquals(Map.of(), UriTemplate.parse("/").match("/"));
        assertNull(UriTemplate.parse("/").match("/a"));
    }

    @Test
    void variableMatchesOneNonEmptySegment() throws DeploymentException {
        UriTemplate t = UriTemplate.parse("/a/{var}");
        assertEquals(Map.of("var", "b"), t.match("/a/b"));
        assertEquals(Map.of("var", "apple"), t.match("/a/apple"));
        assertNull(t.match("/a"));
        assertNull(t.match("/a/"));
        assertNull(t.match("/a/b/"));
        assertNull(t.match("/a/b/c"));
        assertNull(t.match("a/b"));
        assertNull(t.match(""));
    }

    @Test
    void variableValuesAreDecodedAfterSplitting() throws DeploymentException {
        UriTemplate t = UriTemplate.parse("/a/{v}/{w}");
        assertEquals(Map.of("v", "x y", "w", "caf\u00e9"), t.match("/a/x%20y/caf%C3%A9"));
        assertEquals(Map.of("v", "x/y", "w", "z"), t.match("/a/x%2Fy/z"));
        assertEquals(Map.of("v", "x+y", "w", "z"), t.match("/a/x+y/z"), "'+' is not a space in a path");
        assertNull(t.match("/a/%zz/z"), "malformed escape");
        assertNull(t.match("/a/%FF/z"), "not UTF-8");
    }

    @Test
    void literalsCompareInNormalForm() throws DeploymentException {
        assertEquals(Map.of(), UriTemplate.parse("/caf\u00e9").match("/caf%c3%a9"));
        assertEquals(Map.of(), UriTemplate.parse("/caf%C3%A9").match("/caf\u00e9"));
        assertEquals(Map.of(), UriTemplate.parse("/abc").match("/%61b%63"));
        assertEquals(Map.of(), UriTemplate.parse("/a%2fb").match("/a%2Fb"));
        assertNull(UriTemplate.parse("/a%2Fb").match("/a/b"), "an encoded '/' is not a separator");
        assertEquals(Map.of(), UriTemplate.parse("/a b".replace(" ", "%20")).match("/a b"));
    }

    @Test
    void dotSegmentsOfTheRequestAreResolved() throws DeploymentException {
        UriTemplate t = UriTemplate.parse("/a/{v}");
        assertEquals(Map.of("v", "c"), t.match("/a/b/../c"));
        assertEquals(Map.of("v", "c"), t.match("/a/./c"));
        assertEquals(Map.of("v", "c"), t.match("/../a/c"));
        assertEquals(Map.of(), UriTemplate.parse("/a/").match("/a/b/.."));
    }

    @Test
    void queryAndFragmentAreNotPartOfThePath() throws DeploymentException {
        UriTemplate t = UriTemplate.parse("/a/{v}");
        assertEquals(Map.of("v", "b"), t.match("/a/b?x=/y"));
        assertEquals(Map.of("v", "b"), t.match("/a/b#frag"));
    }

    @Test
    void equivalenceIgnoresVariableNames() throws DeploymentException {
        assertTrue(UriTemplate.parse("/a/{x}").isEquivalentTo(UriTemplate.parse("/a/{y}")));
        assertTrue(UriTemplate.parse("/caf\u00e9").isEquivalentTo(UriTemplate.parse("/caf%C3%A9")));
        assertFalse(UriTemplate.parse("/a/{x}").isEquivalentTo(UriTemplate.parse("/a/x")));
        assertFalse(UriTemplate.parse("/a/{x}").isEquivalentTo(UriTemplate.parse("/a/{x}/")));
        assertEquals(UriTemplate.parse("/a/{x}"), UriTemplate.parse("/a/{x}"));
        assertFalse(UriTemplate.parse("/a/{x}").equals(UriTemplate.parse("/a/{y}")));
    }
}
