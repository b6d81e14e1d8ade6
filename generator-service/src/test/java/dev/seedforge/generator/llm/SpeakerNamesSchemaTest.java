package dev.seedforge.generator.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.seedforge.contracts.ChatTurn;
import dev.seedforge.contracts.Conversation;
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.PlanCell;
import dev.seedforge.generator.domain.GeneratedExamples;
import dev.seedforge.generator.domain.GenerationPrompt;
import dev.seedforge.generator.domain.PromptBuilder;

/**
 * A group chat's seeds name their speakers (OpenAI's {@code name}): the call says so and its schema offers the field,
 * so the examples keep the names rather than losing them; a job whose seeds name no one is asked for none.
 */
class SpeakerNamesSchemaTest {

    private static final PlanCell CELL = new PlanCell("complexity=simple", Map.of(), "simple", false, 10);

    private static JobSpec spec(ExampleFormat format, String name) {
        return JobSpec.builder().task("Answer questions in the team's chat channel.").format(format).target(10)
                .seeds(List.of(new Conversation(List.of(
                        new ChatTurn(ChatTurn.USER, "When does the release freeze start?", List.of(), null, name, null),
                        ChatTurn.of(ChatTurn.ASSISTANT, "Thursday at 18:00.")))))
                .build().withDefaults();
    }

    private static JsonObjectSchema message(ResponseFormat format) {
        JsonObjectSchema examples = (JsonObjectSchema) format.jsonSchema().rootElement();
        JsonObjectSchema record = (JsonObjectSchema) ((JsonArraySchema) examples.properties().get("examples")).items();
        return (JsonObjectSchema) ((JsonArraySchema) record.properties().get("messages")).items();
    }

    @Test
    void seedsThatNameTheirSpeakersGetCallsThatAskForNames() {
        GenerationPrompt named = PromptBuilder.build(spec(ExampleFormat.OPENAI, "priya"), CELL, 1, 5, null);
        assertTrue(named.withNames());
        assertTrue(named.user().contains("names: yes"), named.user());
        assertTrue(message(ExampleSchemas.of(named)).properties().containsKey("name"));
        assertFalse(message(ExampleSchemas.of(named)).required().contains("name"), "a message may name no one");

        GenerationPrompt plain = PromptBuilder.build(spec(ExampleFormat.OPENAI, null), CELL, 1, 5, null);
        assertFalse(plain.withNames());
        assertFalse(plain.user().contains("names:"), plain.user());
        assertFalse(message(ExampleSchemas.of(plain)).properties().containsKey("name"));
        assertEquals(ExampleSchemas.of(ExampleFormat.OPENAI, false), ExampleSchemas.of(plain));

        assertFalse(PromptBuilder.build(spec(ExampleFormat.SHAREGPT, "priya"), CELL, 1, 5, null).withNames(),
                "ShareGPT has no speaker names");
    }

    @Test
    void aNameTheTeacherLeftNullIsNoName() throws Exception {
        GeneratedExamples parsed = GeneratedExamples.parse("""
                {"examples": [{"messages": [{"role": "user", "name": "marco", "content": "Is staging up?"},
                                            {"role": "assistant", "name": null, "content": "Yes, since 10:15."}]}]}
                """, ExampleFormat.OPENAI);
        JsonNode messages = Json.MAPPER.valueToTree(parsed.examples().get(0)).get("messages");
        assertEquals("marco", messages.get(0).get("name").asText());
        assertFalse(messages.get(1).has("name"), messages.toString());
        assertNull(parsed.examples().get(0).messages().get(1).name());
    }
}
