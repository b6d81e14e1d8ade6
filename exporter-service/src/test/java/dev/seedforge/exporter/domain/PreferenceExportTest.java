package dev.seedforge.exporter.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.seedforge.contracts.ChatTurn;
import dev.seedforge.contracts.Conversation;
import dev.seedforge.contracts.DedupSpec;
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.PreferencePair;
import dev.seedforge.contracts.PreferenceSpec;

/**
 * A preference job's files read by the field names the trainers' docs give: TRL's {@code prompt}/{@code chosen}/
 * {@code rejected} lists of messages (and DPOTrainer's stand-in loading them), LLaMA-Factory's {@code "ranking": true}
 * entry with {@code chosen} and {@code rejected} columns, OpenAI's {@code input.messages}, {@code preferred_output} and
 * {@code non_preferred_output}; the split keeps a prompt's pairs together; the report counts pairs by failure mode.
 */
class PreferenceExportTest {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final int EXAMPLES = 30;
    private static final List<String> MODES = List.of("incomplete", "hallucinated_fact", "wrong_format");

    @TempDir
    Path output;

    @Test
    void theFilesLoadWithEachTrainersFieldNames() throws Exception {
        ExportResult result = export();
        Path dir = result.directory();
        assertEquals(List.of(), result.report().gate().failures(), result.report().gate().toString());
        int trl = 0;
        for (String file : List.of("train.jsonl", "validation.jsonl")) {
            for (String line : lines(dir, file)) {
                JsonNode pair = Json.MAPPER.readTree(line);
                assertEquals("system", pair.path("prompt").get(0).path("role").asText(), line);
                assertEquals("user", last(pair.path("prompt")).path("role").asText(), line);
                assertEquals(1, pair.path("chosen").size());
                assertEquals("assistant", pair.path("chosen").get(0).path("role").asText());
                assertEquals("assistant", pair.path("rejected").get(0).path("role").asText());
                assertFalse(pair.path("chosen").get(0).path("content").asText()
                        .equals(pair.path("rejected").get(0).path("content").asText()), line);
                trl++;
            }
        }
        assertEquals(EXAMPLES, trl);

        JsonNode info = Json.MAPPER.readTree(Files.readString(dir.resolve("dataset_info.json")));
        JsonNode entry = info.path("prefs");
        assertTrue(entry.path("ranking").asBoolean(), info.toString());
        assertEquals("sharegpt", entry.path("formatting").asText());
        assertEquals("chosen", entry.path("columns").path("chosen").asText());
        assertEquals("rejected", entry.path("columns").path("rejected").asText());
        int llamaFactory = 0;
        for (String name : List.of(entry.path("file_name").asText(),
                info.path("prefs_validation").path("file_name").asText())) {
            for (String line : lines(dir, name)) {
                JsonNode pair = Json.MAPPER.readTree(line);
                JsonNode turns = pair.path(entry.path("columns").path("messages").asText());
                assertEquals("human", last(turns).path("from").asText(), "ends with the human turn: " + line);
                assertEquals("gpt", pair.path("chosen").path("from").asText(), line);
                assertEquals("gpt", pair.path("rejected").path("from").asText(), line);
                assertTrue(pair.path("system").isTextual(), line);
                llamaFactory++;
            }
        }
        assertEquals(EXAMPLES, llamaFactory);

        int openAi = 0;
        for (String file : List.of(PreferenceExport.OPENAI_TRAIN, PreferenceExport.OPENAI_VALIDATION)) {
            for (String line : lines(dir, file)) {
                JsonNode pair = Json.MAPPER.readTree(line);
                assertEquals("user", last(pair.path("input").path("messages")).path("role").asText(), line);
                assertEquals("assistant", pair.path("preferred_output").get(0).path("role").asText());
                assertEquals("assistant", pair.path("non_preferred_output").get(0).path("role").asText());
                openAi++;
            }
        }
        assertEquals(EXAMPLES, openAi);

        QualityReport.Preference counts = result.report().preference();
        assertEquals(EXAMPLES, counts.pairs());
        assertEquals(Map.of("hallucinated_fact", 10L, "incomplete", 10L, "wrong_format", 10L),
                counts.byFailureMode());
        JsonNode report = Json.MAPPER.readTree(Files.readString(dir.resolve("quality_report.json")));
        assertEquals(10, report.path("preference").path("byFailureMode").path("incomplete").asInt());
        assertTrue(Files.readString(dir.resolve("report.html")).contains("Preference pairs"));

        JsonNode axolotl = YAML.readTree(Files.readString(dir.resolve("axolotl.yaml")));
        assertEquals("dpo", axolotl.path("rl").asText());
        JsonNode dataset = axolotl.path("datasets").get(0);
        assertEquals("chat_template.default", dataset.path("type").asText());
        assertEquals("prompt", dataset.path("field_messages").asText());
        assertEquals("chosen", dataset.path("field_chosen").asText());
        assertEquals("rejected", dataset.path("field_rejected").asText());
        assertTrue(Files.exists(dir.resolve(dataset.path("path").asText())));

        JsonNode dpo = runTrl(dir);
        assertEquals(EXAMPLES, dpo.path("train").asInt() + dpo.path("eval").asInt(), dpo.toString());
        assertTrue(dpo.path("eval").asInt() > 0, dpo.toString());
    }

