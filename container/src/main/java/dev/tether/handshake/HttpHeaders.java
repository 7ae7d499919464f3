package dev.tether.handshake;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The header fields of an HTTP head, in the order they came, with their names as spelled,
 * looked up case-insensitively.
 *
 * <p>This class holds fields; it does not check their syntax. {@link HttpHeadParser} checks
 * what arrives and the response and request writers check what leaves.
 *
 * <p>Immutable and thread-safe.
 */
public final class HttpHeaders {
    private static final HttpHeaders EMPTY = new HttpHeaders(List.of());

    private final List<Field> fields;
    private final Map<String, List<String>> byName;
    private final List<String> names;

    /**
     * One header line.
     *
     * @param name  the field name as spelled
     * @param value the field value, surrounding whitespace trimmed
     */
    public record Field(String name, String value) {
        public Field {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    private HttpHeaders(List<Field> fields) {
        this.fields = List.copyOf(fields);
        TreeMap<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        List<String> distinctNames = new ArrayList<>();
        for (Field field : this.fields) {
            List<String> values = map.get(field.name());
            if (values == null) {
                values = new ArrayList<>(1);
                map.put(field.name(), values);
                distinctNames.add(field.name());
            }
            values.add(field.value());
        }
        map.replaceAll((name, values) -> List.copyOf(values));
        this.byName = Collections.unmodifiableMap(map);
        this.names = List.copyOf(distinctNames);
    }

    /** No fields. */
    public static HttpHeaders empty() {
        return EMPTY;
    }

    /** The given fields, in this order. */
    public static HttpHeaders of(List<Field> fields) {
        return fields.isEmpty() ? EMPTY : new HttpHeaders(fields);
    }

    /** Every field, in the order received. */
    public List<Field> fields() {
        return fields;
    }

    /** Number of fields (lines), counting repeated names. */
    public int size() {
        return fields.size();
    }

    /** The first value of the field {@code name}, or {@code null} if absent. */
    public String first(String name) {
        List<String> values = byName.get(name);
        return values == null ? null : values.get(0);
    }

    /** Every value of the field {@code name} in order, empty if absent. */
    public List<String> all(String name) {
        return byName.getOrDefault(name, List.of());
    }

    /** Whether the field {@code name} is present. */
    public boolean contains(String name) {
        return byName.containsKey(name);
    }

    /** The distinct field names, spelled as at their first occurrence, in order of arrival. */
    public List<String> names() {
        return names;
    }

    /**
     * All fields by name: unmodifiable, keys case-insensitive (and iterated in
     * case-insensitive alphabetical order), values in order of arrival.
     */
    public Map<String, List<String>> asMap() {
        return byName;
    }

    /**
     * The comma-separated list elements of every {@code name} field: split, trimmed,
     * empty elements dropped, order kept.
     */
    public List<String> listElements(String name) {
        return HttpSyntax.listElements(all(name));
    }

    /**
     * Whether the comma-separated lists in the {@code name} fields contain {@code token},
     * compared case-insensitively ({@code Connection: keep-alive, Upgrade} contains
     * {@code upgrade}).
     */
    public boolean containsToken(String name, String token) {
        for (String element : listElements(name)) {
            if (element.equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HttpHeaders other && fields.equals(other.fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return fields.toString();
    }
}
