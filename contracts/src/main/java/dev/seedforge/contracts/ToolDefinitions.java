package dev.seedforge.contracts;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * The one reading of the two shapes a tool definition or a tool call comes in: OpenAI's wrapped
 * {@code {"type": "function", "function": {...}}} and the flat {@code {"name": ..., "parameters": ...}} that ShareGPT,
 * Glaive and older specs write.
 */
public final class ToolDefinitions {

    private ToolDefinitions() {
    }

    /** The object holding the {@code name} (and {@code parameters} or {@code arguments}); null for null. */
    public static JsonNode functionOf(JsonNode toolOrCall) {
        return toolOrCall == null ? null : toolOrCall.has("function") ? toolOrCall.get("function") : toolOrCall;
    }

    /**
     * Tool definitions as one JSON string of bare functions: LLaMA-Factory's {@code tools} column, and how a teacher
     * writes an example's own tools (a string, so a strict structured-output schema can hold any parameters).
     */
    public static String asFunctionList(List<JsonNode> tools) {
        return functions(tools).toString();
    }

    /** Tool definitions as bare functions: what a model needs to read of them, at the fewest tokens. */
    public static ArrayNode functions(List<JsonNode> tools) {
        ArrayNode functions = Json.MAPPER.createArrayNode();
        tools.forEach(tool -> functions.add(functionOf(tool)));
        return functions;
    }

    /**
     * What is wrong with a list of tool definitions, each error naming its place under {@code field} ("tools",
     * "seeds[3].tools"): a definition needs a name, unique in its list, and its {@code parameters}, when given, must be
     * a self-contained JSON Schema of type object. The one rule for a job's list, a seed's and a generated example's.
     */
    public static List<FieldError> problems(List<JsonNode> tools, String field) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            String at = field + "[" + i + "]";
            JsonNode function = functionOf(tool);
            if (function == null || !function.isObject() || !function.path("name").isTextual()
                    || function.path("name").asText().isBlank()) {
                errors.add(new FieldError(at, "needs function.name (OpenAI tool definition)"));
                continue;
            }
            if (!names.add(function.path("name").asText())) {
                errors.add(new FieldError(at, "declares '" + function.path("name").asText()
                        + "' a second time; a tool's name is unique in its list"));
            }
            JsonNode parameters = function.get("parameters");
            String parametersField = at + (tool.has("function") ? ".function" : "") + ".parameters";
            if (parameters != null && (!parameters.isObject() || (parameters.has("type")
                    && !"object".equals(parameters.get("type").asText())))) {
                errors.add(new FieldError(parametersField, "must be a JSON Schema of type object"));
            } else if (parameters != null) {
                SelfContainedSchemas.check(parameters, parametersField, errors);
            }
        }
        return errors;
    }

    /**
     * The tools an example may call: the job's list, or for a job whose examples declare their own
     * ({@link JobSpec#perExampleTools()}), the record's. Throws {@link IllegalArgumentException} when the record's
     * {@code tools} cannot be read.
     */
    public static List<JsonNode> offeredIn(JobSpec spec, ExampleFormat format, JsonNode record) {
        if (spec.perExampleTools()) {
            return format.tools(record);
        }
        return spec.tools() == null ? List.of() : spec.tools();
    }
}
