package dev.seedforge.generator.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.ValidationMessage;

import dev.seedforge.contracts.FieldError;
import dev.seedforge.contracts.ToolDefinitions;
import dev.seedforge.support.schema.OfflineSchemas;

/**
 * Checks each tool's {@code parameters} against the JSON Schema 2020-12 meta-schema (loaded from networknt's classpath
 * by the offline factory, never fetched), so that a job whose schemas the
 * validator could not apply is refused at submission instead of rejecting every candidate it pays for.
 */
public final class ToolSchemas {

    private static final JsonSchema META_SCHEMA = OfflineSchemas.FACTORY
            .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
    private static final int MAX_MESSAGES = 3;

    private ToolSchemas() {
    }

    public static List<FieldError> problems(List<JsonNode> tools) {
        return problems(tools, "tools");
    }

    /** As above, for a job's tools or a seed's own ({@code field} "seeds[2].tools"). */
    public static List<FieldError> problems(List<JsonNode> tools, String field) {
        List<FieldError> errors = new ArrayList<>();
        if (tools == null) {
            return errors;
        }
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            JsonNode function = ToolDefinitions.functionOf(tool);
            JsonNode parameters = function == null ? null : function.get("parameters");
            if (parameters == null || !parameters.isObject()) {
                continue;
            }
            Set<ValidationMessage> messages = META_SCHEMA.validate(parameters);
            if (!messages.isEmpty()) {
                String at = field + "[" + i + "]" + (tool.has("function") ? ".function" : "") + ".parameters";
                errors.add(new FieldError(at, "is not a valid JSON Schema: " + messages.stream()
                        .map(ValidationMessage::getMessage).sorted().limit(MAX_MESSAGES)
                        .collect(Collectors.joining("; "))));
            }
        }
        return errors;
    }
}
