package dev.seedforge.contracts;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonMappingException;

/**
 * How an error names a place in a spec: fields joined by dots, list elements by their index in brackets
 * ({@code rules.reply_must_match[0]}, {@code seeds[2].messages[1]}), empty at the top. The one spelling of it, whether
 * the place comes from a walk of the spec's tree, the parser reading it or a mapping error.
 */
public final class SpecPath {

    private SpecPath() {
    }

    /** The field {@code name} of the object at {@code parent}. */
    public static String field(String parent, String name) {
        return parent.isEmpty() ? name : parent + "." + name;
    }

    /** Element {@code index} of the list at {@code parent}. */
    public static String element(String parent, int index) {
        return parent + "[" + index + "]";
    }

    /** The place a parser's context stands for: each enclosing object's current field and array's current index. */
    public static String of(JsonStreamContext context) {
        Deque<JsonStreamContext> steps = new ArrayDeque<>();
        for (JsonStreamContext step = context; step != null && !step.inRoot(); step = step.getParent()) {
            steps.push(step);
        }
        String path = "";
        for (JsonStreamContext step : steps) {
            path = step.inArray() ? element(path, step.getCurrentIndex())
                    : step.getCurrentName() == null ? path : field(path, step.getCurrentName());
        }
        return path;
    }

    /** The place a mapping error's references lead to. */
    public static String of(List<JsonMappingException.Reference> references) {
        String path = "";
        for (JsonMappingException.Reference reference : references) {
            path = reference.getFieldName() != null ? field(path, reference.getFieldName())
                    : element(path, reference.getIndex());
        }
        return path;
    }
}
