package dev.seedforge.contracts.format;

import static dev.seedforge.contracts.format.Problems.absent;
import static dev.seedforge.contracts.format.Problems.kind;
import static dev.seedforge.contracts.format.Records.NODES;
import static dev.seedforge.contracts.format.Records.argumentsText;
import static dev.seedforge.contracts.format.Records.requireArray;
import static dev.seedforge.contracts.format.Records.requireText;
import static dev.seedforge.contracts.format.Records.textOrNull;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.seedforge.contracts.ChatTurn;
import dev.seedforge.contracts.ReasonCode;
import dev.seedforge.contracts.ReasoningSpec;
import dev.seedforge.contracts.ToolCall;
import dev.seedforge.contracts.ToolDefinitions;

/**
 * OpenAI's chat fine-tuning format, read, written and checked. Layout: {@code messages} of {@code {role, content}};
 * an optional system message first; then user and assistant alternate, an assistant's {@code tool_calls}
 * ({@code {id, type: "function", function: {name, arguments}}}, {@code "content": null} beside them) are each answered
 * by a {@code tool} message naming its {@code tool_call_id} before the assistant speaks again, and the conversation
 * ends with an assistant reply. A message's {@code name} and an assistant's {@code weight} (0 or 1) are kept.
 */
public final class OpenAiChat implements FormatHome {

    private static final String SYSTEM = "system";
    private static final String USER = "user";
    private static final String ASSISTANT = "assistant";
    private static final String TOOL = "tool";
    private static final Set<String> ROLES = Set.of(SYSTEM, USER, ASSISTANT, TOOL);
    /** OpenAI's rule for a participant's name; its API refuses any other ("string does not match pattern"). */
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[a-zA-Z0-9_-]{1,64}");

    /** What the previous message leaves the conversation waiting for. */
    private enum State {
        START,
        AFTER_SYSTEM,
        AFTER_USER,
        AFTER_REPLY,
        AWAITING_TOOL_RESULTS,
        AFTER_TOOL_RESULTS,
        /** The previous message could not be read; the order of the next one is not judged. */
        UNKNOWN
    }

    /** One message as far as it could be read. */
    private record Message(String role, Set<String> toolCallIds, String toolCallId) {
    }

    @Override
    public String keyField() {
        return "messages";
    }

