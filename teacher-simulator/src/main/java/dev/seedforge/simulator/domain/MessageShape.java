package dev.seedforge.simulator.domain;

import java.util.HashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How a generated message must be written to fit the response schema of the request
 * ({@code examples[].messages[]}): whether it may carry {@code tool_calls} and {@code tool_call_id}, whether tool
 * calls are flat ({@code {id, name, arguments}}) or OpenAI's nested {@code {id, type, function: {name, arguments}}},
 * and which properties strict mode requires (written as {@code null} when they have no value and may be null), and
 * whether a message may name its speaker ({@code name}, written when the seed it imitates names one).
 * Without a schema, messages are written flat with only the fields they use.
 */
public record MessageShape(boolean schemaKnown, boolean toolCalls, boolean toolCallId, boolean nestedFunction,
        Set<String> required, Set<String> nullable, boolean names) {

    public static final MessageShape PLAIN = new MessageShape(false, true, true, false, Set.of(), Set.of(), true);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public MessageShape {
        required = Set.copyOf(required);
        nullable = Set.copyOf(nullable);
    }

    public static MessageShape of(JsonNode schema) {
        JsonNode item = schema == null ? null
                : resolve(schema, schema.path("properties").path("examples").path("items"));
        item = item == null ? null : resolve(schema, item.path("properties").path("messages").path("items"));
        if (item == null || !item.path("properties").isObject()) {
            return PLAIN;
        }
        JsonNode properties = item.path("properties");
        Set<String> required = new HashSet<>();
        item.path("required").forEach(r -> required.add(r.asText()));
        Set<String> nullable = new HashSet<>();
        properties.fieldNames().forEachRemaining(name -> {
            if (allowsNull(resolve(schema, properties.get(name)))) {
                nullable.add(name);
            }
        });
        boolean nested = false;
        JsonNode calls = resolve(schema, properties.path("tool_calls"));
        if (calls != null) {
            JsonNode callItem = arrayItems(schema, calls);
            nested = callItem != null && callItem.path("properties").has("function");
        }
        return new MessageShape(true, properties.has("tool_calls"), properties.has("tool_call_id"), nested, required,
                nullable, properties.has("name"));
    }

    public ObjectNode render(Turn turn) {
        ObjectNode node = MAPPER.createObjectNode().put("role", turn.role());
        if (names && turn.name() != null) {
            node.put("name", turn.name());
        } else if (names && required.contains("name") && nullable.contains("name")) {
            node.putNull("name");
        }
        boolean emptyCallTurn = turn.hasToolCalls() && turn.content().isEmpty();
        if (emptyCallTurn && (!schemaKnown || nullable.contains("content"))) {
            node.putNull("content");
        } else {
            node.put("content", turn.content());
        }
        if (toolCalls && turn.hasToolCalls()) {
            ArrayNode calls = node.putArray("tool_calls");
            for (Turn.ToolCall call : turn.toolCalls()) {
                ObjectNode c = calls.addObject().put("id", call.id());
                if (nestedFunction) {
                    c.put("type", "function").putObject("function").put("name", call.name())
                            .put("arguments", call.arguments());
                } else {
                    c.put("name", call.name()).put("arguments", call.arguments());
                }
            }
        } else if (toolCalls && required.contains("tool_calls")) {
            if (nullable.contains("tool_calls")) {
                node.putNull("tool_calls");
            } else {
                node.putArray("tool_calls");
            }
        }
        if (toolCallId && turn.toolCallId() != null) {
            node.put("tool_call_id", turn.toolCallId());
        } else if (toolCallId && required.contains("tool_call_id")) {
            if (nullable.contains("tool_call_id")) {
                node.putNull("tool_call_id");
            } else {
                node.put("tool_call_id", "");
            }
        }
        return node;
    }

    private static JsonNode arrayItems(JsonNode root, JsonNode schema) {
        if (schema.has("items")) {
            return resolve(root, schema.get("items"));
        }
        for (String combinator : new String[] { "anyOf", "oneOf" }) {
            for (JsonNode option : schema.path(combinator)) {
                JsonNode resolved = resolve(root, option);
                if (resolved != null && resolved.has("items")) {
                    return resolve(root, resolved.get("items"));
                }
            }
        }
        return null;
    }

    private static boolean allowsNull(JsonNode schema) {
        if (schema == null) {
            return false;
        }
        JsonNode type = schema.get("type");
        if (type != null && (type.isArray() ? contains(type, "null") : "null".equals(type.asText()))) {
            return true;
        }
        if (schema.path("nullable").asBoolean(false)) {
            return true;
        }
        for (String combinator : new String[] { "anyOf", "oneOf" }) {
            for (JsonNode option : schema.path(combinator)) {
                if ("null".equals(option.path("type").asText())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode element : array) {
            if (value.equals(element.asText())) {
                return true;
            }
        }
        return false;
    }

    /** The node itself, or what its local {@code $ref} points to; {@code null} for a missing node. */
    static JsonNode resolve(JsonNode root, JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        for (int hops = 0; hops < 8 && node.has("$ref"); hops++) {
            String ref = node.get("$ref").asText();
            if (!ref.startsWith("#")) {
                return node;
            }
            JsonNode target = root.at(ref.substring(1));
            if (target.isMissingNode()) {
                return node;
            }
            node = target;
        }
        return node;
    }
}
