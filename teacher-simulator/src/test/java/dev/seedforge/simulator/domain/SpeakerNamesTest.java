package dev.seedforge.simulator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** A group chat's seeds name their speakers (OpenAI's {@code name}); where the schema offers it, so do the examples. */
class SpeakerNamesTest {

    private static final String SEEDS = """
            [{"messages": [{"role": "user", "name": "priya", "content": "Can someone remind me when the release freeze starts?"},
                           {"role": "assistant", "content": "The release freeze starts on Thursday at 18:00."}]},
             {"messages": [{"role": "user", "name": "marco", "content": "Is the staging database back up after the migration?"},
                           {"role": "assistant", "content": "Yes, staging has been back up since 10:15 this morning."}]}]
            """;

    private static JsonNode schema(boolean names) throws Exception {
        return TaskApiSeeds.MAPPER.readTree("""
                {"type": "object", "additionalProperties": false, "required": ["examples"], "properties": {"examples":
                  {"type": "array", "items": {"type": "object", "additionalProperties": false, "required": ["messages"],
                    "properties": {"messages": {"type": "array", "items": {"type": "object", "additionalProperties": false,
                      "required": ["role", "content"], "properties": {
                        "role": {"type": "string", "enum": ["user", "assistant"]},
                        "content": {"anyOf": [{"type": "string"}, {"type": "null"}]}
                """ + (names ? ", \"name\": {\"anyOf\": [{\"type\": \"string\"}, {\"type\": \"null\"}]}" : "")
                + "}}}}}}}}");
    }

    private static JsonNode generate(boolean names) throws Exception {
        String prompt = "<task>\nAnswer questions in the team's chat channel.\n</task>\n<format>openai</format>\n"
                + "<seed_examples>\n" + SEEDS + "\n</seed_examples>\n<directives>\ncomplexity: simple\nturns: 1\n"
                + "</directives>\n<count>5</count>\nWrite 5 new examples.";
        ChatInput input = new ChatInput("gpt-4o-mini", List.of(new Turn("user", prompt)), 0.9, "json_schema",
                TeacherSimulator.GENERATION_SCHEMA, schema(names), 8_000);
        return TaskApiSeeds.MAPPER.readTree(new TeacherSimulator(7, GenerationShares.NONE).answer(input).content());
    }

    @Test
    void theUserMessagesOfAGroupChatNameTheirSpeakersAsTheSeedsDo() throws Exception {
        JsonNode answer = generate(true);
        SchemaAssertions.assertFits(schema(true), answer);
        List<String> speakers = new ArrayList<>();
        for (JsonNode example : answer.get("examples")) {
            for (JsonNode message : example.get("messages")) {
                if (message.get("role").asText().equals("user")) {
                    speakers.add(message.path("name").asText(null));
                } else {
                    assertFalse(message.hasNonNull("name"), "the seeds name no assistant: " + message);
                }
            }
        }
        assertFalse(speakers.isEmpty());
        assertTrue(speakers.stream().allMatch(s -> s != null && Set.of("priya", "marco").contains(s)),
                speakers + " in " + answer);
    }

    @Test
    void aSchemaWithoutNamesGetsNone() throws Exception {
        JsonNode answer = generate(false);
        SchemaAssertions.assertFits(schema(false), answer);
        for (JsonNode example : answer.get("examples")) {
            for (JsonNode message : example.get("messages")) {
                assertEquals(false, message.has("name"), message.toString());
            }
        }
    }
}
