package dev.seedforge.generator.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.seedforge.contracts.ChatTurn;
import dev.seedforge.contracts.Conversation;
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.PlanCell;
import dev.seedforge.contracts.PreferenceSpec;
import dev.seedforge.contracts.PreferenceSpec.FailureMode;
import dev.seedforge.contracts.ValidationRules;
import dev.seedforge.generator.domain.GenerationPrompt;
import dev.seedforge.generator.domain.PromptBuilder;

/** A preference job asks each example for a rejected answer: the mode per example in the prompt, the block in the schema. */
class PreferenceSchemaTest {

    private static JobSpec spec(String taskType) {
        return JobSpec.builder().task("Solve math word problems.").format(ExampleFormat.OPENAI).target(10)
                .seeds(List.of(new Conversation(List.of(ChatTurn.of(ChatTurn.USER, "2 + 2?"),
                        ChatTurn.of(ChatTurn.ASSISTANT, "Final answer: 4")))))
                .rules(new ValidationRules(List.of("^Final answer: "), List.of(), null, null, List.of()))
                .taskType(taskType).preference(taskType == null ? null
                        : new PreferenceSpec(List.of("wrong_format", "incomplete", "hallucinated_fact")))
                .build().withDefaults();
    }

    @Test
    void thePromptAssignsAModeToEachExampleAndStatesTheReplyFormat() {
        PlanCell cell = new PlanCell("complexity=simple", Map.of(), "simple", false, 10);
        GenerationPrompt prompt = PromptBuilder.build(spec("preference"), cell, 4, 5, null);
        assertEquals(5, prompt.rejectedModes().size());
        assertTrue(prompt.rejectedModes().containsAll(List.of(FailureMode.WRONG_FORMAT, FailureMode.INCOMPLETE,
                FailureMode.HALLUCINATED_FACT)), prompt.rejectedModes().toString());
        for (int i = 0; i < 5; i++) {
            assertTrue(prompt.user().contains("example " + (i + 1) + ": " + prompt.rejectedModes().get(i).id()),
                    prompt.user());
        }
        assertTrue(prompt.user().contains("the final reply must match: ^Final answer: "), prompt.user());
        GenerationPrompt plain = PromptBuilder.build(spec(null), cell, 4, 5, null);
        assertEquals(List.of(), plain.rejectedModes());
        assertFalse(plain.user().contains("rejected_answers"), plain.user());
    }

    @Test
    void theSchemaRequiresThePreferenceBlockWithTheCallsModes() {
        for (ExampleFormat format : ExampleFormat.values()) {
            JsonObjectSchema record = ExampleSchemas.withPreference(ExampleSchemas.record(format, false, 0),
                    List.of(FailureMode.INCOMPLETE, FailureMode.HALLUCINATED_FACT), false);
            assertTrue(record.required().contains("preference"), format.id());
            JsonObjectSchema block = (JsonObjectSchema) record.properties().get("preference");
            assertEquals(List.of("incomplete", "hallucinated_fact"),
                    ((JsonEnumSchema) block.properties().get("failure_mode")).enumValues());
            assertTrue(block.properties().containsKey("rejected"), format.id());
        }
        assertEquals(ExampleSchemas.of(ExampleFormat.OPENAI, false, 0),
                ExampleSchemas.of(ExampleFormat.OPENAI, false, 0, List.of()));
    }
}