    @Test
    void aPromptsPairsStayOnOneSideOfTheSplit() throws Exception {
        Path dir = export().directory();
        Set<String> train = new HashSet<>();
        for (String line : lines(dir, "train.jsonl")) {
            train.add(Json.MAPPER.readTree(line).path("prompt").toString());
        }
        int validation = 0;
        for (String line : lines(dir, "validation.jsonl")) {
            String prompt = Json.MAPPER.readTree(line).path("prompt").toString();
            assertFalse(train.contains(prompt), "a prompt on both sides: " + prompt);
            validation++;
        }
        assertTrue(validation >= 4, "validation holds pairs: " + validation);
    }

    // --- the fixture: 30 pairs; examples 2k and 2k+1 share their prompt, with different answers ---

    private ExportResult export() throws Exception {
        JobSpec spec = JobSpec.builder().name("prefs").task("Answer arithmetic questions.")
                .format(ExampleFormat.OPENAI).target(EXAMPLES).validationRatio(0.2).randomSeed(7L)
                .seeds(List.of(new Conversation(List.of(ChatTurn.of(ChatTurn.USER, "1 + 1?"),
                        ChatTurn.of(ChatTurn.ASSISTANT, "Answer: 2")))))
                // with compare: whole a prompt may carry several answers (the default, user, keeps one per prompt)
                .dedup(new DedupSpec("whole", null, null, null))
                .taskType(PreferenceSpec.TASK_TYPE).build().withDefaults();
        ExportJob job = ExportJob.of("job-p", spec, null, EXAMPLES);
        List<Outcome> outcomes = new ArrayList<>();
        for (int n = 0; n < EXAMPLES; n++) {
            int question = n / 2;
            ObjectNode record = ExampleFormat.OPENAI.render(List.of(ChatTurn.of("system", "Answer exactly."),
                    ChatTurn.of(ChatTurn.USER, "What is " + question + " times 7? Show the product."),
                    ChatTurn.of(ChatTurn.ASSISTANT, "Answer: " + question * 7 + (n % 2 == 0 ? "."
                            : ", as "
                                    + question + " sevens make " + question * 7 + "."))));
            record.set(PreferencePair.FIELD, PreferencePair.block(MODES.get(n % 3),
                    ChatTurn.of(ChatTurn.ASSISTANT, "It is about " + (question * 7 + 3) + ".")));
            outcomes.add(new Outcome(String.format("job-p-%03d", n), "job-p", "all", OutcomeStatus.ACCEPTED,
                    record.toString(), List.of(), null, null, null, 0.002, 0.001));
        }
        return DatasetExporter.create(output, QualityGate.defaults()).export(job, outcomes);
    }

    private static List<String> lines(Path dir, String file) throws IOException {
        return Files.readAllLines(dir.resolve(file)).stream().filter(l -> !l.isBlank()).toList();
    }

    private static JsonNode last(JsonNode array) {
        return array.get(array.size() - 1);
    }

    private static JsonNode runTrl(Path dir) throws Exception {
        return TrlStandIns.run(dir, "DPO");
    }
}
