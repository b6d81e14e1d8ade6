package dev.seedforge.contracts.format;

import static dev.seedforge.contracts.format.Problems.absent;
import static dev.seedforge.contracts.format.Problems.kind;
import static dev.seedforge.contracts.format.Records.NODES;
import static dev.seedforge.contracts.format.Records.parseOrNull;
import static dev.seedforge.contracts.format.Records.parseOrText;
import static dev.seedforge.contracts.format.Records.requireArray;
import static dev.seedforge.contracts.format.Records.requireText;
import static dev.seedforge.contracts.format.Records.textOrNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * LLaMA-Factory's ShareGPT format, read, written and checked. Layout: {@code conversations} of {@code {from, value}}
 * with an optional {@code system} string and {@code tools} (a JSON string of bare function definitions); an optional
 * system turn first; then human (or observation) and gpt (or function_call) alternate, every function_call is answered
 * by an observation, and the conversation ends with gpt. A function_call holds one call {@code {name, arguments}}, or
 * a JSON list of calls made at once (answered by one observation holding a JSON list of results).
 */
public final class ShareGpt implements FormatHome {

    static final String HUMAN = "human";
    static final String GPT = "gpt";
    static final String SYSTEM = "system";
    static final String FUNCTION_CALL = "function_call";
    static final String OBSERVATION = "observation";
    private static final Set<String> ROLES = Set.of(HUMAN, GPT, SYSTEM, FUNCTION_CALL, OBSERVATION);

    /** What preceded a turn, for the order rules; {@code null} when the previous turn could not be read. */
    private static final String START = "<start>";

    private static final Map<String, String> TO_ROLE = Map.of(HUMAN, ChatTurn.USER, "user", ChatTurn.USER, GPT,
            ChatTurn.ASSISTANT, "assistant", ChatTurn.ASSISTANT, SYSTEM, ChatTurn.SYSTEM, OBSERVATION, ChatTurn.TOOL,
            "tool", ChatTurn.TOOL);

    @Override
    public String keyField() {
        return "conversations";
    }

