package dev.seedforge.exporter.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.seedforge.contracts.Conversation;
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.ExportSpec;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.Json;

/**
 * The last leg of read -> prompt -> candidate -> export: multi-step OpenAI tool-call candidates (as the generator
 * makes them, the job's tools on each) are written field for field in the job's format, pass the one format checker,
 * and keep every call, argument and result in the ShareGPT export.
 */
class LosslessExportTest {

    @TempDir
    Path output;

    static List<JsonNode> data(String file) throws IOException {
        try (InputStream in = LosslessExportTest.class.getResourceAsStream("/data/" + file)) {
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

    @Test
    void toolCallCandidatesAreExportedFieldForField() throws Exception {
        List<JsonNode> records = data("openai-multistep-toolcalls.jsonl");
        List<JsonNode> tools = data("openai-multistep-toolcalls-tools.json");
        List<JsonNode> candidates = new ArrayList<>();
        for (JsonNode record : records) {
            ObjectNode candidate = record.deepCopy();
            candidate.set("tools", Json.MAPPER.valueToTree(tools));
            candidates.add(candidate);
        }
        JobSpec spec = JobSpec.builder().name("analytics").task("Answer analytics questions.")
                .format(ExampleFormat.OPENAI).target(2).validationRatio(0.0).tools(tools)
                .seeds(List.of(Conversation.fromJson(Json.MAPPER.readTree(
                        "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"assistant\",\"content\":\"hello\"}]}"))))
                .export(new ExportSpec(List.of(ExampleFormat.SHAREGPT), null, new ExportSpec.GateSpec(2, 0.5)))
                .build().withDefaults();
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            outcomes.add(new Outcome("job-t-" + i, "job-t", "all", OutcomeStatus.ACCEPTED, candidates.get(i).toString(),
                    List.of(), null, null, null, 0.001, 0.0));
        }
        ExportResult result = DatasetExporter.create(output, QualityGate.defaults())
                .export(ExportJob.of("job-t", spec, null, outcomes.size()), outcomes);
        Path dir = result.directory();

        Set<JsonNode> written = new HashSet<>();
        for (String line : Files.readAllLines(dir.resolve("train.jsonl"))) {
            written.add(Json.MAPPER.readTree(line));
        }
        assertEquals(new HashSet<>(candidates), written, "the job's own format, field for field");
        List<String> lines = Files.readAllLines(dir.resolve("train.jsonl"));
        assertEquals(List.of(), new dev.seedforge.contracts.format.FormatChecker().checkLines("train.jsonl", lines,
                ExampleFormat.OPENAI));

        List<String> shareGpt = Files.readAllLines(dir.resolve("train.sharegpt.jsonl"));
        assertEquals(2, shareGpt.size());
        assertEquals(List.of(), new dev.seedforge.contracts.format.FormatChecker().checkLines("train.sharegpt.jsonl",
                shareGpt, ExampleFormat.SHAREGPT));
        String all = String.join("\n", shareGpt);
        for (JsonNode record : records) {
            for (JsonNode message : record.get("messages")) {
                for (JsonNode call : message.path("tool_calls")) {
                    assertTrue(all.contains(call.at("/function/name").asText()));
                }
            }
        }
        JsonNode parallel = shareGpt.stream().map(LosslessExportTest::read)
                .filter(r -> r.toString().contains("customers")).findFirst().orElseThrow();
        JsonNode calls = Json.MAPPER.readTree(parallel.at("/conversations/3/value").asText());
        assertEquals("function_call", parallel.at("/conversations/3/from").asText());
        assertEquals(Json.MAPPER.readTree("{\"query\":\"SELECT count(*) FROM orders\",\"limit\":1}"),
                calls.get(1).get("arguments"));
        assertEquals(Json.MAPPER.readTree("[\"[{\\\"count\\\":1890}]\",\"[{\\\"count\\\":27504}]\"]"),
                Json.MAPPER.readTree(parallel.at("/conversations/4/value").asText()));
    }

    private static JsonNode read(String line) {
        try {
            return Json.MAPPER.readTree(line);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
