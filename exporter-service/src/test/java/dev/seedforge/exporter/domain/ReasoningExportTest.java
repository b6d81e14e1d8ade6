package dev.seedforge.exporter.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.seedforge.contracts.ChatTurn;
import dev.seedforge.contracts.Conversation;
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.ExportSpec;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.ReasoningSpec;

/**
 * Reasoning traces in the exported files, read as each trainer reads them: axolotl's dataset entry names the field
 * its chat_template strategy takes the trace from ({@code field_thinking}, {@code template_thinking_key}) and every
 * assistant message of the files has it; TRL gets the trace on its conversational messages (the stand-in counts them)
 * or inline as a {@code <think>} block; LLaMA-Factory's ShareGPT and Alpaca text opens with the block; the report counts
 * the traces' tokens apart.
 */
class ReasoningExportTest {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final int EXAMPLES = 20;

    @TempDir
    Path output;

    @Test
    void openAiFilesCarryTheTraceAsAFieldAxolotlAndTrlRead() throws Exception {
        ExportResult result = export(ExampleFormat.OPENAI, List.of(ExampleFormat.SHAREGPT, ExampleFormat.ALPACA),
                new ReasoningSpec(true, 200, null, null));
        Path dir = result.directory();
        JsonNode entry = YAML.readTree(Files.readString(dir.resolve(AxolotlConfig.FILE))).path("datasets").get(0);
        assertEquals("reasoning_content", entry.path("field_thinking").asText());
        assertEquals("reasoning_content", entry.path("template_thinking_key").asText());
        assertEquals(TrainerConfigs.REASONING_BASE_MODEL,
                YAML.readTree(Files.readString(dir.resolve(AxolotlConfig.FILE))).path("base_model").asText());
        assertEquals(EXAMPLES, tracesIn(dir, entry), "every assistant message of the files axolotl reads");
        for (String line : lines(dir, "train.jsonl")) {
            JsonNode answer = last(Json.MAPPER.readTree(line).path("messages"));
            assertTrue(answer.path("content").asText().startsWith("Created task"), "the answer alone: " + answer);
        }
        // the extra formats take their defaults: ShareGPT and Alpaca inline
        for (String line : lines(dir, "train.sharegpt.jsonl")) {
            JsonNode gpt = last(Json.MAPPER.readTree(line).path("conversations"));
            assertTrue(gpt.path("value").asText().startsWith("<think>\n"), line);
            assertFalse(gpt.has("reasoning_content"), line);
        }
        for (String line : lines(dir, "train.alpaca.jsonl")) {
            assertTrue(Json.MAPPER.readTree(line).path("output").asText().matches("(?s)<think>\\n.+\\n</think>\\n\\n"
                    + "Created task.*"), line);
        }
        JsonNode summary = runTrl(dir);
        assertEquals(EXAMPLES, summary.path("traces").path("reasoning_content").asInt(), summary.toString());
        assertEquals(0, summary.path("traces").path("inline").asInt(), summary.toString());
        assertEquals(TrainerConfigs.REASONING_BASE_MODEL, summary.path("model").asText());

        QualityReport.ReasoningTokens tokens = result.report().tokens().reasoning();
        assertNotNull(tokens);
        assertEquals(EXAMPLES, tokens.traces());
        assertTrue(tokens.perTrace().min() > 5 && tokens.share() > 0 && tokens.share() < 1, tokens.toString());
        assertTrue(Files.readString(dir.resolve(DatasetFile.DATASET_INFO)).contains("reasoning traces"));
    }

    @Test
    void theThinkingFieldIsNamedForGptOssTemplates() throws Exception {
        Path dir = export(ExampleFormat.SHAREGPT, List.of(),
                new ReasoningSpec(true, null, "thinking", Map.of("sharegpt", ReasoningSpec.Mode.FIELD))).directory();
        JsonNode config = YAML.readTree(Files.readString(dir.resolve(AxolotlConfig.FILE)));
        JsonNode entry = config.path("datasets").get(0);
        assertEquals("thinking", entry.path("field_thinking").asText());
        assertEquals("thinking", entry.path("template_thinking_key").asText());
        assertEquals(TrainerConfigs.THINKING_BASE_MODEL, config.path("base_model").asText());
        assertEquals(EXAMPLES, tracesIn(dir, entry));
        JsonNode summary = runTrl(dir);
        assertEquals(EXAMPLES, summary.path("traces").path("thinking").asInt(), "to_messages carries it: " + summary);
    }

