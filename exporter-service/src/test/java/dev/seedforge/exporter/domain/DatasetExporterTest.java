package dev.seedforge.exporter.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.Json;

class DatasetExporterTest {

    @TempDir
    Path output;

    private final ExportJob job = new ExportJob("job-1", "tasks", ExampleFormat.OPENAI, 10, 0.2, 7, 15);

    private List<Outcome> outcomes() {
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            outcomes.add(TestOutcomes.accepted(i));
        }
        outcomes.add(TestOutcomes.rejected(13, "format"));
        outcomes.add(TestOutcomes.rejected(14, "judge_low_score"));
        outcomes.add(TestOutcomes.duplicate(15, 3, "exact"));
        return outcomes;
    }

    @Test
    void writesTheDatasetFilesIntoTheJobDirectory() throws Exception {
        ExportResult result = DatasetExporter.create(output, new QualityGate(OptionalInt.empty(), 0.10))
                .export(job, outcomes());

        assertEquals(output.toAbsolutePath().resolve("job-1"), result.directory());
        assertEquals(List.of(DatasetFile.TRAIN, DatasetFile.VALIDATION, DatasetFile.REJECTED,
                DatasetFile.QUALITY_REPORT, DatasetFile.LLAMA_FACTORY_INFO, AxolotlConfig.FILE, TrlScript.FILE,
                DatasetFile.DATASET_CARD, DatasetFile.REPORT_HTML, DatasetFile.DATASET_INFO), result.fileNames());
        try (Stream<Path> entries = Files.list(output)) {
            assertEquals(List.of(result.directory()), entries.toList(), "no temporary directory is left behind");
        }

        List<String> train = Files.readAllLines(result.directory().resolve(DatasetFile.TRAIN));
        List<String> validation = Files.readAllLines(result.directory().resolve(DatasetFile.VALIDATION));
        assertEquals(8, train.size());
        assertEquals(2, validation.size());
        Set<String> exported = new HashSet<>(train);
        exported.addAll(validation);
        Set<String> firstTen = new HashSet<>();
        for (int i = 1; i <= 10; i++) {
            firstTen.add(TestOutcomes.example(i));
        }
        assertEquals(firstTen, exported, "exactly the first target accepted examples, written as they arrived");

        List<String> rejected = Files.readAllLines(result.directory().resolve(DatasetFile.REJECTED));
        assertEquals(3, rejected.size());
        JsonNode duplicate = Json.MAPPER.readTree(rejected.get(2));
        assertEquals("DUPLICATE", duplicate.get("status").asText());
        assertEquals(TestOutcomes.id(3), duplicate.get("duplicateOf").asText());
        assertEquals("exact", duplicate.get("method").asText());
        assertTrue(duplicate.get("example").has("messages"));
        assertEquals("format", Json.MAPPER.readTree(rejected.get(0)).at("/reasons/0/code").asText());

        JsonNode report = Json.MAPPER.readTree(result.directory().resolve(DatasetFile.QUALITY_REPORT).toFile());
        assertEquals(15, report.at("/counts/outcomes").asLong());
        assertEquals(2, report.at("/counts/surplus").asLong());
        assertTrue(report.at("/gate/passed").asBoolean(), report.at("/gate").toString());
        assertEquals("o200k_base", report.at("/tokens/encoding").asText());

        String info = Files.readString(result.directory().resolve(DatasetFile.DATASET_INFO));
        assertTrue(info.contains("train.jsonl                   8 examples"), info);
        assertTrue(info.contains("SYSTEM PROMPT VARIATIONS"), info);
        assertTrue(info.contains("fine_tuning.jobs.create"), info);
        assertTrue(info.contains("\"role_tag\": \"role\""), info);
    }

    @Test
    void exportingAgainReplacesTheDatasetWithTheSameFiles() throws Exception {
        DatasetExporter exporter = DatasetExporter.create(output, QualityGate.defaults());
        ExportResult first = exporter.export(job, outcomes());
        List<String> train = Files.readAllLines(first.directory().resolve(DatasetFile.TRAIN));
        ExportResult second = exporter.export(job, outcomes());
        assertEquals(train, Files.readAllLines(second.directory().resolve(DatasetFile.TRAIN)));
        try (Stream<Path> entries = Files.list(output)) {
            assertEquals(1, entries.count());
        }
    }

    @Test
    void aMalformedExampleFailsTheGate() throws Exception {
        List<Outcome> outcomes = new ArrayList<>(outcomes());
        outcomes.set(0, new Outcome(TestOutcomes.id(1), "job-1", "all", OutcomeStatus.ACCEPTED,
                "{\"prompt\":\"no messages\"}", List.of(), null, null, null, 0, 0));
        ExportResult result = DatasetExporter.create(output, QualityGate.defaults()).export(job, outcomes);
        assertTrue(result.report().gate().failures().stream().anyMatch(f -> f.startsWith("format_errors: 1")),
                result.report().gate().failures().toString());
    }

    @Test
    void refusesJobIdsThatAreNotPlainNames() {
        DatasetExporter exporter = DatasetExporter.create(output, QualityGate.defaults());
        for (String bad : List.of("../x", "a/b", ".hidden", "", "..")) {
            assertThrows(IllegalArgumentException.class, () -> exporter.directoryOf(bad), bad);
        }
    }
}
