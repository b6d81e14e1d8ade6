package dev.seedforge.contracts.format;

import static dev.seedforge.contracts.format.Problems.absent;
import static dev.seedforge.contracts.format.Problems.kind;
import static dev.seedforge.contracts.format.Records.NODES;
import static dev.seedforge.contracts.format.Records.textOrNull;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.seedforge.contracts.ChatTurn;
import dev.seedforge.contracts.ReasonCode;
import dev.seedforge.contracts.ReasoningSpec;

/**
 * Alpaca, read, written and checked: non-empty {@code instruction} and {@code output} strings, {@code input} and
 * {@code system} strings when present, {@code history} a list of {@code [instruction, response]} string pairs when
 * present. As chat turns, the instruction and a non-blank input make one user turn joined by a newline (as
 * LLaMA-Factory joins them); written back from turns, the whole user turn is the instruction and input is empty. Alpaca
 * has no form for tool calls.
 */
public final class Alpaca implements FormatHome {

    @Override
    public String keyField() {
        return "instruction";
    }

    @Override
    public List<ChatTurn> turns(JsonNode record) {
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
            turns.add(Reasoning.assistant(ChatTurn.of(ChatTurn.ASSISTANT, pair.get(1).asText()), null));
        }
        String instruction = Records.requireText(record, "instruction", "example");
        String input = textOrNull(record, "input");
        turns.add(ChatTurn.of(ChatTurn.USER, input == null || input.isBlank() ? instruction : instruction + "\n" + input));
        turns.add(Reasoning.assistant(ChatTurn.of(ChatTurn.ASSISTANT, textOrNull(record, "output")), record));
        return turns;
    }

    @Override
    public ObjectNode render(List<ChatTurn> turns) {
        ObjectNode record = NODES.objectNode();
        List<String[]> pairs = new ArrayList<>();
        String lastTrace = null;
        String lastAnswer = null;
        String system = null;
        String pendingUser = null;
        for (ChatTurn turn : turns) {
            if (!turn.toolCalls().isEmpty()) {
                throw new IllegalArgumentException("tool calls have no Alpaca form");
            }
            switch (turn.role()) {
                case ChatTurn.SYSTEM -> system = turn.content();
                case ChatTurn.USER -> pendingUser = turn.content();
                case ChatTurn.ASSISTANT -> {
                    // an earlier response has no field of its own: its trace opens its text
                    pairs.add(new String[] { pendingUser, turn.reasoning() == null ? turn.content()
                            : Reasoning.inline(turn.reasoning(), turn.content()) });
                    lastTrace = turn.reasoning();
                    lastAnswer = turn.content();
                    pendingUser = null;
                }
                default -> throw new IllegalArgumentException("role '" + turn.role() + "' has no Alpaca form");
            }
        }
        String[] last = pairs.isEmpty() ? new String[] { pendingUser, null } : pairs.remove(pairs.size() - 1);
        record.put("instruction", last[0]);
        record.put("input", "");
        record.put("output", lastTrace == null ? last[1] : lastAnswer);
        if (lastTrace != null) {
            record.put(ReasoningSpec.REASONING_CONTENT, lastTrace);
        }
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

    @Override
    public List<JsonNode> tools(JsonNode record) {
        return List.of();
    }

    @Override
    public void putTools(ObjectNode record, List<JsonNode> tools) {
        if (!tools.isEmpty()) {
            throw new IllegalArgumentException("tool definitions have no Alpaca form");
        }
    }

    @Override
    public ObjectNode withoutSystemAndTools(JsonNode record) {
        ObjectNode copy = Records.copy(record);
        copy.remove("system");
        return copy;
    }

    @Override
    public ObjectNode withSystemPrompt(JsonNode record, String systemPrompt) {
        ObjectNode copy = Records.copy(record);
        if (systemPrompt != null) {
            copy.put("system", systemPrompt);
        }
        return copy;
    }

    @Override
    public void check(JsonNode record, Problems problems) {
        requireText(record, "instruction", problems);
        optionalText(record, "input", problems);
        optionalText(record, "system", problems);
        requireText(record, "output", problems);
        JsonNode history = record.get("history");
        if (history == null) {
            return;
        }
        if (!history.isArray()) {
            problems.add(ReasonCode.WRONG_TYPE,
                    "history must be an array of [instruction, response] pairs, got " + kind(history));
            return;
        }
        for (int i = 0; i < history.size(); i++) {
            JsonNode pair = history.get(i);
            String where = "history[" + i + "]";
            if (!pair.isArray() || pair.size() != 2) {
                problems.add(ReasonCode.WRONG_TYPE, where + " must be a pair [instruction, response], got "
                        + (pair.isArray() ? "an array of " + pair.size() : kind(pair)));
                continue;
            }
            pairPart(pair.get(0), where + " instruction", problems);
            pairPart(pair.get(1), where + " response", problems);
        }
    }

    private static void requireText(JsonNode record, String field, Problems problems) {
        JsonNode value = record.get(field);
        if (absent(value)) {
            problems.add(ReasonCode.MISSING_FIELD, "the example has no '" + field + "'");
        } else if (!value.isTextual()) {
            problems.add(ReasonCode.WRONG_TYPE, field + " must be a string, got " + kind(value));
        } else if (value.asText().isBlank()) {
            problems.add(ReasonCode.EMPTY_TURN, field + " is empty");
        }
    }

    private static void optionalText(JsonNode record, String field, Problems problems) {
        JsonNode value = record.get(field);
        if (value != null && !value.isTextual()) {
            problems.add(ReasonCode.WRONG_TYPE, field + " must be a string (\"\" for none), got " + kind(value));
        }
    }

    private static void pairPart(JsonNode part, String where, Problems problems) {
        if (!part.isTextual()) {
            problems.add(ReasonCode.WRONG_TYPE, where + " must be a string, got " + kind(part));
        } else if (part.asText().isBlank()) {
            problems.add(ReasonCode.EMPTY_TURN, where + " is empty");
        }
    }
}
