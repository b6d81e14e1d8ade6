package dev.seedforge.exporter.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

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

/**
 * Each trainer config read the way its trainer reads it: axolotl's YAML parsed and its dataset entries checked against
 * the keys and values axolotl's docs list, and against the files they point at; TRL's script compiled and run on the
 * real files with stand-ins for {@code datasets} and {@code trl} that check every record against TRL's SFT dataset
 * types.
 */
class TrainerConfigsTest {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final String TOOL = "{\"type\":\"function\",\"function\":{\"name\":\"create_task\","
            + "\"description\":\"Create a task\",\"parameters\":{\"type\":\"object\",\"properties\":"
            + "{\"title\":{\"type\":\"string\"}},\"required\":[\"title\"]}}}";

    @TempDir
    Path output;

    @Test
    void openAiExportGivesAxolotlChatTemplateOnMessagesWithTheValidationFileAsTestDataset() throws Exception {
        Path dir = export(ExampleFormat.OPENAI, List.of(ExampleFormat.SHAREGPT, ExampleFormat.ALPACA), true);
        JsonNode config = YAML.readTree(Files.readString(dir.resolve(AxolotlConfig.FILE)));
        requiredTopLevel(config);
        JsonNode train = single(config, "datasets");
        assertEquals("train.jsonl", train.path("path").asText());
        assertEquals("json", train.path("ds_type").asText());
        assertEquals("chat_template", train.path("type").asText());
        assertEquals("messages", train.path("field_messages").asText());
        assertEquals("role", train.path("message_property_mappings").path("role").asText());
        assertEquals("content", train.path("message_property_mappings").path("content").asText());
        assertEquals(List.of("assistant"), strings(train.path("roles_to_train")));
        assertEquals("tokenizer_default", config.path("chat_template").asText());
        JsonNode test = single(config, "test_datasets");
        assertEquals("validation.jsonl", test.path("path").asText());
        assertEquals("train", test.path("split").asText(), "a local JSON file loads as the split 'train'");
        assertEquals(List.of("validation.jsonl"), strings(test.path("data_files")));
        assertEquals(0.0, config.path("val_set_size").asDouble(), "test_datasets and a val_set_size exclude each other");
        for (JsonNode entry : List.of(train, test)) {
            recordsHaveMappedFields(dir, entry);
        }
    }

    @Test
    void shareGptExportMapsFromAndValueAndEveryRoleItHolds() throws Exception {
        Path dir = export(ExampleFormat.SHAREGPT, List.of(), true);
        JsonNode config = YAML.readTree(Files.readString(dir.resolve(AxolotlConfig.FILE)));
        requiredTopLevel(config);
        JsonNode train = single(config, "datasets");
        assertEquals("chat_template", train.path("type").asText());
        assertEquals("conversations", train.path("field_messages").asText());
        assertEquals("from", train.path("message_property_mappings").path("role").asText());
        assertEquals("value", train.path("message_property_mappings").path("content").asText());
        assertEquals(List.of("assistant"), strings(train.path("roles_to_train")));
        Set<String> mapped = new HashSet<>();
        train.path("roles").forEach(values -> mapped.addAll(strings(values)));
        Set<String> used = new HashSet<>();
        for (String line : Files.readAllLines(dir.resolve(train.path("path").asText()))) {
            Json.MAPPER.readTree(line).path("conversations").forEach(turn -> used.add(turn.path("from").asText()));
        }
        assertTrue(used.containsAll(Set.of("human", "gpt", "function_call", "observation")), "fixture: " + used);
        assertTrue(mapped.containsAll(used), "roles " + mapped + " must map every 'from' in the data " + used);
        recordsHaveMappedFields(dir, train);
        recordsHaveMappedFields(dir, single(config, "test_datasets"));
    }

