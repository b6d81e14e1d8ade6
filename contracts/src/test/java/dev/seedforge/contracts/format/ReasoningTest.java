package dev.seedforge.contracts.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.seedforge.contracts.ChatTurn;
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.ReasoningSpec;

/** Traces in each format's record: read from a field or a leading think block, written as a field or inline. */
class ReasoningTest {

    private static final List<ChatTurn> TURNS = List.of(ChatTurn.of(ChatTurn.USER, "What is 2 + 3?"),
            ChatTurn.of(ChatTurn.ASSISTANT, "Answer: 5").withReasoning("Two plus three is five."));

    @Test
    void everyFormatKeepsTheTraceApartFromTheAnswer() {
        for (ExampleFormat format : ExampleFormat.values()) {
            ObjectNode record = format.render(TURNS);
            assertEquals(List.of("Two plus three is five."), Reasoning.traces(format, record), format.id());
            List<ChatTurn> back = format.turns(record);
            ChatTurn answer = back.get(back.size() - 1);
            assertEquals("Answer: 5", answer.content(), format.id());
            assertEquals("Two plus three is five.", answer.reasoning(), format.id());
            assertTrue(format.check(record).isEmpty(), format.id() + ": " + format.check(record));
        }
    }

    @Test
    void aLeadingThinkBlockIsReadAsTheTrace() throws Exception {
        JsonNode sharegpt = Json.MAPPER.readTree("""
                {"conversations":[{"from":"human","value":"Hi"},
                 {"from":"gpt","value":"<think>\\nGreet back.\\n</think>\\n\\nHello!"}]}""");
        ChatTurn answer = ExampleFormat.SHAREGPT.turns(sharegpt).get(1);
        assertEquals("Hello!", answer.content());
        assertEquals("Greet back.", answer.reasoning());
        assertNull(Reasoning.split("no block <think>here</think>").trace());
        assertNull(Reasoning.split("<think>never closed").trace());
    }

    @Test
    void writtenInlineOrAsANamedField() {
        ObjectNode openai = ExampleFormat.OPENAI.render(TURNS);
        ObjectNode inline = Reasoning.written(ExampleFormat.OPENAI, openai, ReasoningSpec.Mode.INLINE,
                "reasoning_content");
        JsonNode assistant = inline.path("messages").get(1);
        assertEquals("<think>\nTwo plus three is five.\n</think>\n\nAnswer: 5", assistant.path("content").asText());
        assertFalse(assistant.has("reasoning_content"));
        ObjectNode thinking = Reasoning.written(ExampleFormat.OPENAI, openai, ReasoningSpec.Mode.FIELD, "thinking");
        assertEquals("Two plus three is five.", thinking.path("messages").get(1).path("thinking").asText());
        assertFalse(thinking.path("messages").get(1).has("reasoning_content"));
        assertEquals("Answer: 5", thinking.path("messages").get(1).path("content").asText());

        ObjectNode alpaca = Reasoning.written(ExampleFormat.ALPACA, ExampleFormat.ALPACA.render(TURNS),
                ReasoningSpec.Mode.FIELD, "reasoning_content");
        assertTrue(alpaca.path("output").asText().startsWith("<think>"), "Alpaca carries traces inline only");
        assertFalse(alpaca.has("reasoning_content"));
        assertEquals("Answer: 5", ExampleFormat.ALPACA.turns(alpaca).get(1).content(), "and reads them back");
    }

    @Test
    void alpacaHistoryResponsesCarryTheirTracesInline() {
        List<ChatTurn> turns = List.of(ChatTurn.of(ChatTurn.USER, "First?"),
                ChatTurn.of(ChatTurn.ASSISTANT, "One.").withReasoning("Count from one."),
                ChatTurn.of(ChatTurn.USER, "Next?"), ChatTurn.of(ChatTurn.ASSISTANT, "Two."));
        ObjectNode record = ExampleFormat.ALPACA.render(turns);
        assertEquals("Two.", record.path("output").asText());
        assertFalse(record.has("reasoning_content"), "the final answer has no trace");
        List<ChatTurn> back = ExampleFormat.ALPACA.turns(record);
        assertEquals("Count from one.", back.get(1).reasoning());
        assertEquals("One.", back.get(1).content());
        assertNull(back.get(3).reasoning());
    }
}
