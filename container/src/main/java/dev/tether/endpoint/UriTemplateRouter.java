package dev.tether.endpoint;

import jakarta.websocket.DeploymentException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the endpoint for a request path among deployed {@link UriTemplate}s, following the
 * precedence of Jakarta WebSocket 2.2 §3.1.1.
 *
 * <h2>Precedence</h2>
 * A path with no variables that equals the request path (in normal form) wins; this case is one
 * {@code HashMap} lookup. Otherwise only templates with as many segments as the request path
 * are candidates, and they are narrowed segment by segment from the left: where some candidate
 * has a literal equal to the request's segment, only those candidates stay; otherwise those
 * with a variable there stay (a variable never matches an empty segment). Whatever is left at
 * the end is the match. As in the spec this is greedy: with {@code /a/b/c} and
 * {@code /{x}/b/d} deployed, {@code /a/b/d} matches nothing, because at the first segment the
 * literal {@code a} is preferred and {@code /{x}/b/d} is dropped.
 *
 * <p>Two equivalent templates ({@code /a/{x}} and {@code /a/{y}}, or twice {@code /a}) are
 * rejected by {@link #add}, so at most one template is left.
 *
 * <h2>Paths</h2>
 * {@link #find} takes the raw (still percent-encoded) path of the request URI, starting with
 * {@code '/'}, with no query string: the query is not part of the path the spec matches, and
 * anything from the first {@code '?'} or {@code '#'} is ignored. Normalization and decoding of
 * variable values are as described on {@link UriTemplate}.
 *
 * <h2>Threading</h2>
 * Thread-safe. {@link #find} is lock-free and may run on any thread while {@link #add} runs:
 * the spec lets applications add endpoints after deployment, so {@code add} (rare) builds a new
 * immutable snapshot under a lock and publishes it, and a {@code find} sees either the old or
 * the new set of templates, never a partial one.
 *
 * @param <T> what a template routes to, e.g. the endpoint's configuration
 */
public final class UriTemplateRouter<T> {

    /**
     * A successful lookup.
     *
     * @param template       the template that matched
     * @param value          what it was registered with
     * @param pathParameters its variables and their percent-decoded values, in template order;
     *                       unmodifiable, empty for a path without variables
     * @param <T>            the router's value type
     */
    public record Match<T>(UriTemplate template, T value, Map<String, String> pathParameters) {
    }

    private record Entry<T>(UriTemplate template, T value) {
    }

    /** One segment position of the templates that share the literal/variable choices so far. */
    private static final class Node<T> {
        final Map<String, Node<T>> literals = new HashMap<>();
        Node<T> variable;
        Entry<T> entry;
    }

    /** Everything {@link #find} reads; never modified once published. */
    private static final class Snapshot<T> {
        final List<Entry<T>> entries;
        /** Normal form of each template without variables. */
        final Map<String, Entry<T>> exact = new HashMap<>();
        /** One trie per segment count; exact templates are in it too, as the spec's walk needs. */
        final Map<Integer, Node<T>> bySegmentCount = new HashMap<>();

        Snapshot(List<Entry<T>> entries) {
            this.entries = entries;
            for (Entry<T> entry : entries) {
                UriTemplate template = entry.template();
                if (template.isExact()) {
                    exact.put(template.equivalenceKey(), entry);
                }
                Node<T> node = bySegmentCount.computeIfAbsent(template.segmentCount(), n -> new Node<>());
                for (int i = 0; i < template.segmentCount(); i++) {
                    String literal = template.literalAt(i);
                    if (literal != null) {
                        node = node.literals.computeIfAbsent(literal, l -> new Node<>());
                    } else {
                        if (node.variable == null) {
                            node.variable = new Node<>();
                        }
                        node = node.variable;
                    }
                }
                node.entry = entry;
            }
        }
    }

    private volatile Snapshot<T> snapshot = new Snapshot<>(List.of());

    /** Creates an empty router. */
    public UriTemplateRouter() {
    }

    /**
     * Registers a template.
     *
     * @throws DeploymentException if an equivalent template is already registered (the same
     *                             path, or the same shape with other variable names)
     * @throws NullPointerException if an argument is null
     */
    public synchronized void add(UriTemplate template, T value) throws DeploymentException {
        if (template == null || value == null) {
            throw new NullPointerException("template and value are required");
        }
        Snapshot<T> current = snapshot;
        for (Entry<T> entry : current.entries) {
            if (entry.template().isEquivalentTo(template)) {
                String how = entry.template().template().equals(template.template())
                        ? "is already registered"
                        : "is equivalent to the already registered path \"" + entry.template() + "\"";
                throw new DeploymentException("Duplicate endpoint path \"" + template + "\": it " + how);
            }
        }
        List<Entry<T>> entries = new ArrayList<>(current.entries.size() + 1);
        entries.addAll(current.entries);
        entries.add(new Entry<>(template, value));
        snapshot = new Snapshot<>(Collections.unmodifiableList(entries));
    }

    /**
     * Finds the best match for a request path.
     *
     * @param path the raw request path (no query string; see the class comment)
     * @return the match, or {@code null} if no template matches
     */
    public Match<T> find(String path) {
        Snapshot<T> current = snapshot;
        path = UriTemplate.withoutQuery(path);
        Entry<T> exact = current.exact.get(path);
        if (exact != null) {
            return new Match<>(exact.template(), exact.value(), Map.of());
        }
        String[] segments = UriTemplate.requestSegments(path);
        if (segments == null) {
            return null;
        }
        String normal = "/" + String.join("/", segments);
        if (!normal.equals(path)) {
            exact = current.exact.get(normal);
            if (exact != null) {
                return new Match<>(exact.template(), exact.value(), Map.of());
            }
        }
        Node<T> node = current.bySegmentCount.get(segments.length);
        for (int i = 0; node != null && i < segments.length; i++) {
            Node<T> next = node.literals.get(segments[i]);
            if (next == null && !segments[i].isEmpty()) {
                next = node.variable;
            }
            node = next;
        }
        if (node == null || node.entry == null) {
            return null;
        }
        Map<String, String> parameters = node.entry.template().extract(segments);
        return parameters == null ? null : new Match<>(node.entry.template(), node.entry.value(), parameters);
    }

    /** The registered templates in the order they were added; an unmodifiable snapshot. */
    public List<UriTemplate> templates() {
        List<UriTemplate> out = new ArrayList<>();
        for (Entry<T> entry : snapshot.entries) {
            out.add(entry.template());
        }
        return Collections.unmodifiableList(out);
    }
}
