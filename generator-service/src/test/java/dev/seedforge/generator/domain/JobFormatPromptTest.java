package dev.seedforge.generator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.Conversation;
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.PlanCell;

/**
 * The teacher wire protocol v2 on real seeds: the prompt shows seeds in the job's own format (no system prompt, no
 * tools list) under {@code <format>}, the teacher answers records of that format, and the candidate is the record with
 * the system prompt and tools added back, field for field.
 */
class JobFormatPromptTest {

    private static final String SYSTEM = "You are an analytics assistant. Answer with figures from the warehouse, using the tools.";
    private static final PlanCell CELL = new PlanCell("complexity=complex", Map.of(), "complex", false, 10);

    static List<JsonNode> data(String file) throws IOException {
        try (InputStream in = JobFormatPromptTest.class.getResourceAsStream("/data/" + file)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<JsonNode> records = new ArrayList<>();
            if (text.stripLeading().startsWith("[")) {
                Json.MAPPER.readTree(text).forEach(records::add);
            } else {
                for (String line : text.split("\n")) {
                    if (!line.isBlank()) {
                        records.add(Json.MAPPER.readTree(line));
                    }
                }
            }
            return records;
        }
    }

    private static JobSpec spec(ExampleFormat format, List<JsonNode> seeds, List<JsonNode> tools, String system) {
        return JobSpec.builder().task("Answer analytics questions.").format(format).target(10).systemPrompt(system)
                .tools(tools).seeds(seeds.stream().map(Conversation::fromJson).toList()).build().withDefaults();
    }

    private static ArrayNode seedsShown(GenerationPrompt prompt) throws IOException {
        String user = prompt.user();
        return (ArrayNode) Json.MAPPER.readTree(
                user.substring(user.indexOf("<seed_examples>") + 15, user.indexOf("</seed_examples>")));
    }

    @Test
    void aMultiStepToolCallSeedIsShownWithNameAndArgumentsAndComesBackLosslessInTheCandidate() throws Exception {
        List<JsonNode> seeds = data("openai-multistep-toolcalls.jsonl");
        List<JsonNode> tools = data("openai-multistep-toolcalls-tools.json");
        JobSpec spec = spec(ExampleFormat.OPENAI, seeds, tools, SYSTEM);
        GenerationPrompt prompt = PromptBuilder.build(spec, CELL, 1, 2, null);

        String user = prompt.user();
        assertTrue(user.contains("<format>openai</format>"), user);
        assertTrue(user.indexOf("<tools>") < user.indexOf("<format>")
                && user.indexOf("<format>") < user.indexOf("<seed_examples>"), "protocol v2 order");
        assertTrue(user.contains("\"content\":null,\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\","
                + "\"function\":{\"name\":\"describe_table\",\"arguments\":\"{\\\"table\\\":\\\"orders\\\"}\"}}]"), user);
        ArrayNode shown = seedsShown(prompt);
        assertEquals(2, shown.size());
        for (int i = 0; i < shown.size(); i++) {
            JsonNode seed = seeds.get(i);
            JsonNode record = shown.get(i);
            assertFalse(record.has("tools"), "the tools list is given once, above");
            assertEquals(seed.get("messages").size() - 1, record.get("messages").size());
            assertFalse(record.toString().contains("\"role\":\"system\""), "the system prompt is given once, above");
            for (int m = 0; m < record.get("messages").size(); m++) {
                assertEquals(seed.get("messages").get(m + 1), record.get("messages").get(m), "message " + m);
            }
        }

        // the teacher answers records of the same shape (here: the seeds shown, as a fixed answer)
        String answer = "{\"examples\":" + shown + "}";
        GeneratedExamples parsed = GeneratedExamples.parse(answer, ExampleFormat.OPENAI);
        assertTrue(parsed.clean(), parsed.problem());
        List<Candidate> candidates = CandidateFactory.candidates("job-1", spec, 1, parsed.examples(),
                new CandidateFactory.TeacherCall("gpt-4o-mini", prompt, 100, 50, 0.001));
        assertEquals(seeds.get(0), candidates.get(0).example(), "the seed that carries its own tools, field for field");
        ObjectNode expected = seeds.get(1).deepCopy();
        expected.set("tools", Json.MAPPER.valueToTree(tools));
        assertEquals(expected, candidates.get(1).example(), "the job's tools added back");
        for (Candidate candidate : candidates) {
            assertEquals(List.of(), ExampleFormat.OPENAI.check(candidate.example()));
        }
    }

