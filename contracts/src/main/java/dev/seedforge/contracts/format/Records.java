package dev.seedforge.contracts.format;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Small JSON helpers the format homes share. */
final class Records {

    static final ObjectMapper JSON = new ObjectMapper();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Records() {
    }

    static JsonNode parseOrNull(String text) {
        try {
            return text == null ? null : JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    static JsonNode parseOrText(String text) {
        try {
            return text == null ? NODES.nullNode() : JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return NODES.textNode(text);
        }
    }

    static JsonNode requireArray(JsonNode record, String field) {
        JsonNode node = record.get(field);
        if (node == null || !node.isArray()) {
            throw new IllegalArgumentException(field + ": expected an array");
        }
        return node;
    }

    static String requireText(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException(where + "." + field + ": expected a string");
        }
        return value.asText();
    }

    static String textOrNull(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() || value.isMissingNode() ? null : value.asText();
    }

    /** Arguments as the JSON text a model wrote: kept verbatim when a string, written out when an object. */
    static String argumentsText(JsonNode arguments) {
        return arguments == null || arguments.isMissingNode() || arguments.isNull() ? null
                : arguments.isTextual() ? arguments.asText() : arguments.toString();
    }

    /** OpenAI wants {@code {"type":"function","function":{...}}}; a bare function definition is wrapped. */
    static JsonNode openAiTool(JsonNode tool) {
        if (tool.has("type") && tool.has("function")) {
            return tool;
        }
        ObjectNode wrapped = NODES.objectNode();
        wrapped.put("type", "function");
        wrapped.set("function", tool);
        return wrapped;
    }

    /** A {@code tools} value (a list, or a JSON string of one, as LLaMA-Factory writes it) in OpenAI's form. */
    static List<JsonNode> toolList(JsonNode tools) {
        if (tools == null || tools.isNull() || tools.isMissingNode()) {
            return List.of();
        }
        if (tools.isTextual()) {
            if (tools.asText().isBlank()) {
                return List.of();
            }
            tools = parseOrNull(tools.asText());
            if (tools == null) {
                throw new IllegalArgumentException("tools: not a JSON list of functions");
            }
        }
        if (!tools.isArray()) {
            throw new IllegalArgumentException("tools: expected a list of functions");
        }
        List<JsonNode> definitions = new ArrayList<>();
        tools.forEach(tool -> definitions.add(openAiTool(tool)));
        return definitions;
    }

    static ObjectNode copy(JsonNode record) {
        if (record == null || !record.isObject()) {
            throw new IllegalArgumentException("an example must be a JSON object");
        }
        return ((ObjectNode) record).deepCopy();
    }
}
