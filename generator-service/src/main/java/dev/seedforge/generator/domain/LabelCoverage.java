package dev.seedforge.generator.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedforge.contracts.ChatTurn;
import dev.seedforge.contracts.Conversation;
import dev.seedforge.contracts.FieldError;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.Json;

/**
 * A reply schema that lists a field's values ({@code enum}: a classifier's labels) and seeds whose replies give only
 * some of them: the teacher imitates its seeds, so the other values may never appear in the dataset. Said in the plan,
 * with the axis that would ask for each; a field the spec already varies by an axis of its name is not. Fields are
 * found at any depth, in nested objects and in the items of arrays (an extraction's entities, each with its type).
 */
public final class LabelCoverage {

    private LabelCoverage() {
    }

    public static List<FieldError> check(JobSpec spec) {
        JsonNode schema = spec.rules() == null ? null : spec.rules().replyJsonSchema();
        if (schema == null || !schema.isObject()) {
            return List.of();
        }
        Map<List<String>, List<String>> labelled = new LinkedHashMap<>();
        collect(schema, new ArrayList<>(), labelled, 0);
        List<JsonNode> replies = spec.seeds().stream().map(LabelCoverage::reply).filter(Objects::nonNull).toList();
        List<FieldError> warnings = new ArrayList<>();
        for (Map.Entry<List<String>, List<String>> field : labelled.entrySet()) {
            String name = field.getKey().stream().filter(step -> !"[]".equals(step)).reduce((a, b) -> b)
                    .orElse("label");
            if (spec.axesOrEmpty().containsKey(name)) {
                continue;
            }
            Set<String> used = new LinkedHashSet<>();
            for (JsonNode reply : replies) {
                valuesAt(reply, field.getKey(), 0, used);
            }
            List<String> missing = field.getValue().stream().filter(value -> !used.contains(value)).toList();
            if (used.isEmpty() || missing.isEmpty()) {
                continue;
            }
            warnings.add(new FieldError("rules.reply_json_schema", "the seeds' replies give '"
                    + String.join(".", field.getKey()).replace(".[]", "[]") + "' " + used.size() + " of its "
                    + field.getValue().size() + " values (" + String.join(", ", used)
                    + "): a teacher imitates its seeds, so " + missing.size() + " may never appear ("
                    + String.join(", ", missing.subList(0, Math.min(5, missing.size())))
                    + (missing.size() > 5 ? ", ..." : "") + "); list them in an axis (axes: {" + name
                    + ": [...]}) to ask for each"));
        }
        return warnings;
    }

    /**
     * The fields with an {@code enum} of several values, by their path from the reply: property names, and
     * {@code []} for the items of an array (an extraction's list of entities, each with a type).
     */
    private static void collect(JsonNode schema, List<String> path, Map<List<String>, List<String>> labelled,
            int depth) {
        if (depth > 8) {
            return;
        }
        List<String> values = scalars(schema.path("enum"));
        if (values.size() > 1 && !path.isEmpty()) {
            labelled.put(List.copyOf(path), values);
        }
        schema.path("properties").properties().forEach(property -> {
            path.add(property.getKey());
            collect(property.getValue(), path, labelled, depth + 1);
            path.remove(path.size() - 1);
        });
        if (schema.path("items").isObject()) {
            path.add("[]");
            collect(schema.get("items"), path, labelled, depth + 1);
            path.remove(path.size() - 1);
        }
    }

    private static void valuesAt(JsonNode node, List<String> path, int step, Set<String> into) {
        if (step == path.size()) {
            if (node.isValueNode() && !node.isNull()) {
                into.add(node.asText());
            }
        } else if ("[]".equals(path.get(step))) {
            node.forEach(item -> valuesAt(item, path, step + 1, into));
        } else if (node.isObject()) {
            valuesAt(node.path(path.get(step)), path, step + 1, into);
        }
    }

    private static List<String> scalars(JsonNode values) {
        List<String> scalars = new ArrayList<>();
        values.forEach(value -> {
            if (value.isValueNode() && !value.isNull()) {
                scalars.add(value.asText());
            }
        });
        return scalars;
    }

    private static JsonNode reply(Conversation seed) {
        int index = ChatTurn.finalReplyIndex(seed.messages());
        if (index < 0) {
            return null;
        }
        try {
            JsonNode reply = Json.MAPPER.readTree(seed.messages().get(index).content());
            return reply != null && (reply.isObject() || reply.isArray()) ? reply : null;
        } catch (java.io.IOException notJson) {
            return null;
        }
    }
}
