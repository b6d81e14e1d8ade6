package dev.seedforge.exporter.domain;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.seedforge.contracts.ChatTurn;
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.ToolCall;

/**
 * Converts examples between the export formats through the neutral {@link ChatTurn}s of the contracts, adding what
 * trainers need beside the turns: OpenAI's top-level {@code tools} list, and ShareGPT's {@code tools} as one JSON
 * string (the shape of LLaMA-Factory's glaive demo).
 * <p>
 * ShareGPT is read and written here rather than with {@link ExampleFormat}: the contracts render an assistant turn
 * with several (parallel) tool calls as several {@code function_call} turns in a row, which breaks the alternation
 * LLaMA-Factory requires and reads back as separate turns. Here such a turn is one {@code function_call} whose value
 * is a JSON array of calls, and the tool answers that follow are one {@code observation} whose value is a JSON array of
 * their contents; a single call keeps the usual object form. An assistant turn with calls keeps only the calls (a
 * {@code function_call} has no room for text).
 */
public final class FormatConverter {

    private FormatConverter() {
    }

    /** Reads a record in {@code format}; throws {@link IllegalArgumentException} naming what it cannot read. */
    public static List<ChatTurn> turns(JsonNode record, ExampleFormat format) {
        return format == ExampleFormat.SHAREGPT ? shareGptTurns(record) : format.turns(record);
    }

    /** Writes turns as a record of {@code format}; {@code tools} are added where the example calls tools. */
    public static ObjectNode render(List<ChatTurn> turns, ExampleFormat format, List<JsonNode> tools) {
        boolean callsTools = turns.stream().anyMatch(t -> !t.toolCalls().isEmpty());
        return switch (format) {
            case OPENAI -> {
                ObjectNode record = format.render(turns);
                if (callsTools && !tools.isEmpty()) {
                    ArrayNode list = record.putArray("tools");
                    tools.forEach(tool -> list.add(openAiTool(tool)));
                }
                yield record;
            }
            case SHAREGPT -> {
                ObjectNode record = renderShareGpt(turns);
                if (callsTools && !tools.isEmpty()) {
                    ArrayNode functions = Json.MAPPER.createArrayNode();
                    tools.forEach(tool -> functions.add(functionOf(tool)));
                    record.put("tools", functions.toString());
                }
                yield record;
            }
            case ALPACA -> format.render(turns);
        };
    }

    /** A record of {@code from} as a record of {@code to}. */
    public static ObjectNode convert(JsonNode record, ExampleFormat from, ExampleFormat to, List<JsonNode> tools) {
        return render(turns(record, from), to, tools);
    }

    /** The record to write in the job's own format: as it arrived, plus OpenAI's {@code tools} if it calls tools. */
    public static JsonNode complete(JsonNode record, ExampleFormat format, List<JsonNode> tools) {
        if (format != ExampleFormat.OPENAI || tools.isEmpty() || !record.isObject() || record.has("tools")) {
            return record;
        }
        boolean callsTools = false;
        for (JsonNode message : record.path("messages")) {
            callsTools |= message.path("tool_calls").size() > 0;
        }
        if (!callsTools) {
            return record;
        }
        ObjectNode copy = ((ObjectNode) record).deepCopy();
        ArrayNode list = copy.putArray("tools");
        tools.forEach(tool -> list.add(openAiTool(tool)));
        return copy;
    }

    /** OpenAI wants {@code {"type":"function","function":{...}}}; a bare function definition is wrapped. */
    static JsonNode openAiTool(JsonNode tool) {
        if (tool.has("type")) {
            return tool;
        }
        ObjectNode wrapped = Json.MAPPER.createObjectNode();
        wrapped.put("type", "function");
        wrapped.set("function", tool);
        return wrapped;
    }

    /** LLaMA-Factory's tools list holds bare function definitions ({@code name}, {@code description}, ...). */
    static JsonNode functionOf(JsonNode tool) {
        return tool.has("function") ? tool.get("function") : tool;
    }

    private static ObjectNode renderShareGpt(List<ChatTurn> turns) {
        ObjectNode record = Json.MAPPER.createObjectNode();
        ArrayNode conversations = record.putArray("conversations");
        List<String> pendingObservations = new ArrayList<>();
        for (ChatTurn turn : turns) {
            if (!ChatTurn.TOOL.equals(turn.role())) {
                flushObservations(conversations, pendingObservations);
            }
            switch (turn.role()) {
                case ChatTurn.SYSTEM -> record.put("system", turn.content());
                case ChatTurn.USER -> add(conversations, "human", turn.content());
                case ChatTurn.TOOL -> pendingObservations.add(turn.content());
                case ChatTurn.ASSISTANT -> {
                    if (turn.toolCalls().isEmpty()) {
                        add(conversations, "gpt", turn.content());
                    } else if (turn.toolCalls().size() == 1) {
                        add(conversations, "function_call", callJson(turn.toolCalls().get(0)).toString());
                    } else {
                        ArrayNode calls = Json.MAPPER.createArrayNode();
                        turn.toolCalls().forEach(call -> calls.add(callJson(call)));
                        add(conversations, "function_call", calls.toString());
                    }
                }
                default -> throw new IllegalArgumentException("role '" + turn.role() + "' has no ShareGPT form");
            }
        }
        flushObservations(conversations, pendingObservations);
        return record;
    }

