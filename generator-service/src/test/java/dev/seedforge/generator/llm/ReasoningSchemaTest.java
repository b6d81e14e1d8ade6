package dev.seedforge.generator.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.seedforge.contracts.ChatTurn;
import dev.seedforge.contracts.Conversation;
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.PlanCell;
import dev.seedforge.contracts.ReasoningSpec;
import dev.seedforge.generator.domain.GenerationPrompt;
import dev.seedforge.generator.domain.PromptBuilder;

/** A job with reasoning asks for the trace twice over: in the prompt's directives and as a field of the schema. */
class ReasoningSchemaTest {

    private static Map<String, JsonSchemaElement> answerFields(ExampleFormat format, int budget) {
        JsonObjectSchema record = ExampleSchemas.record(format, false, budget);
        return switch (format) {
            case OPENAI -> ((JsonObjectSchema) ((JsonArraySchema) record.properties().get("messages")).items())
                    .properties();
            case SHAREGPT -> ((JsonObjectSchema) ((JsonArraySchema) record.properties().get("conversations")).items())
                    .properties();
            case ALPACA -> record.properties();
        };
    }

    @Test
    void everyFormatGetsTheFieldWithItsBudgetOnlyWhenAsked() {
        for (ExampleFormat format : ExampleFormat.values()) {
            Map<String, JsonSchemaElement> fields = answerFields(format, 300);
            assertTrue(fields.containsKey("reasoning_content"), format.id());
            assertTrue(fields.get("reasoning_content").description().contains("at most 300 tokens"), format.id());
            assertFalse(answerFields(format, 0).containsKey("reasoning_content"), format.id());
        }
        assertTrue(ExampleSchemas.record(ExampleFormat.ALPACA, false, 300).required().contains("reasoning_content"));
        assertEquals(ExampleSchemas.of(ExampleFormat.OPENAI, true), ExampleSchemas.of(ExampleFormat.OPENAI, true, 0));
    }

    @Test
    void thePromptStatesTheDirectiveAndCarriesTheBudget() {
        JobSpec spec = JobSpec.builder().task("Solve math word problems.").format(ExampleFormat.SHAREGPT).target(10)
                .seeds(List.of(new Conversation(List.of(ChatTurn.of(ChatTurn.USER, "2 + 2?"),
                        ChatTurn.of(ChatTurn.ASSISTANT, "Final answer: 4")))))
                .reasoning(new ReasoningSpec(true, 300, null, null)).build().withDefaults();
        PlanCell cell = new PlanCell("complexity=simple", Map.of(), "simple", false, 10);
        GenerationPrompt prompt = PromptBuilder.build(spec, cell, 1, 2, null);
        assertEquals(300, prompt.reasoningMaxTokens());
        assertTrue(prompt.user().contains("reasoning: yes, at most 300 tokens"), prompt.user());
        assertTrue(prompt.user().contains("reasoning_content field"), prompt.user());
        GenerationPrompt plain = PromptBuilder.build(spec.toBuilder().reasoning(null).build(), cell, 1, 2, null);
        assertEquals(0, plain.reasoningMaxTokens());
        assertFalse(plain.user().contains("reasoning"), plain.user());
    }
}
