package chipsweep.cli;

import chipsweep.InputException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A JSON object of a job file being read, with its dotted path for messages: rejects unknown fields by name,
 * checks each value's type, and fills in defaults. Every problem becomes a one-line {@link InputException}
 * naming the file, the field and the value.
 *
 * <p>Thread-safety: not shared; one per object read.
 */
final class JsonObject {
    private final String file;
    private final String path;
    private final JsonNode node;
    private final Set<String> allowed;

    JsonObject(String file, String path, JsonNode node, Set<String> allowed) {
        this.file = file;
        this.path = path;
        this.allowed = allowed;
        if (node == null || node.isMissingNode() || node.isNull()) {
            this.node = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        } else if (!node.isObject()) {
            throw InputException.field(file, path.isEmpty() ? "(top level)" : path, "must be a JSON object", node);
        } else {
            this.node = node;
        }
        for (Iterator<String> it = this.node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw new InputException(file + ": unknown field '" + qualified(f) + "' (known: "
                        + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
        }
    }

    /** The dotted path of this object in the file ({@code ""} at the top level). */
    String path() {
        return path;
    }

    String qualified(String f) {
        return path.isEmpty() ? f : path + "." + f;
    }

    boolean has(String f) {
        return node.has(f) && !node.get(f).isNull();
    }

    JsonObject object(String f, Set<String> allowed) {
        return new JsonObject(file, qualified(f), node.get(f), allowed);
    }

    String text(String f, String def) {
        if (!has(f)) {
            if (def == null) {
                throw missing(f);
            }
            return def;
        }
        JsonNode v = node.get(f);
        if (!v.isTextual()) {
            throw InputException.field(file, qualified(f), "must be a string", v);
        }
        return v.asText();
    }

    long integer(String f, long def) {
        if (!has(f)) {
            return def;
        }
        return integerValue(qualified(f), node.get(f));
    }

    /** An integer setting that must fit a Java {@code int}. */
    int int32(String f, int def) {
        if (!has(f)) {
            return def;
        }
        return int32Value(qualified(f), node.get(f));
    }

    double number(String f, double def) {
        if (!has(f)) {
            return def;
        }
        return numberValue(qualified(f), node.get(f));
    }

    List<Integer> intList(String f, List<Integer> def) {
        return list(f, def, v -> int32Value(qualified(f), v));
    }

    /** Like {@link #intList} but values may repeat (a sequence such as layer sizes, not an axis). */
    List<Integer> intSequence(String f, List<Integer> def) {
        return list(f, def, v -> int32Value(qualified(f), v), true);
    }

    List<Double> numberList(String f, List<Double> def) {
        return list(f, def, v -> numberValue(qualified(f), v));
    }

    List<String> textList(String f, List<String> def) {
        return list(f, def, v -> {
            if (!v.isTextual()) {
                throw InputException.field(file, qualified(f), "must hold strings", v);
            }
            return v.asText();
        });
    }

    /** The elements of array field {@code f}, each checked by {@code read}; a non-empty list without repeats. */
    <T> List<T> list(String f, List<T> def, Function<JsonNode, T> read) {
        return list(f, def, read, false);
    }

    private <T> List<T> list(String f, List<T> def, Function<JsonNode, T> read, boolean repeats) {
        if (!has(f)) {
            if (def == null) {
                throw missing(f);
            }
            return def;
        }
        JsonNode v = node.get(f);
        if (!v.isArray()) {
            throw InputException.field(file, qualified(f), "must be an array", v);
        }
        if (v.isEmpty()) {
            throw InputException.field(file, qualified(f), "must not be empty", v);
        }
        List<T> out = new ArrayList<>();
        Set<T> seen = new LinkedHashSet<>();
        for (JsonNode e : v) {
            T t = read.apply(e);
            if (!seen.add(t) && !repeats) {
                throw InputException.field(file, qualified(f), "must not repeat a value", e);
            }
            out.add(t);
        }
        return out;
    }

    JsonNode raw(String f) {
        return node.get(f);
    }

    InputException invalid(String f, String problem, Object value) {
        return InputException.field(file, qualified(f), problem, value);
    }

    /** {@code file: field 'path.f': is required, but was missing}. */
    InputException missing(String f) {
        return new InputException(file + ": field '" + qualified(f) + "': is required, but was missing");
    }

    /** Whether {@code f} is one of this object's known fields. */
    boolean knows(String f) {
        return allowed.contains(f);
    }

    private long integerValue(String field, JsonNode v) {
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw InputException.field(file, field, "must be an integer", v);
        }
        return v.asLong();
    }

    private int int32Value(String field, JsonNode v) {
        if (!v.isIntegralNumber()) {
            throw InputException.field(file, field, "must be an integer", v);
        }
        if (!v.canConvertToInt()) {
            throw InputException.field(file, field, "must be an integer from " + Integer.MIN_VALUE + " to "
                    + Integer.MAX_VALUE, v);
        }
        return v.asInt();
    }

    private double numberValue(String field, JsonNode v) {
        if (!v.isNumber()) {
            throw InputException.field(file, field, "must be a number", v);
        }
        double d = v.asDouble();
        if (!Double.isFinite(d)) {
            throw InputException.field(file, field, "must be finite", d);
        }
        return d == 0.0 ? 0.0 : d; // fold -0.0: a repeated axis value, and the same seed (Seeds folds it too)
    }
}
