package dev.seedforge.contracts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The dataset formats trainers read. Each converts between its JSON record and the neutral {@link ChatTurn} list;
 * reading is lenient about layout but names the field it cannot read.
 */
public enum ExampleFormat {

    /** LLaMA-Factory's ShareGPT: {@code conversations} of {@code from}/{@code value}, optional {@code system}. */
    SHAREGPT("sharegpt"),
    /** OpenAI chat fine-tuning: {@code messages} with roles, assistant {@code tool_calls}, {@code tool} answers. */
    OPENAI("openai"),
    /** Alpaca: {@code instruction}, {@code input}, {@code output}, optional {@code system} and {@code history}. */
    ALPACA("alpaca");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Map<String, String> SHAREGPT_TO_ROLE = Map.of("human", ChatTurn.USER, "user",
            ChatTurn.USER, "gpt", ChatTurn.ASSISTANT, "assistant", ChatTurn.ASSISTANT, "system", ChatTurn.SYSTEM,
            "observation", ChatTurn.TOOL, "tool", ChatTurn.TOOL);

    private final String id;

    ExampleFormat(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    @JsonCreator
    public static ExampleFormat fromId(String value) {
        for (ExampleFormat format : values()) {
            if (format.id.equalsIgnoreCase(value) || format.name().equalsIgnoreCase(value)) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown format '" + value + "'; expected one of "
                + Arrays.stream(values()).map(ExampleFormat::id).collect(Collectors.joining(", ")));
    }

    /** Tells the format of a record from its fields. */
    public static ExampleFormat detect(JsonNode record) {
        if (record == null || !record.isObject()) {
            throw new IllegalArgumentException("an example must be a JSON object, got "
                    + (record == null ? "nothing" : record.getNodeType().name().toLowerCase(Locale.ROOT)));
        }
        if (record.has("messages")) {
            return OPENAI;
        }
        if (record.has("conversations")) {
            return SHAREGPT;
        }
        if (record.has("instruction")) {
            return ALPACA;
        }
        if (record.has("instances")) {
            throw new IllegalArgumentException(
                    "a Self-Instruct task needs one example per instance; import it with SeedImport");
        }
        throw new IllegalArgumentException(
                "an example needs 'messages' (openai), 'conversations' (sharegpt) or 'instruction' (alpaca); got fields "
                        + fieldNames(record));
    }

    /** Reads a record of this format into neutral turns. */
    public List<ChatTurn> turns(JsonNode record) {
        return switch (this) {
            case OPENAI -> openAiTurns(record);
            case SHAREGPT -> shareGptTurns(record);
            case ALPACA -> alpacaTurns(record);
        };
    }

    /** Writes neutral turns as a record of this format. */
    public ObjectNode render(List<ChatTurn> turns) {
        return switch (this) {
            case OPENAI -> renderOpenAi(turns);
            case SHAREGPT -> renderShareGpt(turns);
            case ALPACA -> renderAlpaca(turns);
        };
    }

    public ObjectNode render(Conversation conversation) {
        return render(conversation.messages());
    }

    /**
     * Writes turns as a record of this format with the tool definitions a trainer needs where the example calls
     * tools: OpenAI's top-level {@code tools} list of {@code {"type":"function","function":{...}}}, ShareGPT's
     * {@code tools} as one JSON string of bare function definitions (LLaMA-Factory's glaive demo). Alpaca has no form
     * for tool calls: such turns are refused, naming why.
     */
    public ObjectNode render(List<ChatTurn> turns, List<JsonNode> tools) {
        boolean callsTools = turns.stream().anyMatch(t -> !t.toolCalls().isEmpty());
        if (this == ALPACA && (callsTools || turns.stream().anyMatch(t -> ChatTurn.TOOL.equals(t.role())))) {
            throw new IllegalArgumentException("tool calls have no Alpaca form");
        }
        ObjectNode record = render(turns);
        if (callsTools && !tools.isEmpty()) {
            addTools(record, tools);
        }
        return record;
    }

    /** A record of this format as a record of {@code to}, its tool definitions carried over. */
    public ObjectNode convert(JsonNode record, ExampleFormat to) {
        return to.render(turns(record), tools(record));
    }

    /**
     * The tool definitions a record carries, in OpenAI's form: OpenAI's {@code tools} list, or ShareGPT's
     * {@code tools} (a JSON string or a list of bare functions); none for Alpaca or a record without them.
     */
    public List<JsonNode> tools(JsonNode record) {
        JsonNode tools = record == null ? null : record.get("tools");
        if (this == ALPACA || tools == null || tools.isNull()) {
            return List.of();
        }
        if (tools.isTextual()) {
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

    /** The record as it is, or for OpenAI with tool calls and no {@code tools} of its own, with {@code tools} added. */
    public JsonNode withTools(JsonNode record, List<JsonNode> tools) {
        if (this != OPENAI || tools.isEmpty() || !record.isObject() || record.has("tools")) {
            return record;
        }
        boolean callsTools = false;
        for (JsonNode message : record.path("messages")) {
            callsTools |= !message.path("tool_calls").isEmpty();
        }
        if (!callsTools) {
            return record;
        }
        ObjectNode copy = ((ObjectNode) record).deepCopy();
        addTools(copy, tools);
        return copy;
    }

    private void addTools(ObjectNode record, List<JsonNode> tools) {
        if (this == OPENAI) {
            ArrayNode list = record.putArray("tools");
            tools.forEach(tool -> list.add(openAiTool(tool)));
        } else if (this == SHAREGPT) {
            ArrayNode functions = NODES.arrayNode();
            tools.forEach(tool -> functions.add(tool.has("function") ? tool.get("function") : tool));
            record.put("tools", functions.toString());
        }
    }

    /** OpenAI wants {@code {"type":"function","function":{...}}}; a bare function definition is wrapped. */
    private static JsonNode openAiTool(JsonNode tool) {
        if (tool.has("type") && tool.has("function")) {
            return tool;
        }
        ObjectNode wrapped = NODES.objectNode();
        wrapped.put("type", "function");
        wrapped.set("function", tool);
        return wrapped;
    }

    private static List<ChatTurn> openAiTurns(JsonNode record) {
        JsonNode messages = requireArray(record, "messages");
        List<ChatTurn> turns = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            String where = "messages[" + i + "]";
            String role = requireText(m, "role", where);
            List<ToolCall> calls = new ArrayList<>();
            JsonNode toolCalls = m.path("tool_calls");
            for (int c = 0; c < toolCalls.size(); c++) {
                JsonNode call = toolCalls.get(c);
                JsonNode function = call.path("function");
                JsonNode arguments = function.path("arguments");
                calls.add(new ToolCall(textOrNull(call, "id"), textOrNull(function, "name"),
                        arguments.isTextual() ? arguments.asText()
                                : arguments.isMissingNode() ? null
                                        : arguments.toString()));
            }
            turns.add(new ChatTurn(role, textOrNull(m, "content"), calls, textOrNull(m, "tool_call_id")));
        }
        return turns;
    }

    private static List<ChatTurn> shareGptTurns(JsonNode record) {
        JsonNode conversations = requireArray(record, "conversations");
        List<ChatTurn> turns = new ArrayList<>();
        if (record.hasNonNull("system") && !record.get("system").asText().isEmpty()) {
            turns.add(ChatTurn.of(ChatTurn.SYSTEM, record.get("system").asText()));
        }
        int callCounter = 0;
        List<String> lastCallIds = List.of();
        for (int i = 0; i < conversations.size(); i++) {
            JsonNode turn = conversations.get(i);
            String where = "conversations[" + i + "]";
            String from = requireText(turn, "from", where);
            String value = textOrNull(turn, "value");
            if ("function_call".equals(from)) {
                List<ToolCall> calls = new ArrayList<>();
                for (JsonNode call : functionCalls(value)) {
                    String id = "call_" + (++callCounter);
                    calls.add(call == null ? new ToolCall(id, null, value) : toolCall(call, id));
                }
                lastCallIds = calls.stream().map(ToolCall::id).toList();
                turns.add(new ChatTurn(ChatTurn.ASSISTANT, null, calls, null));
                continue;
            }
            String role = SHAREGPT_TO_ROLE.get(from);
            if (role == null) {
                throw new IllegalArgumentException(where + ".from: unknown role '" + from
                        + "'; expected human, gpt, system, function_call or observation");
            }
            if (ChatTurn.TOOL.equals(role)) {
                turns.addAll(observations(value, lastCallIds));
            } else {
                turns.add(ChatTurn.of(role, value));
            }
        }
        return turns;
    }

    /**
     * The calls of a {@code function_call} value: one object, or a JSON array of them for parallel calls (as
     * LLaMA-Factory reads it). A value that is not JSON gives one {@code null}, kept verbatim by the caller so the
     * validator can name the broken JSON instead of losing it here.
     */
    private static List<JsonNode> functionCalls(String value) {
        JsonNode parsed;
        try {
            parsed = JSON.readTree(value == null ? "" : value);
        } catch (JsonProcessingException e) {
            parsed = null;
        }
        List<JsonNode> calls = new ArrayList<>();
        if (parsed != null && parsed.isArray() && !parsed.isEmpty()) {
            parsed.forEach(calls::add);
        } else {
            calls.add(parsed == null || parsed.isMissingNode() ? null : parsed);
        }
        return calls;
    }

    private static ToolCall toolCall(JsonNode call, String id) {
        JsonNode arguments = call.path("arguments");
        return new ToolCall(id, textOrNull(call, "name"),
                arguments.isTextual() ? arguments.asText() : arguments.isMissingNode() ? null : arguments.toString());
    }

    /**
     * The answers to the last calls: after parallel calls an {@code observation} holding a JSON array with one entry
     * per call is one answer per call, in order; anything else is one answer to the first call.
     */
    private static List<ChatTurn> observations(String value, List<String> callIds) {
        if (callIds.size() > 1) {
            JsonNode parsed = parseOrNull(value);
            if (parsed != null && parsed.isArray() && parsed.size() == callIds.size()) {
                List<ChatTurn> answers = new ArrayList<>();
                for (int c = 0; c < parsed.size(); c++) {
                    JsonNode result = parsed.get(c);
                    answers.add(new ChatTurn(ChatTurn.TOOL, result.isTextual() ? result.asText() : result.toString(),
                            List.of(), callIds.get(c)));
                }
                return answers;
            }
        }
        return List.of(new ChatTurn(ChatTurn.TOOL, value, List.of(), callIds.isEmpty() ? null : callIds.get(0)));
    }

    private static List<ChatTurn> alpacaTurns(JsonNode record) {
        List<ChatTurn> turns = new ArrayList<>();
        if (record.hasNonNull("system") && !record.get("system").asText().isEmpty()) {
            turns.add(ChatTurn.of(ChatTurn.SYSTEM, record.get("system").asText()));
        }
        JsonNode history = record.path("history");
        for (int i = 0; i < history.size(); i++) {
            JsonNode pair = history.get(i);
            if (!pair.isArray() || pair.size() != 2) {
                throw new IllegalArgumentException("history[" + i + "]: expected [instruction, response]");
            }
            turns.add(ChatTurn.of(ChatTurn.USER, pair.get(0).asText()));
            turns.add(ChatTurn.of(ChatTurn.ASSISTANT, pair.get(1).asText()));
        }
        String instruction = requireText(record, "instruction", "example");
        String input = textOrNull(record, "input");
        String user = input == null || input.isBlank() ? instruction : instruction + "\n\n" + input;
        turns.add(ChatTurn.of(ChatTurn.USER, user));
        turns.add(ChatTurn.of(ChatTurn.ASSISTANT, textOrNull(record, "output")));
        return turns;
    }

    private static ObjectNode renderOpenAi(List<ChatTurn> turns) {
        ObjectNode record = NODES.objectNode();
        ArrayNode messages = record.putArray("messages");
        for (ChatTurn turn : turns) {
            ObjectNode m = messages.addObject();
            m.put("role", turn.role());
            if (turn.content() != null || turn.toolCalls().isEmpty()) {
                m.put("content", turn.content());
            }
            if (!turn.toolCalls().isEmpty()) {
                ArrayNode calls = m.putArray("tool_calls");
                for (ToolCall call : turn.toolCalls()) {
                    ObjectNode c = calls.addObject();
                    c.put("id", call.id());
                    c.put("type", "function");
                    ObjectNode function = c.putObject("function");
                    function.put("name", call.name());
                    function.put("arguments", call.arguments());
                }
            }
            if (turn.toolCallId() != null) {
                m.put("tool_call_id", turn.toolCallId());
            }
        }
        return record;
    }

    /**
     * An assistant turn with several (parallel) calls is one {@code function_call} whose value is a JSON array of the
     * calls, and the answers that follow are one {@code observation} whose value is a JSON array of their contents, so
     * the human/gpt alternation LLaMA-Factory requires holds; a single call keeps the usual object form. ShareGPT has
     * no room for text beside a call: an assistant turn with calls keeps only the calls (as LLaMA-Factory's own
     * OpenAI reader does).
     */
    private static ObjectNode renderShareGpt(List<ChatTurn> turns) {
        ObjectNode record = NODES.objectNode();
        ArrayNode conversations = record.putArray("conversations");
        List<String> pendingAnswers = new ArrayList<>();
        for (ChatTurn turn : turns) {
            if (!ChatTurn.TOOL.equals(turn.role())) {
                flushAnswers(conversations, pendingAnswers);
            }
            switch (turn.role()) {
                case ChatTurn.SYSTEM -> record.put("system", turn.content());
                case ChatTurn.USER -> addShareGpt(conversations, "human", turn.content());
                case ChatTurn.TOOL -> pendingAnswers.add(turn.content());
                case ChatTurn.ASSISTANT -> {
                    if (turn.toolCalls().isEmpty()) {
                        addShareGpt(conversations, "gpt", turn.content());
                    } else if (turn.toolCalls().size() == 1) {
                        addShareGpt(conversations, "function_call", callJson(turn.toolCalls().get(0)).toString());
                    } else {
                        ArrayNode calls = NODES.arrayNode();
                        turn.toolCalls().forEach(call -> calls.add(callJson(call)));
                        addShareGpt(conversations, "function_call", calls.toString());
                    }
                }
                default -> throw new IllegalArgumentException("role '" + turn.role() + "' has no ShareGPT form");
            }
        }
        flushAnswers(conversations, pendingAnswers);
        return record;
    }

    private static void flushAnswers(ArrayNode conversations, List<String> pending) {
        if (pending.size() == 1) {
            addShareGpt(conversations, "observation", pending.get(0));
        } else if (pending.size() > 1) {
            ArrayNode values = NODES.arrayNode();
            pending.forEach(values::add);
            addShareGpt(conversations, "observation", values.toString());
        }
        pending.clear();
    }

    private static ObjectNode callJson(ToolCall call) {
        ObjectNode value = NODES.objectNode();
        value.put("name", call.name());
        value.set("arguments", parseOrText(call.arguments()));
        return value;
    }

    private static void addShareGpt(ArrayNode conversations, String from, String value) {
        ObjectNode turn = conversations.addObject();
        turn.put("from", from);
        turn.put("value", value);
    }

    private static ObjectNode renderAlpaca(List<ChatTurn> turns) {
        ObjectNode record = NODES.objectNode();
        List<String[]> pairs = new ArrayList<>();
        String system = null;
        String pendingUser = null;
        for (ChatTurn turn : turns) {
            switch (turn.role()) {
                case ChatTurn.SYSTEM -> system = turn.content();
                case ChatTurn.USER -> pendingUser = turn.content();
                case ChatTurn.ASSISTANT -> {
                    pairs.add(new String[] { pendingUser, turn.content() });
                    pendingUser = null;
                }
                default -> throw new IllegalArgumentException("role '" + turn.role() + "' has no Alpaca form");
            }
        }
        String[] last = pairs.isEmpty() ? new String[] { pendingUser, null } : pairs.remove(pairs.size() - 1);
        record.put("instruction", last[0]);
        record.put("input", "");
        record.put("output", last[1]);
        if (system != null) {
            record.put("system", system);
        }
        if (!pairs.isEmpty()) {
            ArrayNode history = record.putArray("history");
            for (String[] pair : pairs) {
                history.addArray().add(pair[0]).add(pair[1]);
            }
        }
        return record;
    }

    private static JsonNode parseOrNull(String text) {
        try {
            return text == null ? null : JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static JsonNode parseOrText(String text) {
        try {
            return text == null ? NODES.nullNode() : JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return NODES.textNode(text);
        }
    }

    private static JsonNode requireArray(JsonNode record, String field) {
        JsonNode node = record.get(field);
        if (node == null || !node.isArray()) {
            throw new IllegalArgumentException(field + ": expected an array");
        }
        return node;
    }

    private static String requireText(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException(where + "." + field + ": expected a string");
        }
        return value.asText();
    }

    private static String textOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String fieldNames(JsonNode record) {
        List<String> names = new ArrayList<>();
        record.fieldNames().forEachRemaining(names::add);
        return names.toString();
    }
}
