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
 * with the axis that would ask for each; a field the spec already varies by an axis of its name is not.
 */
public final class LabelCoverage {

    private LabelCoverage() {
    }

    public static List<FieldError> check(JobSpec spec) {
        JsonNode schema = spec.rules() == null ? null : spec.rules().replyJsonSchema();
        if (schema == null || !schema.isObject()) {
            return List.of();
        }
        Map<String, List<String>> labelled = new LinkedHashMap<>();
        schema.path("properties").properties().forEach(property -> {
            List<String> values = scalars(property.getValue().path("enum"));
            if (values.size() > 1) {
                labelled.put(property.getKey(), values);
            }
        });
        List<JsonNode> replies = spec.seeds().stream().map(LabelCoverage::reply).filter(Objects::nonNull).toList();
        List<FieldError> warnings = new ArrayList<>();
        for (Map.Entry<String, List<String>> field : labelled.entrySet()) {
            if (spec.axesOrEmpty().containsKey(field.getKey())) {
                continue;
            }
            Set<String> used = new LinkedHashSet<>();
            for (JsonNode reply : replies) {
                if (reply.path(field.getKey()).isValueNode()) {
                    used.add(reply.path(field.getKey()).asText());
                }
            }
            List<String> missing = field.getValue().stream().filter(value -> !used.contains(value)).toList();
            if (used.isEmpty() || missing.isEmpty()) {
                continue;
            }
            warnings.add(new FieldError("rules.reply_json_schema", "the seeds' replies give '" + field.getKey() + "' "
                    + used.size() + " of its " + field.getValue().size() + " values (" + String.join(", ", used)
                    + "): a teacher imitates its seeds, so " + missing.size() + " may never appear ("
                    + String.join(", ", missing.subList(0, Math.min(5, missing.size())))
                    + (missing.size() > 5 ? ", ..." : "") + "); list them in an axis (axes: {" + field.getKey()
                    + ": [...]}) to ask for each"));
        }
        return warnings;
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
            return reply != null && reply.isObject() ? reply : null;
        } catch (java.io.IOException notJson) {
            return null;
        }
    }
}