    @Test
    void inlineTracesNeedNoTrainerSetting() throws Exception {
        Path dir = export(ExampleFormat.OPENAI, List.of(), new ReasoningSpec(true, null, null,
                Map.of("openai", ReasoningSpec.Mode.INLINE))).directory();
        JsonNode entry = YAML.readTree(Files.readString(dir.resolve(AxolotlConfig.FILE))).path("datasets").get(0);
        assertFalse(entry.has("field_thinking"));
        for (String line : lines(dir, "train.jsonl")) {
            JsonNode answer = last(Json.MAPPER.readTree(line).path("messages"));
            assertFalse(answer.has("reasoning_content"), line);
            assertTrue(answer.path("content").asText().startsWith("<think>\n"), line);
        }
        assertEquals(EXAMPLES, runTrl(dir).path("traces").path("inline").asInt());
    }

    @Test
    void withoutReasoningNothingChanges() throws Exception {
        ExportResult result = export(ExampleFormat.OPENAI, List.of(), null);
        assertNull(result.report().tokens().reasoning());
        JsonNode config = YAML.readTree(Files.readString(result.directory().resolve(AxolotlConfig.FILE)));
        assertEquals(TrainerConfigs.DEFAULT_BASE_MODEL, config.path("base_model").asText());
        assertFalse(config.path("datasets").get(0).has("field_thinking"));
    }

    // --- the fixture: 20 Task API examples, each answer with a trace written by the teacher as a field ---

    private ExportResult export(ExampleFormat format, List<ExampleFormat> extra, ReasoningSpec reasoning)
            throws Exception {
        JobSpec spec = JobSpec.builder().name("task-api").task("Manage tasks through the Task API.")
                .format(format).target(EXAMPLES).validationRatio(0.2).randomSeed(5L)
                .seeds(List.of(new Conversation(List.of(ChatTurn.of(ChatTurn.USER, "hi"),
                        ChatTurn.of(ChatTurn.ASSISTANT, "hello")))))
                .export(new ExportSpec(extra, null, null)).reasoning(reasoning)
                .build().withDefaults();
        ExportJob job = ExportJob.of("job-r", spec, null, EXAMPLES);
        List<Outcome> outcomes = new ArrayList<>();
        for (int n = 1; n <= EXAMPLES; n++) {
            List<ChatTurn> turns = new ArrayList<>();
            for (ChatTurn turn : ExampleFormat.OPENAI.turns(Json.MAPPER.readTree(TestOutcomes.example(n)))) {
                turns.add(ChatTurn.ASSISTANT.equals(turn.role()) ? turn.withReasoning("The user wants task number "
                        + n + " created with high priority, so I create it and confirm in the usual one-line form.")
                        : turn);
            }
            outcomes.add(new Outcome(String.format("job-r-%03d", n), "job-r", "all", OutcomeStatus.ACCEPTED,
                    format.render(turns).toString(), List.of(), null, null, null, 0.002, 0.001));
        }
        ExportResult result = DatasetExporter.create(output, QualityGate.defaults()).export(job, outcomes);
        assertEquals(List.of(), result.report().gate().failures(), "the files pass the format check: "
                + result.report().gate());
        return result;
    }

    /** Assistant messages that carry the trace under the entry's field_thinking, in the files the entry points at. */
    private static int tracesIn(Path dir, JsonNode entry) throws IOException {
        String messages = entry.path("field_messages").asText();
        String role = entry.path("message_property_mappings").path("role").asText();
        String field = entry.path("field_thinking").asText();
        int traces = 0;
        for (String line : lines(dir, entry.path("path").asText())) {
            for (JsonNode message : Json.MAPPER.readTree(line).path(messages)) {
                String r = message.path(role).asText();
                if (message.hasNonNull(field)) {
                    assertTrue("assistant".equals(r) || "gpt".equals(r), "only answers carry traces: " + message);
                    traces++;
                }
            }
        }
        return traces + (entry.path("path").asText().equals("train.jsonl") ? validationTraces(dir, entry) : 0);
    }

    private static int validationTraces(Path dir, JsonNode entry) throws IOException {
        String field = entry.path("field_thinking").asText();
        int traces = 0;
        for (String line : lines(dir, "validation.jsonl")) {
            for (JsonNode message : Json.MAPPER.readTree(line).path(entry.path("field_messages").asText())) {
                traces += message.hasNonNull(field) ? 1 : 0;
            }
        }
        return traces;
    }

    private static List<String> lines(Path dir, String file) throws IOException {
        return Files.readAllLines(dir.resolve(file)).stream().filter(l -> !l.isBlank()).toList();
    }

    private static JsonNode last(JsonNode array) {
        return array.get(array.size() - 1);
    }

    private static JsonNode runTrl(Path dir) throws Exception {
        return TrlStandIns.run(dir, "SFT");
    }
}
