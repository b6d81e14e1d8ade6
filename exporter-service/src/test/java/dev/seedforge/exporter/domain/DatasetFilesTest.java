package dev.seedforge.exporter.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
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

/** Each file of a dataset with tools and extra formats, read back the way its consumer reads it. */
class DatasetFilesTest {

    /** The attributes LLaMA-Factory's dataset_info.json entries may have (its DatasetAttr). */
    private static final Set<String> LLAMA_FACTORY_KEYS = Set.of("file_name", "formatting", "ranking", "subset",
            "split", "folder", "num_samples", "columns", "tags", "hf_hub_url", "ms_hub_url", "om_hub_url",
            "script_url", "cloud_file_name");

    @TempDir
    Path output;

    private Path dir;
    private ExportResult result;

    private static final String TOOL = "{\"type\":\"function\",\"function\":{\"name\":\"create_task\","
            + "\"description\":\"Create a task\",\"parameters\":{\"type\":\"object\",\"properties\":"
            + "{\"title\":{\"type\":\"string\"}},\"required\":[\"title\"]}}}";

    static String toolExample(int n) {
        return "{\"messages\":[{\"role\":\"system\",\"content\":\"You manage tasks.\"},"
                + "{\"role\":\"user\",\"content\":\"Add task " + n + "\"},"
                + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\","
                + "\"function\":{\"name\":\"create_task\",\"arguments\":\"{\\\"title\\\":\\\"Task " + n + "\\\"}\"}}]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"{\\\"id\\\":" + n + "}\"},"
                + "{\"role\":\"assistant\",\"content\":\"Created task #" + n + "\"}]}";
    }

    @BeforeEach
    void export() throws Exception {
        JobSpec spec = JobSpec.builder().name("task-api").task("Manage tasks through the Task API.")
                .format(ExampleFormat.OPENAI).target(20).validationRatio(0.2).randomSeed(5L)
                .seeds(List.of(new Conversation(List.of(ChatTurn.of(ChatTurn.USER, "hi"),
                        ChatTurn.of(ChatTurn.ASSISTANT, "hello")))))
                .tools(List.of(Json.MAPPER.readTree(TOOL)))
                .export(new ExportSpec(List.of(ExampleFormat.SHAREGPT, ExampleFormat.ALPACA), null,
                        new ExportSpec.GateSpec(18, 0.2)))
                .build().withDefaults();
        ExportJob job = ExportJob.of("job-f", spec, null, 24);
        List<Outcome> outcomes = new ArrayList<>();
        for (int n = 1; n <= 22; n++) {
            String example = n % 4 == 0 ? toolExample(n) : TestOutcomes.example(n);
            outcomes.add(new Outcome(String.format("job-f-%03d", n), "job-f", "all", OutcomeStatus.ACCEPTED, example,
                    List.of(), null, null, null, 0.002, 0.001)
                    .withJudgeScores(Map.of("clarity", 6 + n % 4, "realism", 7 + n % 3)));
        }
        outcomes.add(TestOutcomes.rejected(23, "reply_pattern"));
        outcomes.add(TestOutcomes.duplicate(24, 2, "exact"));
        result = DatasetExporter.create(output, QualityGate.defaults()).export(job, outcomes);
        dir = result.directory();
    }

    @Test
    void everyJsonlLineReValidatesInItsFormat() throws Exception {
        Map<String, ExampleFormat> files = Map.of("train.jsonl", ExampleFormat.OPENAI, "validation.jsonl",
                ExampleFormat.OPENAI, "train.sharegpt.jsonl", ExampleFormat.SHAREGPT, "validation.sharegpt.jsonl",
                ExampleFormat.SHAREGPT, "train.alpaca.jsonl", ExampleFormat.ALPACA, "validation.alpaca.jsonl",
                ExampleFormat.ALPACA);
        assertTrue(result.fileNames().containsAll(files.keySet()), result.fileNames().toString());
        for (Map.Entry<String, ExampleFormat> file : files.entrySet()) {
            for (String line : Files.readAllLines(dir.resolve(file.getKey()))) {
                JsonNode record = Json.MAPPER.readTree(line);
                assertFalse(file.getValue().turns(record).isEmpty(), file.getKey() + ": " + line);
                if (file.getValue() == ExampleFormat.OPENAI && line.contains("tool_calls")) {
                    assertEquals("create_task", record.at("/tools/0/function/name").asText(), line);
                }
                if (file.getValue() == ExampleFormat.SHAREGPT && line.contains("function_call")) {
                    assertEquals("create_task", Json.MAPPER.readTree(record.get("tools").asText()).at("/0/name")
                            .asText(), line);
                }
            }
        }
        assertEquals(20, Files.readAllLines(dir.resolve("train.sharegpt.jsonl")).size()
                + Files.readAllLines(dir.resolve("validation.sharegpt.jsonl")).size());
        QualityReport.FormatFiles alpaca = result.report().formats().stream()
                .filter(f -> f.format() == ExampleFormat.ALPACA).findFirst().orElseThrow();
        assertEquals(5, alpaca.notConvertible(), "the 5 tool conversations have no Alpaca form");
        assertEquals(15, alpaca.train() + alpaca.validation());
        for (String line : Files.readAllLines(dir.resolve(DatasetFile.REJECTED))) {
            assertTrue(Json.MAPPER.readTree(line).has("status"), line);
        }
        assertTrue(result.report().gate().passed(), result.report().gate().failures().toString());
    }

    @Test
    void datasetInfoJsonHasLlamaFactorysShape() throws Exception {
        JsonNode info = Json.MAPPER.readTree(dir.resolve(DatasetFile.LLAMA_FACTORY_INFO).toFile());
        Set<String> names = new HashSet<>();
        info.fieldNames().forEachRemaining(names::add);
        assertEquals(Set.of("task-api", "task-api_validation", "task-api_sharegpt", "task-api_sharegpt_validation",
                "task-api_alpaca", "task-api_alpaca_validation"), names);
        for (Iterator<Map.Entry<String, JsonNode>> it = info.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode e = entry.getValue();
            e.fieldNames().forEachRemaining(k -> assertTrue(LLAMA_FACTORY_KEYS.contains(k), entry.getKey() + "." + k));
            assertTrue(Files.isRegularFile(dir.resolve(e.get("file_name").asText())), e.toString());
            assertTrue(Set.of("alpaca", "sharegpt").contains(e.get("formatting").asText()));
            assertTrue(e.get("columns").isObject());
        }
        assertEquals("messages", info.at("/task-api/columns/messages").asText());
        assertEquals("role", info.at("/task-api/tags/role_tag").asText());
        assertEquals("conversations", info.at("/task-api_sharegpt/columns/messages").asText());
        assertEquals("tools", info.at("/task-api_sharegpt/columns/tools").asText());
        assertEquals("instruction", info.at("/task-api_alpaca/columns/prompt").asText());
    }

    /** Column and tag names LLaMA-Factory's DatasetAttr reads beyond those its own registry happens to use. */
    private static final Set<String> DOCUMENTED_BEYOND_THE_REGISTRY = Set.of("query", "history", "observation_tag",
            "function_tag");

    @Test
    void datasetInfoJsonMatchesTheShapeOfLlamaFactorysOwnRegistry() throws Exception {
        JsonNode registry;
        try (var in = DatasetFilesTest.class.getResourceAsStream("/data/llamafactory-dataset-info.json")) {
            registry = Json.MAPPER.readTree(in);
        }
        Set<String> keys = new HashSet<>();
        Set<String> formattings = new HashSet<>(Set.of("alpaca"));
        Set<String> columns = new HashSet<>(DOCUMENTED_BEYOND_THE_REGISTRY);
        Set<String> tags = new HashSet<>(DOCUMENTED_BEYOND_THE_REGISTRY);
        registry.forEach(entry -> {
            entry.fieldNames().forEachRemaining(keys::add);
            if (entry.has("formatting")) {
                formattings.add(entry.get("formatting").asText());
            }
            entry.path("columns").fieldNames().forEachRemaining(columns::add);
            entry.path("tags").fieldNames().forEachRemaining(tags::add);
        });
        JsonNode info = Json.MAPPER.readTree(dir.resolve(DatasetFile.LLAMA_FACTORY_INFO).toFile());
        for (Iterator<Map.Entry<String, JsonNode>> it = info.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode e = entry.getValue();
            e.fieldNames().forEachRemaining(k -> assertTrue(keys.contains(k), entry.getKey() + "." + k
                    + " is no key of LLaMA-Factory's registry " + keys));
            assertTrue(e.get("file_name").isTextual(), entry.getKey());
            assertTrue(formattings.contains(e.get("formatting").asText()), entry.getKey());
            for (String part : List.of("columns", "tags")) {
                Set<String> known = part.equals("columns") ? columns : tags;
                e.path(part).fields().forEachRemaining(c -> {
                    assertTrue(known.contains(c.getKey()), entry.getKey() + "." + part + "." + c.getKey());
                    assertTrue(c.getValue().isTextual(), entry.getKey() + "." + part + "." + c.getKey());
                });
            }
        }
        JsonNode glaive = registry.get("glaive_toolcall_en_demo");
        JsonNode ours = info.get("task-api_sharegpt");
        assertEquals(glaive.get("formatting"), ours.get("formatting"));
        glaive.get("columns").fields().forEachRemaining(c -> assertEquals(c.getValue(),
                ours.get("columns").get(c.getKey()), "a ShareGPT tool dataset is registered like the glaive demo"));
    }

    @Test
    void theDatasetCardsYamlHeaderParses() throws Exception {
        String card = Files.readString(dir.resolve(DatasetFile.DATASET_CARD));
        assertTrue(card.startsWith("---\n"), card);
        int end = card.indexOf("\n---\n", 4);
        JsonNode yaml = new YAMLMapper().readTree(card.substring(4, end));
        assertEquals("text-generation", yaml.at("/task_categories/0").asText());
        assertEquals("n<1K", yaml.at("/size_categories/0").asText());
        assertTrue(yaml.has("license"));
        JsonNode configs = yaml.get("configs");
        assertEquals(3, configs.size());
        assertEquals("default", configs.at("/0/config_name").asText());
        for (JsonNode config : configs) {
            for (JsonNode file : config.get("data_files")) {
                assertTrue(Set.of("train", "validation").contains(file.get("split").asText()));
                assertTrue(Files.isRegularFile(dir.resolve(file.get("path").asText())), file.toString());
            }
        }
        String body = card.substring(end + 5);
        for (String section : List.of("## Composition", "## Generation method", "## Models", "## Cost",
                "## Known limits")) {
            assertTrue(body.contains(section), section);
        }
    }

    @Test
    void aFormatNoExampleConvertsToGetsNoConfigAndTheCardSaysWhy(@TempDir Path elsewhere) throws Exception {
        JobSpec spec = JobSpec.builder().name("tools-only").task("Manage tasks through the Task API.")
                .format(ExampleFormat.OPENAI).target(8).validationRatio(0.25).randomSeed(5L)
                .seeds(List.of(new Conversation(List.of(ChatTurn.of(ChatTurn.USER, "hi"),
                        ChatTurn.of(ChatTurn.ASSISTANT, "hello")))))
                .tools(List.of(Json.MAPPER.readTree(TOOL)))
                .export(new ExportSpec(List.of(ExampleFormat.SHAREGPT, ExampleFormat.ALPACA), null, null))
                .build().withDefaults();
        List<Outcome> outcomes = new ArrayList<>();
        for (int n = 1; n <= 8; n++) {
            outcomes.add(new Outcome(String.format("job-t-%03d", n), "job-t", "all", OutcomeStatus.ACCEPTED,
                    toolExample(n), List.of(), null, null, null, 0.002, 0.001));
        }
        Path tools = DatasetExporter.create(elsewhere, QualityGate.defaults())
                .export(ExportJob.of("job-t", spec, null, 8), outcomes).directory();
        assertEquals(List.of(), Files.readAllLines(tools.resolve("train.alpaca.jsonl")), "nothing converts");

        String card = Files.readString(tools.resolve(DatasetFile.DATASET_CARD));
        JsonNode configs = new YAMLMapper().readTree(card.substring(4, card.indexOf("\n---\n", 4))).get("configs");
        List<String> names = new ArrayList<>();
        configs.forEach(config -> names.add(config.get("config_name").asText()));
        assertEquals(List.of("default", "sharegpt"), names);
        assertTrue(card.contains("- The `alpaca` files are empty and have no config: none of the 8 examples converts"
                + " (the first: job-t-"), card);
        JsonNode info = Json.MAPPER.readTree(tools.resolve(DatasetFile.LLAMA_FACTORY_INFO).toFile());
        List<String> entries = new ArrayList<>();
        info.fieldNames().forEachRemaining(entries::add);
        assertEquals(List.of("tools-only", "tools-only_validation", "tools-only_sharegpt",
                "tools-only_sharegpt_validation"), entries);

        String partly = Files.readString(dir.resolve(DatasetFile.DATASET_CARD));
        assertTrue(partly.contains("- The `alpaca` files leave out 5 examples that do not convert (the first: job-f-"),
                partly);
    }

    /** A split that kept no validation example names no validation file: the Hub and LLaMA-Factory fail on one. */
    @Test
    void anEmptyValidationSplitIsNamedNowhere(@TempDir Path elsewhere) throws Exception {
        JobSpec spec = JobSpec.builder().name("no-eval").task("Answer briefly.").format(ExampleFormat.OPENAI)
                .target(6).validationRatio(0.0).randomSeed(5L)
                .seeds(List.of(new Conversation(List.of(ChatTurn.of(ChatTurn.USER, "hi"),
                        ChatTurn.of(ChatTurn.ASSISTANT, "hello")))))
                .export(new ExportSpec(List.of(ExampleFormat.SHAREGPT), null, null)).build().withDefaults();
        List<Outcome> outcomes = new ArrayList<>();
        for (int n = 1; n <= 6; n++) {
            outcomes.add(new Outcome(String.format("job-v-%03d", n), "job-v", "all", OutcomeStatus.ACCEPTED,
                    TestOutcomes.example(n), List.of(), null, null, null, 0.002, 0.001));
        }
        Path noEval = DatasetExporter.create(elsewhere, QualityGate.defaults())
                .export(ExportJob.of("job-v", spec, null, 6), outcomes).directory();
        assertEquals(List.of(), Files.readAllLines(noEval.resolve(DatasetFile.VALIDATION)));

        String card = Files.readString(noEval.resolve(DatasetFile.DATASET_CARD));
        JsonNode configs = new YAMLMapper().readTree(card.substring(4, card.indexOf("\n---\n", 4))).get("configs");
        assertEquals(2, configs.size(), card);
        for (JsonNode config : configs) {
            assertEquals(1, config.get("data_files").size(), config.toString());
            assertEquals("train", config.at("/data_files/0/split").asText(), config.toString());
        }
        JsonNode info = Json.MAPPER.readTree(noEval.resolve(DatasetFile.LLAMA_FACTORY_INFO).toFile());
        List<String> entries = new ArrayList<>();
        info.fieldNames().forEachRemaining(entries::add);
        assertEquals(List.of("no-eval", "no-eval_sharegpt"), entries);
        String next = Files.readString(noEval.resolve(DatasetFile.DATASET_INFO));
        assertFalse(next.contains("eval_dataset") || next.contains("validation_file"), next);
    }

    @Test
    void theReportsAreCompleteAndTheHtmlIsSelfContained() throws Exception {
        JsonNode report = Json.MAPPER.readTree(dir.resolve(DatasetFile.QUALITY_REPORT).toFile());
        for (String pointer : List.of("/counts/candidatesEmitted", "/counts/accepted", "/counts/rejected",
                "/counts/duplicates", "/gate/passed", "/gate/failures", "/rejectionReasons/reply_pattern",
                "/duplicatesByMethod/exact", "/judgeScores/clarity/histogram", "/tokens/perTurn/p95",
                "/tokens/perExample/p50", "/tokens/perRole/assistant", "/plan/cells/0/quota", "/multiTurn/share",
                "/split/relatedThreshold", "/cost/perAcceptedExampleUsd", "/formats/0/format")) {
            assertFalse(report.at(pointer).isMissingNode(), pointer);
        }
        assertEquals(22, report.at("/judgeScores/clarity/count").asLong());
        assertEquals(18, report.at("/gate/minCount").asInt(), "the job's own gate threshold");

        String html = Files.readString(dir.resolve(DatasetFile.REPORT_HTML));
        assertTrue(html.contains("<svg"), "charts");
        for (String external : List.of("<script", "http://", "https://", " src=", "<link")) {
            assertFalse(html.contains(external), external);
        }
        for (String chart : List.of("Distribution against the plan", "Rejection reasons", "Judge scores",
                "Token lengths")) {
            assertTrue(html.contains(chart), chart);
        }
        String info = Files.readString(dir.resolve(DatasetFile.DATASET_INFO));
        for (String section : List.of("FILES", "TOTALS", "AVERAGE LENGTHS", "SYSTEM PROMPT VARIATIONS",
                "MULTI-TURN", "CATEGORY DISTRIBUTION", "NEXT STEPS", "train.sharegpt.jsonl")) {
            assertTrue(info.contains(section), section);
        }
    }
}
