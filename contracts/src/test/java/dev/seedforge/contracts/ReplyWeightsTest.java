package dev.seedforge.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

class ReplyWeightsTest {

    private static Conversation seed(String json) throws Exception {
        return Conversation.fromJson(Json.MAPPER.readTree(json));
    }

    private static final String FINAL_ONLY = """
            {"messages": [{"role": "user", "content": "a"}, {"role": "assistant", "content": "b", "weight": 0},
             {"role": "user", "content": "c"}, {"role": "assistant", "content": "d", "weight": 1}]}""";

    @Test
    void seedsTrainedOnTheirFinalReplyGiveTheExamplesTheSameWeights() throws Exception {
        ReplyWeights weights = ReplyWeights.ofSeeds(List.of(seed(FINAL_ONLY), seed("""
                {"messages": [{"role": "user", "content": "x"}, {"role": "assistant", "content": "y", "weight": 1}]}""")));
        assertEquals(new ReplyWeights(true, 1), weights);
        ObjectNode written = (ObjectNode) Json.MAPPER.readTree("""
                {"messages": [{"role": "system", "content": "s"}, {"role": "user", "content": "1"},
                 {"role": "assistant", "content": "2"}, {"role": "user", "content": "3"},
                 {"role": "assistant", "content": "4"}, {"role": "user", "content": "5"},
                 {"role": "assistant", "content": "6"}]}""");
        ObjectNode weighted = weights.apply(ExampleFormat.OPENAI, written);
        assertEquals("[null,null,0,null,0,null,1]", weightsOf(weighted), weighted.toString());
        assertEquals(List.of(), ExampleFormat.OPENAI.check(weighted), "the weights are OpenAI's to the letter");
        ObjectNode alpaca = (ObjectNode) Json.MAPPER.readTree("{\"instruction\": \"a\", \"output\": \"b\"}");
        assertEquals(alpaca.deepCopy(), weights.apply(ExampleFormat.ALPACA, alpaca), "only OpenAI has weights");
    }

    @Test
    void seedsThatTrainEveryReplyOrMixWeightsLeaveTheExamplesAsWritten() throws Exception {
        assertEquals(ReplyWeights.NONE, ReplyWeights.ofSeeds(List.of(seed("""
                {"messages": [{"role": "user", "content": "a"}, {"role": "assistant", "content": "b"},
                 {"role": "user", "content": "c"}, {"role": "assistant", "content": "d"}]}"""))));
        assertEquals(ReplyWeights.NONE, ReplyWeights.ofSeeds(List.of(seed(FINAL_ONLY), seed(FINAL_ONLY.replace(
                "\"weight\": 0", "\"weight\": 1")))), "one seed trains an earlier reply");
        assertEquals(ReplyWeights.NONE, ReplyWeights.ofSeeds(List.of(seed(FINAL_ONLY.replace(
                "\"content\": \"d\", \"weight\": 1", "\"content\": \"d\", \"weight\": 0")))), "a final reply of 0");
        assertEquals(new ReplyWeights(true, null), ReplyWeights.ofSeeds(List.of(seed(FINAL_ONLY.replace(
                ", \"weight\": 1", "")))), "final replies without a weight get none");
    }

    private static String weightsOf(ObjectNode record) {
        StringBuilder out = new StringBuilder("[");
        record.get("messages").forEach(m -> out.append(out.length() > 1 ? "," : "")
                .append(m.has("weight") ? m.get("weight").asText() : "null"));
        return out.append(']').toString();
    }
}