    @Test
    void alpacaExportUsesAxolotlsAlpacaType() throws Exception {
        Path dir = export(ExampleFormat.ALPACA, List.of(), false);
        JsonNode config = YAML.readTree(Files.readString(dir.resolve(AxolotlConfig.FILE)));
        requiredTopLevel(config);
        JsonNode train = single(config, "datasets");
        assertEquals("alpaca", train.path("type").asText());
        assertFalse(config.has("chat_template"));
        for (String line : Files.readAllLines(dir.resolve(train.path("path").asText()))) {
            JsonNode record = Json.MAPPER.readTree(line);
            assertTrue(record.hasNonNull("instruction") && record.hasNonNull("output"), line);
        }
    }

    @Test
    void preferTheOpenAiFilesWhenTheyAreAnExtraFormat() throws Exception {
        Path dir = export(ExampleFormat.ALPACA, List.of(ExampleFormat.OPENAI), false);
        JsonNode train = single(YAML.readTree(Files.readString(dir.resolve(AxolotlConfig.FILE))), "datasets");
        assertEquals("train.openai.jsonl", train.path("path").asText());
        assertEquals("messages", train.path("field_messages").asText());
        assertTrue(Files.readString(dir.resolve(TrlScript.FILE)).contains("\"train.openai.jsonl\""));
    }

    @Test
    void noValidationSplitMeansNoTestDatasetsAndNoEvaluation() throws Exception {
        Path dir = exportWith(ExampleFormat.OPENAI, List.of(), false, 0.0);
        JsonNode config = YAML.readTree(Files.readString(dir.resolve(AxolotlConfig.FILE)));
        assertFalse(config.has("test_datasets"));
        String script = Files.readString(dir.resolve(TrlScript.FILE));
        assertFalse(script.contains("eval_dataset"));
        runTrl(dir, 20, null, "messages");
    }

    @Test
    void sequenceLenHoldsTheLongestExample() {
        assertEquals(512, AxolotlConfig.sequenceLen(40));
        assertEquals(1024, AxolotlConfig.sequenceLen(513));
        assertEquals(32_768, AxolotlConfig.sequenceLen(1_000_000));
    }

    @Test
    void trlScriptRunsOnOpenAiFilesAsConversationalMessages() throws Exception {
        Path dir = export(ExampleFormat.OPENAI, List.of(), true);
        compiles(dir.resolve(TrlScript.FILE));
        runTrl(dir, 16, 4, "messages");
    }

    @Test
    void trlScriptMapsShareGptToMessages() throws Exception {
        Path dir = export(ExampleFormat.SHAREGPT, List.of(), true);
        compiles(dir.resolve(TrlScript.FILE));
        runTrl(dir, 16, 4, "messages");
    }

    @Test
    void trlScriptMapsAlpacaToPromptCompletion() throws Exception {
        Path dir = export(ExampleFormat.ALPACA, List.of(), false);
        compiles(dir.resolve(TrlScript.FILE));
        runTrl(dir, 16, 4, "prompt-completion");
    }

    // --- the fixture: a 20-example export, every fourth example a tool call when tools are on ---

    private Path export(ExampleFormat format, List<ExampleFormat> extra, boolean tools) throws Exception {
        return exportWith(format, extra, tools, 0.2);
    }

    private Path exportWith(ExampleFormat format, List<ExampleFormat> extra, boolean tools, double validationRatio)
            throws Exception {
        JobSpec spec = JobSpec.builder().name("task-api").task("Manage tasks through the Task API.")
                .format(format).target(20).validationRatio(validationRatio).randomSeed(5L)
                .seeds(List.of(new Conversation(List.of(ChatTurn.of(ChatTurn.USER, "hi"),
                        ChatTurn.of(ChatTurn.ASSISTANT, "hello")))))
                .tools(tools ? List.of(Json.MAPPER.readTree(TOOL)) : null)
                .export(new ExportSpec(extra, null, null))
                .build().withDefaults();
        ExportJob job = ExportJob.of("job-t", spec, null, 20);
        List<Outcome> outcomes = new ArrayList<>();
        for (int n = 1; n <= 20; n++) {
            String openAi = tools && n % 4 == 0 ? DatasetFilesTest.toolExample(n) : TestOutcomes.example(n);
            String example = format == ExampleFormat.OPENAI ? openAi
                    : format.render(ExampleFormat.OPENAI.turns(Json.MAPPER.readTree(openAi)), job.tools()).toString();
            outcomes.add(new Outcome(String.format("job-t-%03d", n), "job-t", "all", OutcomeStatus.ACCEPTED, example,
                    List.of(), null, null, null, 0.002, 0.001));
        }
        ExportResult result = DatasetExporter.create(output, QualityGate.defaults()).export(job, outcomes);
        assertTrue(result.fileNames().containsAll(List.of(AxolotlConfig.FILE, TrlScript.FILE)), "listed files");
        return result.directory();
    }

