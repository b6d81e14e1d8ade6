package dev.seedforge.validator.domain;

import static dev.seedforge.validator.domain.Problems.absent;
import static dev.seedforge.validator.domain.Problems.kind;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * LLaMA-Factory's ShareGPT layout: {@code conversations} of {@code {from, value}}; an optional system turn first; then
 * human (or observation) and gpt (or function_call) alternate, every function_call is answered by an observation, and
 * the conversation ends with gpt. A function_call holds one call, or a JSON list of calls made at once.
 */
final class ShareGptRules implements FormatRules {

    static final String HUMAN = "human";
    static final String GPT = "gpt";
    static final String SYSTEM = "system";
    static final String FUNCTION_CALL = "function_call";
    static final String OBSERVATION = "observation";
    private static final Set<String> ROLES = Set.of(HUMAN, GPT, SYSTEM, FUNCTION_CALL, OBSERVATION);

    /** What preceded a turn, for the order rules; {@code null} when the previous turn could not be read. */
    private static final String START = "<start>";

    @Override
    public void check(JsonNode record, Problems problems) {
        JsonNode system = record.get("system");
        if (!absent(system) && !system.isTextual()) {
            problems.add(ReasonCode.WRONG_TYPE, "system must be a string, got " + kind(system));
        }
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
}
