package dev.seedforge.contracts;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A JSON Schema in a spec must not reach outside itself: a {@code $ref} (or {@code $dynamicRef},
 * {@code $recursiveRef}) may only point into the schema ({@code #...}), and {@code $schema} may only name a standard
 * draft, so that no service ever fetches a URL or reads a file a tenant names. Checked at submission; the services'
 * schema factories also refuse to load anything (see the validator's {@code OfflineSchemas}).
 */
public final class SelfContainedSchemas {

    private static final Set<String> REFERENCE_KEYWORDS = Set.of("$ref", "$dynamicRef", "$recursiveRef");
    private static final Set<String> STANDARD_DRAFTS = Set.of("https://json-schema.org/draft/2020-12/schema",
            "https://json-schema.org/draft/2019-09/schema", "http://json-schema.org/draft-07/schema#",
            "http://json-schema.org/draft-07/schema", "http://json-schema.org/draft-06/schema#",
            "http://json-schema.org/draft-04/schema#");
    private static final int MAX_ERRORS = 10;

    private SelfContainedSchemas() {
    }

    /** Every reference of {@code schema} that points outside it, each named by its path below {@code field}. */
    public static void check(JsonNode schema, String field, List<FieldError> errors) {
        walk(schema, field, errors, errors.size() + MAX_ERRORS);
    }

    private static void walk(JsonNode node, String path, List<FieldError> errors, int limit) {
        if (errors.size() >= limit || node == null) {
            return;
        }
        if (node.isObject()) {
            node.properties().forEach(field -> {
                String key = field.getKey();
                JsonNode value = field.getValue();
                String where = SpecPath.field(path, key);
                if (REFERENCE_KEYWORDS.contains(key) && value.isTextual() && !value.asText().startsWith("#")) {
                    errors.add(new FieldError(where, "points outside the schema ('" + value.asText()
                            + "'); a schema must be self-contained: put the definition under $defs and refer to it"
                            + " as '#/$defs/...'"));
                } else if ("$schema".equals(key) && value.isTextual() && !STANDARD_DRAFTS.contains(value.asText())) {
                    errors.add(new FieldError(where, "names '" + value.asText() + "'; only the standard drafts"
                            + " (e.g. https://json-schema.org/draft/2020-12/schema) are allowed, nothing is fetched"));
                } else {
                    walk(value, where, errors, limit);
                }
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), SpecPath.element(path, i), errors, limit);
            }
        }
    }
}
