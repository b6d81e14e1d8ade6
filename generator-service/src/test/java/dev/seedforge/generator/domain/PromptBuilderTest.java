package dev.seedforge.generator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.JobSpecs;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.tokens.TokenCounter;

class PromptBuilderTest {

    private static final JobSpec SPEC = load();

    private static JobSpec load() {
        try {
            return JobSpecs.load(Path.of("../examples/task-api/job.yaml"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode seedsShown(GenerationPrompt prompt) throws Exception {
        String user = prompt.user();
        String block = user.substring(user.indexOf("<seed_examples>") + 15, user.indexOf("</seed_examples>"));
        return Json.MAPPER.readTree(block);
    }

    @Test
    void seedsAreShownOnePerLineAtFewerTokensThanIndentedJson() throws Exception {
        GenerationPrompt prompt = PromptBuilder.build(SPEC, 1, 5);
        String user = prompt.user();
        String block = user.substring(user.indexOf("<seed_examples>") + 16, user.indexOf("\n</seed_examples>"));
        assertEquals(PromptBuilder.SEEDS_PER_CALL + 2, block.split("\n").length, block);
        int compact = TokenCounter.o200k().count(block);
        int indented = TokenCounter.o200k().count(seedsShown(prompt).toPrettyString());
        assertTrue(compact < indented * 0.85, compact + " tokens one per line, " + indented + " indented");
    }

    @Test
    void showsTheChosenSeedsAsFewShotJsonWithoutTheSystemPrompt() throws Exception {
        GenerationPrompt prompt = PromptBuilder.build(SPEC, 1, 5);
        JsonNode seeds = seedsShown(prompt);
        assertEquals(PromptBuilder.SEEDS_PER_CALL, seeds.size());
        for (int i = 0; i < seeds.size(); i++) {
            JsonNode expected = Json.MAPPER.valueToTree(SPEC.seeds().get(prompt.seedsUsed().get(i)));
            assertEquals(expected.get("messages"), seeds.get(i).get("messages"));
            assertEquals("user", seeds.get(i).get("messages").get(0).get("role").asText());
        }
        assertTrue(prompt.user().contains("<count>5</count>"));
        assertTrue(prompt.user().contains("<system_prompt>\nYou are the Task API assistant."));
        assertTrue(prompt.user().contains(SPEC.task().strip()));
    }

    @Test
    void rotatesSeedsAcrossCallsReproducibly() {
        Set<List<Integer>> subsets = new HashSet<>();
        Set<Integer> everShown = new HashSet<>();
        for (long call = 1; call <= 20; call++) {
            List<Integer> used = PromptBuilder.build(SPEC, call, 5).seedsUsed();
            subsets.add(used);
            everShown.addAll(used);
            assertEquals(used, PromptBuilder.build(SPEC, call, 5).seedsUsed());
        }
        assertTrue(subsets.size() >= 15, "subsets: " + subsets.size());
        assertEquals(SPEC.seeds().size(), everShown.size());
    }

    @Test
    void hashChangesWithTheContentOfTheCall() {
        assertEquals(PromptBuilder.build(SPEC, 3, 5).hash(), PromptBuilder.build(SPEC, 3, 5).hash());
        assertNotEquals(PromptBuilder.build(SPEC, 3, 5).hash(), PromptBuilder.build(SPEC, 3, 4).hash());
        assertNotEquals(PromptBuilder.build(SPEC, 3, 5).hash(), PromptBuilder.build(SPEC, 4, 5).hash());
    }
}
