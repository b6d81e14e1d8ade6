package dev.seedforge.contracts;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One preference pair read off an example of a preference job: the prompt (every turn before the final assistant
 * turn, system prompt and tool results included), the chosen answer (that final turn) and the rejected answer with its
 * failure mode. The example's record carries the rejected side in one extra field, in every format alike:
 * {@code "preference": {"failure_mode": "incomplete", "rejected": {"role": "assistant", "content": "...",
 * "tool_calls": [...]}}} (an OpenAI assistant message). Format readers ignore the field, so the chosen side is checked,
 * compared by dedup and counted exactly as an example of any other job.
 */
public record PreferencePair(List<ChatTurn> prompt, ChatTurn chosen, ChatTurn rejected, String failureMode) {

    public static final String FIELD = "preference";

    public PreferencePair {
        prompt = List.copyOf(prompt);
    }

    /** Whether the record carries a rejected answer at all. */
    public static boolean present(JsonNode record) {
        return record != null && record.path(FIELD).isObject();
    }

    /**
     * Reads the pair of a record of {@code format}.
     *
     * @throws IllegalArgumentException naming what is missing or malformed
     */
    public static PreferencePair of(ExampleFormat format, JsonNode record) {
        JsonNode block = record == null ? null : record.get(FIELD);
        if (block == null || !block.isObject()) {
            throw new IllegalArgumentException("no '" + FIELD + "' object with the rejected answer");
        }
        String mode = block.path("failure_mode").asText("");
        if (mode.isBlank()) {
            throw new IllegalArgumentException(FIELD + ".failure_mode is missing");
        }
        JsonNode rejectedNode = block.get("rejected");
        ChatTurn rejected;
        if (rejectedNode != null && rejectedNode.isTextual()) {
            rejected = ChatTurn.of(ChatTurn.ASSISTANT, rejectedNode.asText());
        } else if (rejectedNode != null && rejectedNode.isObject()) {
            ObjectNode message = ((ObjectNode) rejectedNode).deepCopy();
            message.put("role", ChatTurn.ASSISTANT);
            if (!message.has("content")) {
                message.putNull("content");
            }
            ObjectNode wrapper = Json.MAPPER.createObjectNode();
            wrapper.putArray("messages").add(Json.MAPPER.createObjectNode().put("role", "user").put("content", "x"))
                    .add(message);
            rejected = ExampleFormat.OPENAI.turns(wrapper).get(1);
        } else {
            throw new IllegalArgumentException(FIELD + ".rejected is missing: the worse answer, an assistant message");
        }
        if ((rejected.content() == null || rejected.content().isBlank()) && rejected.toolCalls().isEmpty()) {
            throw new IllegalArgumentException(FIELD + ".rejected is empty");
        }
        List<ChatTurn> turns = format.turns(withoutPreference(record));
        if (turns.isEmpty() || !ChatTurn.ASSISTANT.equals(turns.get(turns.size() - 1).role())) {
            throw new IllegalArgumentException("the example does not end with the assistant's answer");
        }
        return new PreferencePair(turns.subList(0, turns.size() - 1), turns.get(turns.size() - 1), rejected, mode);
    }

    /** The record without the rejected side: the chosen example, as every check of an ordinary job sees it. */
    public static JsonNode withoutPreference(JsonNode record) {
        if (record == null || !record.isObject() || !record.has(FIELD)) {
            return record;
        }
        ObjectNode copy = ((ObjectNode) record).deepCopy();
        copy.remove(FIELD);
        return copy;
    }

    /** The prompt's turns followed by {@code answer}. */
    public List<ChatTurn> with(ChatTurn answer) {
        List<ChatTurn> turns = new ArrayList<>(prompt);
        turns.add(answer);
        return turns;
    }

    /** The rejected side as a record of {@code format} (the prompt, then the rejected answer), for the same checks. */
    public ObjectNode rejectedRecord(ExampleFormat format, List<JsonNode> tools) {
        return format.render(with(rejected), tools == null ? List.of() : tools);
    }

    /** The block a record carries: the failure mode and the rejected answer as an OpenAI assistant message. */
    public static ObjectNode block(String failureMode, ChatTurn rejected) {
        ObjectNode block = Json.MAPPER.createObjectNode().put("failure_mode", failureMode);
        ObjectNode rendered = ExampleFormat.OPENAI.render(List.of(ChatTurn.of(ChatTurn.USER, "x"), rejected));
        block.set("rejected", rendered.path("messages").get(1));
        return block;
    }
}
