package dev.seedforge.simulator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class SeedParserTest {

    private static final String PROMPT = """
            <task>
            Train an assistant for a task-management API.
            </task>

            <seed_examples>
            [ {
              "messages" : [ {
                "role" : "user",
                "content" : "Mark task #12 as complete"
              }, {
                "role" : "assistant",
                "content" : "Completed task #12: 'Book team offsite'"
              } ]
            } ]
            </seed_examples>

            <directives>
            Keep every reply in the exact format the seeds use.
            </directives>

            <count>5</count>
            Write 5 new examples.""";

    @Test
    void readsSeedsCountAndDirectives() {
        GenerationPrompt prompt = SeedParser.parse(
                List.of(new Turn("system", "You write training examples."), new Turn("user", PROMPT)), null);
        assertEquals(1, prompt.seeds().size());
        assertEquals(List.of(new Turn("user", "Mark task #12 as complete"),
                new Turn("assistant", "Completed task #12: 'Book team offsite'")), prompt.seeds().get(0).messages());
        assertEquals(5, prompt.count());
        assertEquals("Keep every reply in the exact format the seeds use.", prompt.directives());
    }

    @Test
    void countFallsBackToTheSchemaThenToThree() {
        JsonNode schema = TaskApiSeeds.json("generated-examples-schema.json").deepCopy();
        String withoutCount = PROMPT.replace("<count>5</count>", "");
        assertEquals(SeedParser.DEFAULT_COUNT,
                SeedParser.parse(List.of(new Turn("user", withoutCount)), schema).count());
        ((com.fasterxml.jackson.databind.node.ObjectNode) schema.path("properties").path("examples"))
                .put("maxItems", 7);
        assertEquals(7, SeedParser.parse(List.of(new Turn("user", withoutCount)), schema).count());
    }

    @Test
    void brokenSeedJsonGivesNoSeeds() {
        GenerationPrompt prompt = SeedParser.parse(
                List.of(new Turn("user", "<seed_examples>[{\"messages\": [</seed_examples><count>2</count>")), null);
        assertTrue(prompt.seeds().isEmpty());
        assertEquals(2, prompt.count());
        assertNull(prompt.directives());
    }

    @Test
    void acceptsShareGptConversations() {
        List<Example> seeds = SeedParser.parseSeeds("""
                [{"conversations": [{"from": "human", "value": "Hi"}, {"from": "gpt", "value": "Hello!"}]}]""");
        assertEquals(List.of(new Turn("user", "Hi"), new Turn("assistant", "Hello!")), seeds.get(0).messages());
    }
}
