package dev.seedforge.generator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import dev.seedforge.contracts.PlanCell;
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

        JobSpec varied = SPEC.toBuilder().systemPrompt(null).systemPrompts(List.of("You manage tasks.",
                "You are a terse to-do bot.")).build();
        for (long call = 1; call <= 4; call++) {
            String own = varied.systemPrompts().get((int) (call % 2));
            String other = varied.systemPrompts().get((int) ((call + 1) % 2));
            String user = PromptBuilder.build(varied, call, 5).user();
            assertTrue(user.contains("<system_prompt>\n" + own + "\n</system_prompt>"), "call " + call + ": " + user);
            assertFalse(user.contains(other), "a call states only the system prompt its examples carry: " + user);
        }
    }

    /** Seeds written under one of the job's system prompts (a persona's) are shown only to the calls for it. */
    @Test
    void aCallIsShownTheSeedsOfItsOwnSystemPrompt() {
        JobSpec personas = JobSpecs.parse("""
                task: Answer as the persona of the system prompt
                format: openai
                target: 20
                seeds:
                  - messages: [{role: system, content: You are Pip of Sunny Bikes.}, {role: user, content: "Price?"},
                      {role: assistant, content: 15 EUR a day!}]
                  - messages: [{role: system, content: You are the Aurelia concierge.}, {role: user, content: "A table?"},
                      {role: assistant, content: "Certainly, Madam."}]
                  - messages: [{role: system, content: You are Pip of Sunny Bikes.}, {role: user, content: "Helmets?"},
                      {role: assistant, content: Free with every bike!}]
                  - messages: [{role: system, content: You are the Aurelia concierge.}, {role: user, content: "Taxi?"},
                      {role: assistant, content: "At once, Sir."}]
                """, null);
        assertEquals(List.of("You are Pip of Sunny Bikes.", "You are the Aurelia concierge."), personas.systemPrompts());
        for (long call = 0; call < 6; call++) {
            GenerationPrompt prompt = PromptBuilder.build(personas, call, 5);
            String own = personas.systemPrompts().get((int) (call % 2));
            assertEquals(2, prompt.seedsUsed().size(), prompt.seedsUsed().toString());
            for (int index : prompt.seedsUsed()) {
                assertEquals(own, personas.seeds().get(index).systemPrompt(), "call " + call + ", seed " + index);
            }
        }
    }

    @Test
    void everyCallStatesTheRulesTheValidatorWillApply() {
        JobSpec spec = JobSpecs.parse("""
                task: Label a contract clause
                format: openai
                target: 10
                seeds:
                  - messages:
                      - {role: user, content: "Either party may terminate with 30 days notice."}
                      - {role: assistant, content: '{"labels": ["termination"]}'}
                rules:
                  reply_must_match: ["^\\\\{", "^<none>$"]
                  reply_must_not_match: "(?i)as an ai"
                  banned_phrases: [I cannot]
                  max_tokens_per_turn: 120
                  max_tokens_per_reply: 80
                  max_tokens_per_example: 300
                  reply_json_schema: {type: object, required: [labels]}
                """, null);
        String user = PromptBuilder.build(spec, 1, 5).user();
        String rules = user.substring(user.indexOf("<reply_rules>"), user.indexOf("</reply_rules>"));
        assertTrue(user.indexOf("</directives>") < user.indexOf("<reply_rules>"), user);
        assertTrue(rules.contains("the final reply must match one of these patterns"), rules);
        assertTrue(rules.contains("the final reply must match: ^\\{\n"), rules);
        // as data: a pattern cannot open or close a section of the prompt
        assertTrue(rules.contains("the final reply must match: ^\\u003cnone\\u003e$\n"), rules);
        assertTrue(rules.contains("no assistant reply may match: (?i)as an ai\n"), rules);
        assertTrue(rules.contains("no assistant reply may contain, in any letter case: I cannot\n"), rules);
        assertTrue(rules.contains("every turn: at most 120 tokens\n"), rules);
        assertTrue(rules.contains("every assistant reply: at most 80 tokens\n"), rules);
        assertTrue(rules.contains("all turns together: at most 300 tokens\n"), rules);
        assertTrue(
                rules.contains("the final reply must be JSON valid against: {\"type\":\"object\",\"required\":[\"labels\"]}\n"),
                rules);

        String withoutRules = PromptBuilder.build(spec.toBuilder().rules(null).build(), 1, 5).user();
        assertFalse(withoutRules.contains("reply_rules"), withoutRules);
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
    void seedsSetAsideAreNeverShownAndTheOthersStillRotate() throws Exception {
        Set<Integer> setAside = Set.of(0, 2, 3, 5);
        PlanCell cell = PlanBuilder.cells(SPEC).get(0);
        Set<Integer> everShown = new HashSet<>();
        for (long call = 1; call <= 30; call++) {
            GenerationPrompt prompt = PromptBuilder.build(SPEC, cell, call, 5, null, Diversity.NONE, setAside);
            assertEquals(PromptBuilder.SEEDS_PER_CALL, prompt.seedsUsed().size());
            assertEquals(PromptBuilder.SEEDS_PER_CALL, seedsShown(prompt).size());
            everShown.addAll(prompt.seedsUsed());
        }
        assertTrue(everShown.stream().noneMatch(setAside::contains), everShown.toString());
        assertEquals(SPEC.seeds().size() - setAside.size(), everShown.size());
    }

    /**
     * A job whose seeds also answer without tools asks each call for the seeds' share of tool calls, so its dataset
     * teaches when not to call one; a job whose every seed calls a tool asks for a call in every example.
     */
    @Test
    void theToolsLineAsksForTheSeedsShareOfToolCalls() throws Exception {
        JobSpec tools = JobSpecs.load(Path.of("../examples/analytics-tools/job.yaml"));
        long calling = tools.seeds().stream()
                .filter(seed -> seed.messages().stream().anyMatch(turn -> !turn.toolCalls().isEmpty())).count();
        assertTrue(calling > 0 && calling < tools.seeds().size(), calling + " of " + tools.seeds().size());
        double share = (double) calling / tools.seeds().size();
        PlanCell cell = PlanBuilder.cells(tools).get(0);
        int asked = 0;
        for (long call = 1; call <= 40; call++) {
            String user = PromptBuilder.build(tools, cell, call, 5, null).user();
            java.util.regex.Matcher line = java.util.regex.Pattern.compile("\ntools: (\\d+) of 5\n").matcher(user);
            assertTrue(line.find(), user);
            asked += Integer.parseInt(line.group(1));
        }
        assertEquals(share, asked / 200.0, 0.02, "the calls together keep the seeds' share");

        List<dev.seedforge.contracts.Conversation> callers = tools.seeds().stream()
                .filter(seed -> seed.messages().stream().anyMatch(turn -> !turn.toolCalls().isEmpty())).toList();
        JobSpec allCall = tools.toBuilder().seeds(callers).build();
        assertTrue(PromptBuilder.build(allCall, cell, 1, 5, null).user().contains("\ntools: yes\n"));
        assertTrue(PromptBuilder.SYSTEM.contains("K of N: that many of the examples call one"));
    }

    @Test
    void hashChangesWithTheContentOfTheCall() {
        assertEquals(PromptBuilder.build(SPEC, 3, 5).hash(), PromptBuilder.build(SPEC, 3, 5).hash());
        assertNotEquals(PromptBuilder.build(SPEC, 3, 5).hash(), PromptBuilder.build(SPEC, 3, 4).hash());
        assertNotEquals(PromptBuilder.build(SPEC, 3, 5).hash(), PromptBuilder.build(SPEC, 4, 5).hash());
    }
}