    @Test
    void shareGptAndAlpacaSeedsAreShownInTheirOwnFormat() throws Exception {
        List<JsonNode> glaive = data("llamafactory-glaive-toolcall-en-demo.json").subList(0, 4);
        JobSpec shareGpt = spec(ExampleFormat.SHAREGPT, glaive, ExampleFormat.SHAREGPT.tools(glaive.get(0)), null);
        GenerationPrompt prompt = PromptBuilder.build(shareGpt, CELL, 1, 3, null);
        assertTrue(prompt.user().contains("<format>sharegpt</format>"));
        ArrayNode shown = seedsShown(prompt);
        for (int i = 0; i < shown.size(); i++) {
            assertEquals(glaive.get(i).get("conversations"), shown.get(i).get("conversations"));
            assertFalse(shown.get(i).has("tools"));
            assertFalse(shown.get(i).has("system"));
        }
        GeneratedExamples parsed = GeneratedExamples.parse("{\"examples\":" + shown + "}", ExampleFormat.SHAREGPT);
        assertTrue(parsed.clean(), parsed.problem());
        Candidate candidate = CandidateFactory.candidates("job-2", shareGpt, 1, parsed.examples(),
                new CandidateFactory.TeacherCall("m", prompt, 1, 1, 0)).get(0);
        assertEquals(glaive.get(0).get("conversations"), candidate.example().get("conversations"));
        assertEquals(Json.MAPPER.readTree(glaive.get(0).get("tools").asText()),
                Json.MAPPER.readTree(candidate.example().get("tools").asText()));

        List<JsonNode> alpaca = data("llamafactory-alpaca-en-demo.json").stream()
                .filter(r -> !r.get("input").asText().isEmpty()).limit(4).toList();
        JobSpec alpacaJob = spec(ExampleFormat.ALPACA, alpaca, List.of(), "Be brief.");
        GenerationPrompt alpacaPrompt = PromptBuilder.build(alpacaJob, CELL, 1, 3, null);
        assertTrue(alpacaPrompt.user().contains("<format>alpaca</format>"));
        ArrayNode alpacaShown = seedsShown(alpacaPrompt);
        assertEquals(alpaca.get(0), alpacaShown.get(0), "instruction, input and output apart, as written");
        GeneratedExamples answer = GeneratedExamples.parse("{\"examples\":" + alpacaShown + "}", ExampleFormat.ALPACA);
        Candidate alpacaCandidate = CandidateFactory.candidates("job-3", alpacaJob, 1, answer.examples(),
                new CandidateFactory.TeacherCall("m", alpacaPrompt, 1, 1, 0)).get(0);
        ObjectNode expected = alpaca.get(0).deepCopy();
        expected.put("system", "Be brief.");
        assertEquals(expected, alpacaCandidate.example());
    }

    @Test
    void theExampleToEvolveIsShownInTheJobsFormatAndARecordOfAnotherFormatIsAProblem() throws Exception {
        List<JsonNode> seeds = data("openai-multistep-toolcalls.jsonl");
        JobSpec spec = spec(ExampleFormat.OPENAI, seeds, data("openai-multistep-toolcalls-tools.json"), SYSTEM);
        Candidate earlier = CandidateFactory.candidates("job-1", spec, 1,
                List.of(Conversation.fromJson(seeds.get(1))), new CandidateFactory.TeacherCall("m",
                        PromptBuilder.build(spec, CELL, 1, 1, null), 1, 1, 0))
                .get(0);
        GenerationPrompt prompt = PromptBuilder.build(spec, CELL, 2, 1, earlier.conversation());
        String user = prompt.user();
        String evolve = user.substring(user.indexOf("<example_to_evolve>") + 19, user.indexOf("</example_to_evolve>"));
        assertEquals(ExampleFormat.OPENAI.forPrompt(Conversation.fromJson(seeds.get(1))), Json.MAPPER.readTree(evolve));

        GeneratedExamples wrong = GeneratedExamples.parse(
                "{\"examples\":[{\"instruction\":\"a\",\"input\":\"\",\"output\":\"b\"}]}", ExampleFormat.OPENAI);
        assertEquals(0, wrong.examples().size());
        assertTrue(wrong.problem().contains("a alpaca record where openai was asked for"), wrong.problem());
    }
}
