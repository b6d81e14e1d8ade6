package dev.seedforge.contracts;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * OpenAI's per-reply training weights as the seeds use them. Seeds whose earlier assistant turns all carry
 * {@code weight: 0} ask for conversations trained on their final reply only; the teacher writes no weights, so the
 * job's examples are given the same. Seeds that use weights any other way (or not at all) leave the examples as the
 * teacher wrote them.
 */
public record ReplyWeights(boolean earlierRepliesUntrained, Integer finalReplyWeight) {

    public static final ReplyWeights NONE = new ReplyWeights(false, null);

    public static ReplyWeights ofSeeds(List<Conversation> seeds) {
        boolean anyEarlier = false;
        boolean everyFinalOne = !seeds.isEmpty();
        for (Conversation seed : seeds) {
            List<ChatTurn> turns = seed.messages();
            int last = ChatTurn.finalReplyIndex(turns);
            for (int i = 0; i < turns.size(); i++) {
                ChatTurn turn = turns.get(i);
                if (!ChatTurn.ASSISTANT.equals(turn.role())) {
                    continue;
                }
                if (i == last) {
                    if (turn.weight() != null && turn.weight() == 0) {
                        return NONE;
                    }
                    everyFinalOne &= turn.weight() != null;
                } else if (turn.weight() == null || turn.weight() != 0) {
                    return NONE;
                } else {
                    anyEarlier = true;
                }
            }
        }
        return anyEarlier ? new ReplyWeights(true, everyFinalOne ? 1 : null) : NONE;
    }

    /** An OpenAI record with the seeds' weights on its assistant messages; any other record as it is. */
    public ObjectNode apply(ExampleFormat format, ObjectNode record) {
        if (!earlierRepliesUntrained || format != ExampleFormat.OPENAI) {
            return record;
        }
        JsonNode messages = record.path("messages");
        int last = ChatTurn.finalReplyIndex(format.turns(record));
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i) instanceof ObjectNode message && ChatTurn.ASSISTANT.equals(message.path("role")
                    .asText())) {
                if (i != last) {
                    message.put("weight", 0);
                } else if (finalReplyWeight != null) {
                    message.put("weight", finalReplyWeight);
                }
            }
        }
        return record;
    }
}
