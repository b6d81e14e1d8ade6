package dev.seedforge.simulator.domain;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedforge.contracts.tokens.TokenCounter;

class TeacherSimulatorTest {

    private static final JsonNode EXAMPLES_SCHEMA = TaskApiSeeds.json("generated-examples-schema.json");
    private static final JsonNode JUDGE_SCHEMA = TaskApiSeeds.json("judge-schema.json");

    private static ChatInput generation(String model, Integer maxTokens) {
        String seeds = "[" + String.join(",", TaskApiSeeds.resource("task-api-seeds.jsonl").strip().split("\n")) + "]";
        String user = "<task>\nA task API assistant.\n</task>\n\n<seed_examples>\n" + seeds
                + "\n</seed_examples>\n\n<count>4</count>\nWrite 4 new examples.";
        return new ChatInput(model, List.of(new Turn("system", "You write training examples."),
                new Turn("user", user)), 0.9, "json_schema", TeacherSimulator.GENERATION_SCHEMA, EXAMPLES_SCHEMA,
                maxTokens);
    }

    @Test
    void generationAnswersFitTheSchemaWithRealTokenCounts() throws Exception {
        TeacherSimulator simulator = new TeacherSimulator(42, GenerationShares.NONE);
        ChatInput input = generation("gpt-4o-mini", null);
        SimulatedAnswer answer = simulator.answer(input);
        assertEquals(RequestKind.GENERATION, answer.kind());
        assertEquals("stop", answer.finishReason());
        assertEquals(4, answer.examples());
        JsonNode content = TaskApiSeeds.MAPPER.readTree(answer.content());
        SchemaAssertions.assertFits(EXAMPLES_SCHEMA, content);
        assertEquals(4, content.get("examples").size());
        TokenCounter tokens = new TokenCounter();
        assertEquals(tokens.countPrompt(input.messages()), answer.promptTokens());
        assertEquals(tokens.count(answer.content()), answer.completionTokens());
    }

    @Test
    void sameRequestSameAnswerAndOtherSeedOtherAnswer() {
        ChatInput input = generation("gpt-4o-mini", null);
        String first = new TeacherSimulator(42, GenerationShares.DEFAULTS).answer(input).content();
        assertEquals(first, new TeacherSimulator(42, GenerationShares.DEFAULTS).answer(input).content());
        assertNotEquals(first, new TeacherSimulator(7, GenerationShares.DEFAULTS).answer(input).content());
    }

    @Test
    void tokenLimitCutsTheAnswerWithFinishReasonLength() {
        SimulatedAnswer answer = new TeacherSimulator(42, GenerationShares.NONE).answer(generation("m", 20));
        assertEquals("length", answer.finishReason());
        assertEquals(20, answer.completionTokens());
    }

    @Test
    void requestKindsFollowTheResponseFormat() throws Exception {
        TeacherSimulator simulator = new TeacherSimulator(42, GenerationShares.DEFAULTS);
        List<Turn> judge = List.of(new Turn("user", "Rate this reply: Created task: 'Pay rent'"));
        SimulatedAnswer scores = simulator.answer(new ChatInput("gpt-4o-mini", judge, 0.0, "json_schema",
                "judge_scores", JUDGE_SCHEMA, null));
        assertEquals(RequestKind.STRUCTURED, scores.kind());
        SchemaAssertions.assertFits(JUDGE_SCHEMA, TaskApiSeeds.MAPPER.readTree(scores.content()));

        SimulatedAnswer object = simulator.answer(new ChatInput("m", judge, null, "json_object", null, null, null));
        assertTrue(TaskApiSeeds.MAPPER.readTree(object.content()).get("answer").isTextual());

        SimulatedAnswer text = simulator.answer(new ChatInput("m", judge, null, null, null, null, null));
        assertEquals(RequestKind.TEXT, text.kind());
        assertTrue(text.content().contains("Rate this reply"), text.content());
        assertTrue(text.completionTokens() > 0);
    }

    @Test
    void brokenJsonRateSendsInvalidJsonThatClaimsToBeComplete() {
        TeacherSimulator simulator = new TeacherSimulator(42, GenerationShares.NONE, 1.0);
        for (int call = 0; call < 12; call++) {
            SimulatedAnswer answer = simulator.answer(generation("gpt-4o-mini-" + call, null));
            assertEquals("stop", answer.finishReason());
            assertThrows(Exception.class, () -> TaskApiSeeds.MAPPER.readTree(answer.content()),
                    answer.content().substring(0, 40));
        }
        SimulatedAnswer clean = new TeacherSimulator(42, GenerationShares.NONE, 0.0).answer(generation("m", null));
        assertDoesNotThrow(() -> TaskApiSeeds.MAPPER.readTree(clean.content()));
    }
}
