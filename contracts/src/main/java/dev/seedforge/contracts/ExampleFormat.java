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
        String lastCallId = null;
        for (int i = 0; i < conversations.size(); i++) {
            JsonNode turn = conversations.get(i);
            String where = "conversations[" + i + "]";
            String from = requireText(turn, "from", where);
            String value = textOrNull(turn, "value");
            if ("function_call".equals(from)) {
                lastCallId = "call_" + (++callCounter);
                turns.add(new ChatTurn(ChatTurn.ASSISTANT, null, List.of(functionCallToToolCall(value, lastCallId)),
                        null));
                continue;
            }
            String role = SHAREGPT_TO_ROLE.get(from);
            if (role == null) {
                throw new IllegalArgumentException(where + ".from: unknown role '" + from
                        + "'; expected human, gpt, system, function_call or observation");
            }
            turns.add(new ChatTurn(role, value, List.of(), ChatTurn.TOOL.equals(role) ? lastCallId : null));
        }
        return turns;
    }

    private static ToolCall functionCallToToolCall(String value, String id) {
        try {
            JsonNode call = JSON.readTree(value == null ? "" : value);
            JsonNode arguments = call.path("arguments");
            return new ToolCall(id, textOrNull(call, "name"),
                    arguments.isTextual() ? arguments.asText() : arguments.isMissingNode() ? null : arguments.toString());
        } catch (JsonProcessingException e) {
            // kept verbatim so the validator can name the broken JSON instead of losing it here
            return new ToolCall(id, null, value);
        }
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

    private static ObjectNode renderShareGpt(List<ChatTurn> turns) {
        ObjectNode record = NODES.objectNode();
        ArrayNode conversations = record.putArray("conversations");
        for (ChatTurn turn : turns) {
            switch (turn.role()) {
                case ChatTurn.SYSTEM -> record.put("system", turn.content());
                case ChatTurn.USER -> addShareGpt(conversations, "human", turn.content());
                case ChatTurn.TOOL -> addShareGpt(conversations, "observation", turn.content());
                case ChatTurn.ASSISTANT -> {
                    for (ToolCall call : turn.toolCalls()) {
                        ObjectNode value = NODES.objectNode();
                        value.put("name", call.name());
                        value.set("arguments", parseOrText(call.arguments()));
                        addShareGpt(conversations, "function_call", value.toString());
                    }
                    if (turn.toolCalls().isEmpty() || turn.content() != null) {
                        addShareGpt(conversations, "gpt", turn.content());
                    }
                }
                default -> throw new IllegalArgumentException("role '" + turn.role() + "' has no ShareGPT form");
            }
        }
        // LLaMA-Factory expects the system column after the turns only by convention; keep conversations first
        return record;
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