    /** Calls get ids {@code call_1, call_2, ...} in order (ShareGPT has none); each observation answers the last call. */
    @Override
    public List<ChatTurn> turns(JsonNode record) {
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
            if (FUNCTION_CALL.equals(from)) {
                List<ToolCall> calls = new ArrayList<>();
                for (JsonNode call : functionCalls(value)) {
                    String id = "call_" + (++callCounter);
                    calls.add(call == null ? new ToolCall(id, null, value)
                            : new ToolCall(id, textOrNull(call, "name"), Records.argumentsText(call.get("arguments"))));
                }
                lastCallIds = calls.stream().map(ToolCall::id).toList();
                turns.add(new ChatTurn(ChatTurn.ASSISTANT, null, calls, null));
                continue;
            }
            String role = TO_ROLE.get(from);
            if (role == null) {
                throw new IllegalArgumentException(where + ".from: unknown role '" + from
                        + "'; expected human, gpt, system, function_call or observation");
            }
            if (ChatTurn.TOOL.equals(role)) {
                turns.addAll(observations(value, lastCallIds));
            } else if (ChatTurn.ASSISTANT.equals(role)) {
                turns.add(Reasoning.assistant(ChatTurn.of(role, value), turn));
            } else {
                turns.add(ChatTurn.of(role, value));
            }
        }
        return turns;
    }

    /**
     * The calls of a {@code function_call} value: one object, or a JSON array of them for parallel calls. A value that
     * is not JSON gives one {@code null}, kept verbatim by the caller so the checker can name the broken JSON.
     */
    private static List<JsonNode> functionCalls(String value) {
        JsonNode parsed = parseOrNull(value == null ? "" : value);
        List<JsonNode> calls = new ArrayList<>();
        if (parsed != null && parsed.isArray() && !parsed.isEmpty()) {
            parsed.forEach(calls::add);
        } else {
            calls.add(parsed == null || parsed.isMissingNode() ? null : parsed);
        }
        return calls;
    }

    /**
     * The answers to the last calls: after parallel calls an observation holding a JSON array with one entry per call
     * is one answer per call, in order; anything else is one answer to the first call.
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

    /**
     * An assistant turn with several (parallel) calls is one function_call whose value is a JSON array of the calls,
     * and the answers that follow are one observation whose value is a JSON array of their contents, so the
     * human/gpt alternation LLaMA-Factory requires holds. ShareGPT has no room for text beside a call, for call ids,
     * message names or weights: those are dropped (as LLaMA-Factory's own OpenAI reader does).
     */
    @Override
    public ObjectNode render(List<ChatTurn> turns) {
        ObjectNode record = NODES.objectNode();
        ArrayNode conversations = record.putArray("conversations");
        List<String> pendingAnswers = new ArrayList<>();
        for (ChatTurn turn : turns) {
            if (!ChatTurn.TOOL.equals(turn.role())) {
                flushAnswers(conversations, pendingAnswers);
            }
            switch (turn.role()) {
                case ChatTurn.SYSTEM -> record.put("system", turn.content());
                case ChatTurn.USER -> add(conversations, HUMAN, turn.content());
                case ChatTurn.TOOL -> pendingAnswers.add(turn.content());
                case ChatTurn.ASSISTANT -> {
                    if (turn.toolCalls().isEmpty()) {
                        ObjectNode gpt = add(conversations, GPT, turn.content());
                        if (turn.reasoning() != null) {
                            gpt.put(ReasoningSpec.REASONING_CONTENT, turn.reasoning());
                        }
                    } else if (turn.toolCalls().size() == 1) {
                        add(conversations, FUNCTION_CALL, callJson(turn.toolCalls().get(0)).toString());
                    } else {
                        ArrayNode calls = NODES.arrayNode();
                        turn.toolCalls().forEach(call -> calls.add(callJson(call)));
                        add(conversations, FUNCTION_CALL, calls.toString());
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
            add(conversations, OBSERVATION, pending.get(0));
        } else if (pending.size() > 1) {
            ArrayNode values = NODES.arrayNode();
            pending.forEach(values::add);
            add(conversations, OBSERVATION, values.toString());
        }
        pending.clear();
    }

    private static ObjectNode callJson(ToolCall call) {
        ObjectNode value = NODES.objectNode();
        value.put("name", call.name());
        value.set("arguments", parseOrText(call.arguments()));
        return value;
    }

    private static ObjectNode add(ArrayNode conversations, String from, String value) {
        ObjectNode turn = conversations.addObject();
        turn.put("from", from);
        turn.put("value", value);
        return turn;
    }

    @Override
    public List<JsonNode> tools(JsonNode record) {
        return Records.toolList(record == null ? null : record.get("tools"));
    }

    /** One JSON string of bare function definitions, as LLaMA-Factory's glaive demo writes it. */
    @Override
    public void putTools(ObjectNode record, List<JsonNode> tools) {
        record.put("tools", ToolDefinitions.asFunctionList(tools));
    }

    @Override
    public ObjectNode withoutSystemAndTools(JsonNode record) {
        ObjectNode copy = Records.copy(record);
        copy.remove("system");
        copy.remove("tools");
        return copy;
    }

    @Override
    public ObjectNode withSystemPrompt(JsonNode record, String systemPrompt) {
        ObjectNode copy = Records.copy(record);
        if (systemPrompt != null) {
            // "system" goes first, where a person writing the record puts it
            ObjectNode ordered = NODES.objectNode();
            ordered.put("system", systemPrompt);
            copy.properties().forEach(field -> {
                if (!"system".equals(field.getKey())) {
                    ordered.set(field.getKey(), field.getValue());
                }
            });
            return ordered;
        }
        return copy;
    }

    @Override
    public void check(JsonNode record, Problems problems) {
        JsonNode system = record.get("system");
        if (!absent(system) && !system.isTextual()) {
            problems.add(ReasonCode.WRONG_TYPE, "system must be a string, got " + kind(system));
        }
        checkTools(record, problems);
        JsonNode conversations = record.get("conversations");
        if (!conversations.isArray()) {
            problems.add(ReasonCode.WRONG_TYPE,
                    "conversations must be an array of {from, value} turns, got " + kind(conversations));
            return;
        }
        if (conversations.isEmpty()) {
            problems.add(ReasonCode.MISSING_FIELD, "conversations is empty: it needs a human turn and a gpt turn");
            return;
        }
        String previous = START;
        boolean orderBroken = false;
        String lastRole = null;
        int lastTurn = 0;
        for (int i = 0; i < conversations.size(); i++) {
            int turn = i + 1;
            String role = readTurn(conversations.get(i), turn, problems);
            // once the order breaks, every later turn is off by one: the first break is the one to fix
            if (role != null && previous != null && !orderBroken) {
                orderBroken = !inOrder(turn, previous, role, problems);
            }
            previous = role;
            lastRole = role;
            lastTurn = turn;
        }
        if (lastRole != null && !GPT.equals(lastRole)) {
            problems.add(ReasonCode.ENDS_WITHOUT_ASSISTANT,
                    "the conversation ends with " + lastRole + " (turn " + lastTurn + "); it must end with gpt");
        }
    }

    /** Checks one turn's fields; returns its role, or {@code null} when the role cannot be told. */
    private static String readTurn(JsonNode node, int turn, Problems problems) {
        if (!node.isObject()) {
            problems.add(ReasonCode.WRONG_TYPE, "turn " + turn + " must be an object {from, value}, got " + kind(node));
            return null;
        }
        JsonNode from = node.get("from");
        if (absent(from)) {
            problems.add(ReasonCode.MISSING_FIELD, "turn " + turn + " has no 'from'");
            return null;
        }
        if (!from.isTextual()) {
            problems.add(ReasonCode.WRONG_TYPE, "turn " + turn + ": from must be a string, got " + kind(from));
            return null;
        }
        String role = from.asText();
        if (!ROLES.contains(role)) {
            problems.add(ReasonCode.UNKNOWN_ROLE, "turn " + turn + ": unknown role '" + role
                    + "'; expected human, gpt, system, function_call or observation");
            return null;
        }
        JsonNode value = node.get("value");
        if (absent(value)) {
            problems.add(ReasonCode.MISSING_FIELD, "turn " + turn + " (" + role + ") has no 'value'");
        } else if (!value.isTextual()) {
            problems.add(ReasonCode.WRONG_TYPE,
                    "turn " + turn + " (" + role + "): value must be a string, got " + kind(value));
        } else if (value.asText().isBlank()) {
            problems.add(ReasonCode.EMPTY_TURN, "turn " + turn + " (" + role + ") is empty");
        } else if (FUNCTION_CALL.equals(role)) {
            checkFunctionCall(value.asText(), turn, problems);
        }
        return role;
    }

    /** One call {@code {name, arguments}}, or a non-empty JSON array of them for parallel calls (LLaMA-Factory's form). */
    private static void checkFunctionCall(String value, int turn, Problems problems) {
        String where = "turn " + turn + " (function_call)";
        JsonNode call = ToolArguments.parse(value, where, problems);
        if (call == null) {
            return;
        }
        if (call.isArray() && !call.isEmpty()) {
            for (int i = 0; i < call.size(); i++) {
                checkCall(call.get(i), where + " call " + (i + 1), problems);
            }
            return;
        }
        checkCall(call, where, problems);
    }

    private static void checkCall(JsonNode call, String where, Problems problems) {
        if (!call.isObject()) {
            problems.add(ReasonCode.INVALID_TOOL_ARGUMENTS, where
                    + " must be a JSON object {name, arguments} (or a non-empty list of them), got " + kind(call));
            return;
        }
        JsonNode name = call.get("name");
        if (absent(name) || (name.isTextual() && name.asText().isBlank())) {
            problems.add(ReasonCode.MISSING_FIELD, where + " has no name");
        } else if (!name.isTextual()) {
            problems.add(ReasonCode.WRONG_TYPE, where + ": name must be a string, got " + kind(name));
        }
        JsonNode arguments = call.get("arguments");
        if (absent(arguments)) {
            problems.add(ReasonCode.MISSING_FIELD, where + " has no arguments");
        } else if (!arguments.isObject()) {
            problems.add(ReasonCode.INVALID_TOOL_ARGUMENTS,
                    where + ": arguments must be a JSON object, got " + kind(arguments));
        }
    }

    /** Reports the turn if it is out of order; returns whether it was in order. */
    private static boolean inOrder(int turn, String previous, String role, Problems problems) {
        if (SYSTEM.equals(role)) {
            if (turn != 1) {
                problems.add(ReasonCode.ROLE_ORDER, "turn " + turn + ": system is only allowed as the first turn");
                return false;
            }
            return true;
        }
        switch (previous) {
            case START, SYSTEM, GPT -> {
                if (HUMAN.equals(role)) {
                    return true;
                } else if (OBSERVATION.equals(role)) {
                    problems.add(ReasonCode.ORPHAN_TOOL_RESULT,
                            "turn " + turn + ": observation does not follow a function_call");
                } else {
                    problems.add(ReasonCode.ROLE_ORDER, "turn " + turn + " should be human, got " + role);
                }
            }
            case HUMAN, OBSERVATION -> {
                if (GPT.equals(role) || FUNCTION_CALL.equals(role)) {
                    return true;
                } else if (OBSERVATION.equals(role)) {
                    problems.add(ReasonCode.ORPHAN_TOOL_RESULT,
                            "turn " + turn + ": observation does not follow a function_call (turn " + (turn - 1)
                                    + " is " + previous + ")");
                } else {
                    problems.add(ReasonCode.ROLE_ORDER,
                            "turn " + turn + " should be gpt or function_call, got " + role);
                }
            }
            case FUNCTION_CALL -> {
                if (OBSERVATION.equals(role)) {
                    return true;
                } else {
                    problems.add(ReasonCode.ROLE_ORDER, "turn " + turn
                            + " should be observation (the result of the function_call in turn " + (turn - 1)
                            + "), got " + role);
                }
            }
            default -> throw new IllegalStateException("unexpected previous role " + previous);
        }
        return false;
    }

    private static void checkTools(JsonNode record, Problems problems) {
        try {
            Records.toolList(record.get("tools"));
        } catch (IllegalArgumentException e) {
            problems.add(ReasonCode.WRONG_TYPE, e.getMessage());
        }
    }
}