    private static void flushObservations(ArrayNode conversations, List<String> pending) {
        if (pending.isEmpty()) {
            return;
        }
        if (pending.size() == 1) {
            add(conversations, "observation", pending.get(0));
        } else {
            ArrayNode values = Json.MAPPER.createArrayNode();
            pending.forEach(values::add);
            add(conversations, "observation", values.toString());
        }
        pending.clear();
    }

    private static ObjectNode callJson(ToolCall call) {
        ObjectNode value = Json.MAPPER.createObjectNode();
        value.put("name", call.name());
        value.set("arguments", parseOrText(call.arguments()));
        return value;
    }

    private static void add(ArrayNode conversations, String from, String value) {
        conversations.addObject().put("from", from).put("value", value);
    }

    private static List<ChatTurn> shareGptTurns(JsonNode record) {
        JsonNode conversations = record == null ? null : record.get("conversations");
        if (conversations == null || !conversations.isArray()) {
            throw new IllegalArgumentException("conversations: expected an array");
        }
        List<ChatTurn> turns = new ArrayList<>();
        if (record.hasNonNull("system") && !record.get("system").asText().isEmpty()) {
            turns.add(ChatTurn.of(ChatTurn.SYSTEM, record.get("system").asText()));
        }
        int counter = 0;
        List<String> lastCallIds = List.of();
        for (int i = 0; i < conversations.size(); i++) {
            JsonNode turn = conversations.get(i);
            String where = "conversations[" + i + "]";
            JsonNode fromNode = turn.get("from");
            if (fromNode == null || !fromNode.isTextual()) {
                throw new IllegalArgumentException(where + ".from: expected a string");
            }
            String value = turn.hasNonNull("value") ? turn.get("value").asText() : null;
            switch (fromNode.asText()) {
                case "human", "user" -> turns.add(ChatTurn.of(ChatTurn.USER, value));
                case "gpt", "assistant" -> turns.add(ChatTurn.of(ChatTurn.ASSISTANT, value));
                case "system" -> turns.add(ChatTurn.of(ChatTurn.SYSTEM, value));
                case "function_call" -> {
                    JsonNode parsed = parse(value, where);
                    List<JsonNode> calls = new ArrayList<>();
                    if (parsed.isArray()) {
                        parsed.forEach(calls::add);
                    } else {
                        calls.add(parsed);
                    }
                    List<ToolCall> toolCalls = new ArrayList<>();
                    List<String> ids = new ArrayList<>();
                    for (JsonNode call : calls) {
                        if (!call.path("name").isTextual()) {
                            throw new IllegalArgumentException(where + ".value: a function call needs a name");
                        }
                        String id = "call_" + (++counter);
                        ids.add(id);
                        JsonNode arguments = call.path("arguments");
                        toolCalls.add(new ToolCall(id, call.get("name").asText(), arguments.isTextual()
                                ? arguments.asText()
                                : arguments.isMissingNode() ? null : arguments.toString()));
                    }
                    lastCallIds = ids;
                    turns.add(new ChatTurn(ChatTurn.ASSISTANT, null, toolCalls, null));
                }
                case "observation", "tool" -> {
                    JsonNode parsed = lastCallIds.size() > 1 ? parseOrText(value) : null;
                    if (parsed != null && parsed.isArray() && parsed.size() == lastCallIds.size()) {
                        for (int c = 0; c < parsed.size(); c++) {
                            JsonNode result = parsed.get(c);
                            turns.add(new ChatTurn(ChatTurn.TOOL, result.isTextual() ? result.asText()
                                    : result.toString(), List.of(), lastCallIds.get(c)));
                        }
                    } else {
                        turns.add(new ChatTurn(ChatTurn.TOOL, value, List.of(),
                                lastCallIds.isEmpty() ? null : lastCallIds.get(0)));
                    }
                }
                default -> throw new IllegalArgumentException(where + ".from: unknown role '" + fromNode.asText()
                        + "'; expected human, gpt, system, function_call or observation");
            }
        }
        return turns;
    }

    private static JsonNode parse(String value, String where) {
        try {
            return Json.MAPPER.readTree(value == null ? "" : value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(where + ".value: not JSON: " + e.getOriginalMessage());
        }
    }

    private static JsonNode parseOrText(String text) {
        try {
            return text == null ? Json.MAPPER.nullNode() : Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return Json.MAPPER.getNodeFactory().textNode(text);
        }
    }
}
