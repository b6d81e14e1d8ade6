package dev.seedforge.generator.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.ValidationMessage;

import dev.seedforge.contracts.Conversation;
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.FieldError;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.SpecPath;
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

    /**
     * The job's list and, when its examples declare their own ({@link JobSpec#perExampleTools}), each seed's, named as
     * the seed writes it (ShareGPT's {@code tools} string holds bare functions, OpenAI's list wrapped ones).
     */
    public static List<FieldError> problems(JobSpec spec) {
        List<FieldError> errors = new ArrayList<>(problems(spec.tools()));
        if (spec.perExampleTools()) {
            for (int i = 0; i < spec.seeds().size(); i++) {
                Conversation seed = spec.seeds().get(i);
                ExampleFormat written = seed.format() != null ? seed.format() : spec.format();
                errors.addAll(problems(seed.tools(), SpecPath.field(SpecPath.element("seeds", i), "tools"),
                        written == ExampleFormat.SHAREGPT));
            }
        }
        return errors;
    }

    /** As above, for a job's tools or a seed's own ({@code field} "seeds[2].tools"). */
    public static List<FieldError> problems(List<JsonNode> tools, String field) {
        return problems(tools, field, false);
    }

    private static List<FieldError> problems(List<JsonNode> tools, String field, boolean writtenBare) {
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
                String toolAt = SpecPath.element(field, i);
                String at = SpecPath.field(tool.has("function") && !writtenBare ? SpecPath.field(toolAt, "function")
                        : toolAt, "parameters");
                errors.add(new FieldError(at, "is not a valid JSON Schema: " + messages.stream()
                        .map(ValidationMessage::getMessage).sorted().limit(MAX_MESSAGES)
                        .collect(Collectors.joining("; "))));
            }
        }
        return errors;
    }
}