    @Override
    public List<ChatTurn> turns(JsonNode record) {
        JsonNode messages = requireArray(record, "messages");
        List<ChatTurn> turns = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            String where = "messages[" + i + "]";
            String role = requireText(m, "role", where);
            List<ToolCall> calls = new ArrayList<>();
            for (JsonNode call : m.path("tool_calls")) {
                // the nested form is OpenAI's; the flat {id, name, arguments} is what SeedForge stored before it
                JsonNode function = ToolDefinitions.functionOf(call);
                calls.add(new ToolCall(textOrNull(call, "id"), textOrNull(function, "name"),
                        argumentsText(function.get("arguments"))));
            }
            JsonNode weight = m.get("weight");
            ChatTurn turn = new ChatTurn(role, textOrNull(m, "content"), calls, textOrNull(m, "tool_call_id"),
                    textOrNull(m, "name"), weight == null || !weight.isNumber() ? null : weight.asInt());
            turns.add(ASSISTANT.equals(role) ? Reasoning.assistant(turn, m) : turn);
        }
        return turns;
    }

    @Override
    public ObjectNode render(List<ChatTurn> turns) {
        ObjectNode record = NODES.objectNode();
        ArrayNode messages = record.putArray("messages");
        for (ChatTurn turn : turns) {
            ObjectNode m = messages.addObject();
            m.put("role", turn.role());
            if (turn.name() != null) {
                m.put("name", turn.name());
            }
            m.put("content", turn.content());
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
            if (turn.weight() != null) {
                m.put("weight", turn.weight());
            }
            if (turn.reasoning() != null) {
                m.put(ReasoningSpec.REASONING_CONTENT, turn.reasoning());
            }
        }
        return record;
    }

    /** Flat {@code {id, name, arguments}} calls (SeedForge's neutral form before 2 December) become OpenAI's nested ones. */
    @Override
    public ObjectNode upgraded(ObjectNode record) {
        boolean flat = false;
        for (JsonNode message : record.path("messages")) {
            for (JsonNode call : message.path("tool_calls")) {
                flat |= call.isObject() && !call.has("function") && call.has("name");
            }
        }
        if (!flat) {
            return record;
        }
        ObjectNode copy = record.deepCopy();
        for (JsonNode message : copy.path("messages")) {
            JsonNode calls = message.path("tool_calls");
            for (int c = 0; c < calls.size(); c++) {
                JsonNode call = calls.get(c);
                if (call.isObject() && !call.has("function") && call.has("name")) {
                    ObjectNode nested = NODES.objectNode();
                    nested.set("id", call.get("id"));
                    nested.put("type", "function");
                    nested.putObject("function").put("name", textOrNull(call, "name"))
                            .put("arguments", argumentsText(call.get("arguments")));
                    ((ArrayNode) calls).set(c, nested);
                }
            }
            if (!calls.isEmpty() && !message.has("content")) {
                ((ObjectNode) message).putNull("content");
            }
        }
        return copy;
    }

    @Override
    public List<JsonNode> tools(JsonNode record) {
        return Records.toolList(record == null ? null : record.get("tools"));
    }

    @Override
    public void putTools(ObjectNode record, List<JsonNode> tools) {
        ArrayNode list = record.putArray("tools");
        tools.forEach(tool -> list.add(Records.openAiTool(tool)));
    }

    @Override
    public ObjectNode withoutSystemAndTools(JsonNode record) {
        ObjectNode copy = Records.copy(record);
        copy.remove("tools");
        JsonNode messages = copy.get("messages");
        if (messages != null && messages.isArray()) {
            ArrayNode kept = NODES.arrayNode();
            messages.forEach(m -> {
                if (!SYSTEM.equals(m.path("role").asText())) {
                    kept.add(m);
                }
            });
            copy.set("messages", kept);
        }
        return copy;
    }

    @Override
    public ObjectNode withSystemPrompt(JsonNode record, String systemPrompt) {
        ObjectNode copy = Records.copy(record);
        if (systemPrompt == null) {
            return copy;
        }
        ArrayNode messages = NODES.arrayNode();
        messages.addObject().put("role", SYSTEM).put("content", systemPrompt);
        copy.path("messages").forEach(m -> {
            if (!SYSTEM.equals(m.path("role").asText())) {
                messages.add(m);
            }
        });
        copy.set("messages", messages);
        return copy;
    }

    @Override
    public void check(JsonNode record, Problems problems) {
        checkTools(record, problems);
        JsonNode messages = record.get("messages");
        if (!messages.isArray()) {
            problems.add(ReasonCode.WRONG_TYPE,
                    "messages must be an array of {role, content} messages, got " + kind(messages));
            return;
        }
        if (messages.isEmpty()) {
            problems.add(ReasonCode.MISSING_FIELD,
                    "messages is empty: it needs a user message and an assistant message");
            return;
        }
        State state = State.START;
        Set<String> pending = new LinkedHashSet<>();
        int pendingFrom = 0;
        boolean orderBroken = false;
        Message last = null;
        int lastTurn = 0;
        for (int i = 0; i < messages.size(); i++) {
            int turn = i + 1;
            Message message = readMessage(messages.get(i), turn, problems);
            if (message == null) {
                state = State.UNKNOWN;
                last = null;
                continue;
            }
            // once the order breaks, every later message is off by one: the first break is the one to fix
            if (state != State.UNKNOWN && !orderBroken) {
                orderBroken = !inOrder(turn, state, message, pending, pendingFrom, problems);
            }
            switch (message.role()) {
                case SYSTEM -> state = State.AFTER_SYSTEM;
                case USER -> state = State.AFTER_USER;
                case ASSISTANT -> {
                    pending.clear();
                    if (message.toolCallIds().isEmpty()) {
                        state = State.AFTER_REPLY;
                    } else {
                        pending.addAll(message.toolCallIds());
                        pendingFrom = turn;
                        state = State.AWAITING_TOOL_RESULTS;
                    }
                }
                case TOOL -> {
                    // a result without an id (already reported) still answers one call, so the rest reads in order
                    pending.remove(message.toolCallId() != null ? message.toolCallId()
                            : pending.stream().findFirst().orElse(null));
                    state = pending.isEmpty() ? State.AFTER_TOOL_RESULTS : State.AWAITING_TOOL_RESULTS;
                }
                default -> throw new IllegalStateException("unexpected role " + message.role());
            }
            last = message;
            lastTurn = turn;
        }
        if (last != null) {
            if (!ASSISTANT.equals(last.role())) {
                problems.add(ReasonCode.ENDS_WITHOUT_ASSISTANT, "the conversation ends with " + last.role()
                        + " (turn " + lastTurn + "); it must end with an assistant reply");
            } else if (!last.toolCallIds().isEmpty()) {
                problems.add(ReasonCode.ENDS_WITHOUT_ASSISTANT, "the conversation ends with a tool call (turn "
                        + lastTurn + ") that is never answered; it must end with an assistant reply");
            }
        }
    }

    /** Checks one message's fields; returns what the order rules need, or {@code null} when its role is unreadable. */
    private static Message readMessage(JsonNode node, int turn, Problems problems) {
        if (!node.isObject()) {
            problems.add(ReasonCode.WRONG_TYPE,
                    "turn " + turn + " must be an object {role, content}, got " + kind(node));
            return null;
        }
        JsonNode roleNode = node.get("role");
        if (absent(roleNode)) {
            problems.add(ReasonCode.MISSING_FIELD, "turn " + turn + " has no 'role'");
            return null;
        }
        if (!roleNode.isTextual()) {
            problems.add(ReasonCode.WRONG_TYPE, "turn " + turn + ": role must be a string, got " + kind(roleNode));
            return null;
        }
        String role = roleNode.asText();
        if (!ROLES.contains(role)) {
            problems.add(ReasonCode.UNKNOWN_ROLE,
                    "turn " + turn + ": unknown role '" + role + "'; expected system, user, assistant or tool");
            return null;
        }
        String where = "turn " + turn + " (" + role + ")";
        JsonNode toolCalls = node.get("tool_calls");
        Set<String> callIds = new LinkedHashSet<>();
        boolean callsTools = false;
        if (!absent(toolCalls)) {
            if (!ASSISTANT.equals(role)) {
                problems.add(ReasonCode.WRONG_TYPE, where + " has tool_calls; only assistant messages call tools");
            } else if (!toolCalls.isArray()) {
                problems.add(ReasonCode.WRONG_TYPE, where + ": tool_calls must be an array, got " + kind(toolCalls));
            } else {
                callsTools = !toolCalls.isEmpty();
                for (int c = 0; c < toolCalls.size(); c++) {
                    String id = checkToolCall(toolCalls.get(c), where + ", tool call " + (c + 1), problems);
                    if (id != null) {
                        callIds.add(id);
                    }
                }
            }
        }
        checkContent(node.get("content"), where, callsTools, problems);
        JsonNode weight = node.get("weight");
        if (!absent(weight) && (!ASSISTANT.equals(role) || !weight.isIntegralNumber()
                || weight.asInt() != 0 && weight.asInt() != 1)) {
            problems.add(ReasonCode.WRONG_TYPE, where + ": weight must be 0 or 1, on assistant messages only, got "
                    + weight);
        }
        JsonNode name = node.get("name");
        if (!absent(name) && (!name.isTextual() || !NAME.matcher(name.asText()).matches())) {
            problems.add(ReasonCode.WRONG_TYPE, where + ": name must be 1 to 64 letters, digits, '_' or '-' (OpenAI's"
                    + " rule), got " + name);
        }
        String toolCallId = null;
        if (TOOL.equals(role)) {
            JsonNode id = node.get("tool_call_id");
            if (absent(id) || (id.isTextual() && id.asText().isBlank())) {
                problems.add(ReasonCode.MISSING_FIELD, where + " has no tool_call_id");
            } else if (!id.isTextual()) {
                problems.add(ReasonCode.WRONG_TYPE, where + ": tool_call_id must be a string, got " + kind(id));
            } else {
                toolCallId = id.asText();
            }
        }
        return new Message(role, callIds, toolCallId);
    }

    private static void checkContent(JsonNode content, String where, boolean callsTools, Problems problems) {
        if (absent(content)) {
            if (!callsTools) {
                problems.add(ReasonCode.MISSING_FIELD, where + " has no content");
            }
        } else if (!content.isTextual()) {
            problems.add(ReasonCode.WRONG_TYPE, where + ": content must be a string, got " + kind(content));
        } else if (content.asText().isBlank() && !callsTools) {
            problems.add(ReasonCode.EMPTY_TURN, where + " is empty");
        }
    }

    /** Checks one entry of {@code tool_calls}; returns its id when it has one. */
    private static String checkToolCall(JsonNode call, String where, Problems problems) {
        if (!call.isObject()) {
            problems.add(ReasonCode.WRONG_TYPE, where + " must be an object {id, type, function}, got " + kind(call));
            return null;
        }
        String id = null;
        JsonNode idNode = call.get("id");
        if (absent(idNode) || (idNode.isTextual() && idNode.asText().isBlank())) {
            problems.add(ReasonCode.MISSING_FIELD, where + " has no id");
        } else if (!idNode.isTextual()) {
            problems.add(ReasonCode.WRONG_TYPE, where + ": id must be a string, got " + kind(idNode));
        } else {
            id = idNode.asText();
        }
        JsonNode type = call.get("type");
        if (!absent(type) && !"function".equals(type.asText())) {
            problems.add(ReasonCode.WRONG_TYPE, where + ": type must be 'function', got " + type);
        }
        JsonNode function = call.get("function");
        if (absent(function)) {
            problems.add(ReasonCode.MISSING_FIELD, where + " has no function");
            return id;
        }
        if (!function.isObject()) {
            problems.add(ReasonCode.WRONG_TYPE, where + ": function must be an object {name, arguments}, got "
                    + kind(function));
            return id;
        }
        JsonNode name = function.get("name");
        if (absent(name) || (name.isTextual() && name.asText().isBlank())) {
            problems.add(ReasonCode.MISSING_FIELD, where + " has no function.name");
        } else if (!name.isTextual()) {
            problems.add(ReasonCode.WRONG_TYPE, where + ": function.name must be a string, got " + kind(name));
        }
        JsonNode arguments = function.get("arguments");
        if (absent(arguments)) {
            problems.add(ReasonCode.MISSING_FIELD, where + " has no function.arguments");
        } else if (!arguments.isTextual()) {
            problems.add(ReasonCode.WRONG_TYPE,
                    where + ": function.arguments must be a string of JSON, got " + kind(arguments));
        } else {
            JsonNode parsed = ToolArguments.parse(arguments.asText(), where + ": function.arguments", problems);
            if (parsed != null && !parsed.isObject()) {
                problems.add(ReasonCode.INVALID_TOOL_ARGUMENTS,
                        where + ": function.arguments must be a JSON object, got " + kind(parsed));
            }
        }
        return id;
    }

    /** Reports the message if it is out of order; returns whether it was in order. */
    private static boolean inOrder(int turn, State state, Message message, Set<String> pending, int pendingFrom,
            Problems problems) {
        int before = problems.count();
        String role = message.role();
        String got = ", got " + role;
        switch (role) {
            case SYSTEM -> {
                if (turn != 1) {
                    problems.add(ReasonCode.ROLE_ORDER, "turn " + turn + ": system is only allowed as the first message");
                }
            }
            case USER -> {
                switch (state) {
                    case AFTER_USER -> problems.add(ReasonCode.ROLE_ORDER, "turn " + turn + " should be assistant" + got);
                    case AWAITING_TOOL_RESULTS -> problems.add(ReasonCode.ROLE_ORDER, "turn " + turn
                            + " should be tool, answering " + pending + " called in turn " + pendingFrom + got);
                    case AFTER_TOOL_RESULTS -> problems.add(ReasonCode.ROLE_ORDER,
                            "turn " + turn + " should be assistant, answering with the tool results" + got);
                    default -> {
                    }
                }
            }
            case ASSISTANT -> {
                switch (state) {
                    case START, AFTER_SYSTEM, AFTER_REPLY -> problems.add(ReasonCode.ROLE_ORDER,
                            "turn " + turn + " should be user" + got);
                    case AWAITING_TOOL_RESULTS -> problems.add(ReasonCode.ROLE_ORDER, "turn " + turn
                            + " should be tool, answering " + pending + " called in turn " + pendingFrom + got);
                    default -> {
                    }
                }
            }
            case TOOL -> {
                if (state != State.AWAITING_TOOL_RESULTS) {
                    problems.add(ReasonCode.ORPHAN_TOOL_RESULT,
                            "turn " + turn + " (tool) answers no pending tool call of the preceding assistant message");
                } else if (message.toolCallId() != null && !pending.contains(message.toolCallId())) {
                    problems.add(ReasonCode.ORPHAN_TOOL_RESULT, "turn " + turn + " (tool) answers tool_call_id '"
                            + message.toolCallId() + "', but the pending calls of turn " + pendingFrom + " are "
                            + pending);
                }
            }
            default -> throw new IllegalStateException("unexpected role " + role);
        }
        return problems.count() == before;
    }

    private static void checkTools(JsonNode record, Problems problems) {
        try {
            Records.toolList(record.get("tools"));
        } catch (IllegalArgumentException e) {
            problems.add(ReasonCode.WRONG_TYPE, e.getMessage());
        }
    }
}