    /** The keys axolotl's config reference marks required, plus an output directory. */
    private static void requiredTopLevel(JsonNode config) {
        for (String key : List.of("base_model", "datasets", "learning_rate", "sequence_len", "output_dir")) {
            assertTrue(config.hasNonNull(key), "axolotl needs " + key);
        }
    }

    private static JsonNode single(JsonNode config, String key) {
        JsonNode list = config.path(key);
        assertTrue(list.isArray() && list.size() == 1, key + " must list one dataset: " + list);
        return list.get(0);
    }

    /** Every record holds the messages field the entry names, and every message the mapped role and content keys. */
    private static void recordsHaveMappedFields(Path dir, JsonNode entry) throws IOException {
        Path file = dir.resolve(entry.path("path").asText());
        assertTrue(Files.isRegularFile(file), "points at a real file: " + file);
        String messages = entry.path("field_messages").asText();
        String role = entry.path("message_property_mappings").path("role").asText();
        String content = entry.path("message_property_mappings").path("content").asText();
        List<String> lines = Files.readAllLines(file);
        assertFalse(lines.isEmpty(), file + " is empty");
        for (String line : lines) {
            JsonNode turns = Json.MAPPER.readTree(line).path(messages);
            assertTrue(turns.isArray() && !turns.isEmpty(), "no '" + messages + "' in " + line);
            for (JsonNode turn : turns) {
                assertTrue(turn.has(role), "no '" + role + "' in " + turn);
                assertTrue(turn.has(content) || turn.has("tool_calls"), "no '" + content + "' in " + turn);
            }
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static void compiles(Path script) throws Exception {
        Result result = python(script.getParent(), null, "-m", "py_compile", script.toString());
        assertEquals(0, result.exit, "py_compile: " + result.output);
    }

    /** Runs the script on the exported files with the stubs of datasets and trl, and checks what SFTTrainer got. */
    private static void runTrl(Path dir, int train, Integer eval, String type) throws Exception {
        Path stubs = Path.of(TrainerConfigsTest.class.getResource("/trl-stubs/trl.py").toURI()).getParent();
        Result result = python(dir, stubs, dir.resolve(TrlScript.FILE).toString());
        assertEquals(0, result.exit, "train_trl.py failed: " + result.output);
        String line = result.output.lines().filter(l -> l.startsWith("SFT ")).findFirst()
                .orElseThrow(() -> new AssertionError("SFTTrainer never trained: " + result.output));
        JsonNode summary = Json.MAPPER.readTree(line.substring(4));
        assertEquals(train, summary.path("train").asInt(), summary.toString());
        assertEquals(type, summary.path("type").asText(), summary.toString());
        assertEquals(TrainerConfigs.DEFAULT_BASE_MODEL, summary.path("model").asText());
        if (eval == null) {
            assertTrue(summary.path("eval").isNull(), summary.toString());
            assertEquals("no", summary.path("eval_strategy").asText());
        } else {
            assertEquals(eval.intValue(), summary.path("eval").asInt(), summary.toString());
            assertEquals("epoch", summary.path("eval_strategy").asText());
        }
    }

    private record Result(int exit, String output) {
    }

    private static Result python(Path workDir, Path pythonPath, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add("python3");
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        if (pythonPath != null) {
            builder.environment().put("PYTHONPATH", pythonPath.toString());
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            assumeTrue(false, "python3 is not on PATH, the TRL script is not compiled or run: " + e.getMessage());
            throw e;
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "python3 did not finish");
        return new Result(process.exitValue(), output);
    }
}
