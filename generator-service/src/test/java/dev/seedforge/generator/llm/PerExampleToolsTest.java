package dev.seedforge.generator.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.JobSpecs;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.PlanCell;
import dev.seedforge.generator.domain.CandidateFactory;
import dev.seedforge.generator.domain.CostEstimator;
import dev.seedforge.generator.domain.GeneratedExamples;
import dev.seedforge.generator.domain.GenerationPrompt;
import dev.seedforge.generator.domain.PromptBuilder;

/**
 * Glaive's seeds each offer their own functions: a call shows every seed with its own list, asks for each example's
 * list in its schema, and the candidates carry the lists the teacher wrote, in the format's own form.
 */
class PerExampleToolsTest {

    private static final PlanCell CELL = new PlanCell("complexity=simple", Map.of(), "simple", false, 10);
    private static final String SPEC = "task: Answer with the functions the conversation offers, calling one where"
            + " it helps.\nformat: %s\ntarget: 20\nseeds_file: llamafactory-glaive-toolcall-en-demo.json\n";

    private static JobSpec glaive(ExampleFormat format) {
        return JobSpecs.parse(SPEC.formatted(format.id()), Path.of("../testdata"));
    }

    private static ArrayNode seedsShown(GenerationPrompt prompt) throws Exception {
        String user = prompt.user();
        String shown = user.substring(user.indexOf("<seed_examples>\n") + 16, user.indexOf("\n</seed_examples>"));
        return (ArrayNode) Json.MAPPER.readTree(shown);
    }

    @Test
    void aCallShowsEachSeedWithItsOwnToolsAndAsksForEachExamplesList() throws Exception {
        JobSpec spec = glaive(ExampleFormat.SHAREGPT);
        assertTrue(spec.perExampleTools());
        GenerationPrompt prompt = PromptBuilder.build(spec, CELL, 1, 3, null);
        assertTrue(prompt.toolsPerExample());
        assertTrue(prompt.withTools());
        assertFalse(prompt.user().contains("<tools>"), "no job list: " + prompt.user());
        assertTrue(prompt.user().contains("\ntool_lists: per example\n"), prompt.user());
        assertTrue(prompt.user().contains("in its own \"tools\" field"), prompt.user());
        ArrayNode shown = seedsShown(prompt);
        for (int i = 0; i < shown.size(); i++) {
            JsonNode seed = spec.seeds().get(prompt.seedsUsed().get(i)).toJson();
            assertEquals(ExampleFormat.SHAREGPT.tools(seed), ExampleFormat.SHAREGPT.tools(shown.get(i)));
            assertTrue(shown.get(i).get("tools").isTextual(), "written as the schema asks: a string");
        }

        JsonObjectSchema examples = (JsonObjectSchema) ExampleSchemas.of(prompt).jsonSchema().rootElement();
        JsonObjectSchema record = (JsonObjectSchema) ((JsonArraySchema) examples.properties().get("examples"))
                .items();
        assertInstanceOf(JsonStringSchema.class, record.properties().get("tools"));
        assertTrue(record.required().contains("tools"));
        assertTrue(record.required().contains("conversations"));

        JobSpec oneList = spec.toBuilder().toolsPerExample(false).tools(ExampleFormat.SHAREGPT.tools(
                spec.seeds().get(0).toJson())).build();
        GenerationPrompt jobList = PromptBuilder.build(oneList, CELL, 1, 3, null);
        assertFalse(jobList.toolsPerExample());
        assertTrue(jobList.user().contains("<tools>"));
        assertFalse(jobList.user().contains("tool_lists:"));
        JsonObjectSchema plain = (JsonObjectSchema) ((JsonArraySchema) ((JsonObjectSchema) ExampleSchemas
                .of(jobList).jsonSchema().rootElement()).properties().get("examples")).items();
        assertFalse(plain.properties().containsKey("tools"));
    }

    @Test
    void candidatesCarryTheListsTheTeacherWroteInTheFormatsOwnForm() throws Exception {
        for (ExampleFormat format : List.of(ExampleFormat.SHAREGPT, ExampleFormat.OPENAI)) {
            JobSpec spec = glaive(format);
            GenerationPrompt prompt = PromptBuilder.build(spec, CELL, 1, 4, null);
            ArrayNode answer = seedsShown(prompt);
            GeneratedExamples parsed = GeneratedExamples.parse("{\"examples\":" + answer + "}", format);
            assertTrue(parsed.clean(), parsed.problem());
            List<Candidate> candidates = CandidateFactory.candidates("job-1", spec, 1, parsed.examples(),
                    new CandidateFactory.TeacherCall("m", prompt, 1, 1, 0));
            for (int i = 0; i < candidates.size(); i++) {
                JsonNode written = candidates.get(i).example().get("tools");
                if (format.tools(answer.get(i)).isEmpty()) {
                    assertNull(written, "a seed that offers no function: " + answer.get(i));
                    continue;
                }
                assertEquals(format == ExampleFormat.SHAREGPT, written.isTextual(), format + ": " + written);
                assertEquals(format.tools(answer.get(i)), format.tools(candidates.get(i).example()));
                if (format == ExampleFormat.OPENAI) {
                    assertEquals("function", written.get(0).get("type").asText(), "OpenAI's wrapped form");
                }
            }
            assertNotEquals(format.tools(candidates.get(0).example()), format.tools(candidates.get(1).example()),
                    "each its own list");

            ObjectNode none = answer.get(0).deepCopy();
            none.put("tools", "[]");
            ObjectNode unreadable = answer.get(0).deepCopy();
            unreadable.put("tools", "[{\"name\": \"lookup\"");
            ArrayNode odd = Json.MAPPER.createArrayNode().add(none).add(unreadable);
            List<Candidate> oddOnes = CandidateFactory.candidates("job-1", spec, 10,
                    GeneratedExamples.parse("{\"examples\":" + odd + "}", format).examples(),
                    new CandidateFactory.TeacherCall("m", prompt, 1, 1, 0));
            assertFalse(oddOnes.get(0).example().has("tools"), "an empty list is no list");
            assertEquals("[{\"name\": \"lookup\"", oddOnes.get(1).example().get("tools").asText(),
                    "left as written, for the validator to name");
        }
    }

    @Test
    void theTeacherIsPaidForWritingEachListAndTheJudgeForReadingIt() {
        JobSpec spec = glaive(ExampleFormat.SHAREGPT);
        double own = CostEstimator.ownToolTokensPerExample(spec);
        assertTrue(own > 30, "a Glaive function list is tens of tokens: " + own);
        JobSpec jobList = spec.toBuilder().toolsPerExample(false).build();
        assertEquals(0, CostEstimator.ownToolTokensPerExample(jobList));
        assertEquals(CostEstimator.extraTokensPerExample(jobList) + own, CostEstimator.extraTokensPerExample(spec),
                1e-9);
    }
}
