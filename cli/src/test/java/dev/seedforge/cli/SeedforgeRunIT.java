package dev.seedforge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedforge.cli.faults.Books;
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.Json;

/**
 * The README's run command, as a new user runs it: the packaged command line starts the local stack, the teacher
 * simulator and the four packaged services as separate processes, and a real job goes through all of them over the
 * real broker. Then the dataset is checked file by file. (That a second run is a new job in its own directory, the
 * first untouched, GalleryIT checks with its two runs into one output directory.)
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeedforgeRunIT {

    private static final Path HOME = SeedforgeCommand.HOME;
    private static final Path JOB = HOME.resolve("examples/task-api/job.yaml");

    @TempDir
    static Path work;

    static SeedforgeCommand.Run seedforge(String... args) throws Exception {
        return SeedforgeCommand.run(work, args);
    }

    @Test
    @Order(1)
    void theExampleJobProducesACompleteDataset() throws Exception {
        // beside it, a small job whose axis values are whole sentences: its cells' ids run past 255 characters, which
        // the services' tables once refused, leaving the job GENERATING for good
        Path sentences = work.resolve("sentences.yaml");
        Files.writeString(sentences, """
                name: sentence-axes
                task: Coach new employees through their first weeks with one concrete next step.
                format: sharegpt
                seeds:
                  - conversations:
                      - {from: human, value: "I still have no access to the shared drive. Who do I ask?"}
                      - {from: gpt, value: "Ask IT through the helpdesk portal. Next step: open a ticket now."}
                axes:
                  persona:
                    - "%1$s a junior developer who moved to a new city for this job and knows nobody yet"
                    - "%1$s an experienced sales manager who comes from a much larger corporation"
                target: 6
                approval: auto
                """.formatted("someone who ".repeat(20)));
        SeedforgeCommand.Run run = seedforge("run", JOB.toString(), sentences.toString(), "--out",
                work.resolve("out").toString(), "--data-dir", work.resolve("data").toString());
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("using the SeedForge teacher simulator"), run.output());

        Path dataset = datasetNamed("task-api");
        JsonNode sentenceReport = Json.MAPPER.readTree(datasetNamed("sentence-axes").resolve("quality_report.json")
                .toFile());
        assertEquals(6, sentenceReport.at("/counts/accepted").asLong(), sentenceReport.toString());
        assertTrue(sentenceReport.get("cells").toString().contains("someone who someone who"),
                sentenceReport.toString());
        List<JsonNode> train = Books.jsonl(dataset.resolve("train.jsonl"));
        List<JsonNode> validation = Books.jsonl(dataset.resolve("validation.jsonl"));
        assertEquals(60, train.size() + validation.size(), "exactly the target is exported");
        assertEquals(Math.round(60 * 0.1), validation.size(), "validation share matches validation_ratio");

        Set<String> ids = new HashSet<>();
        for (JsonNode example : Books.concat(train, validation)) {
            var turns = ExampleFormat.OPENAI.turns(example);
            assertEquals("system", turns.get(0).role());
            assertEquals("assistant", turns.get(turns.size() - 1).role());
            assertTrue(ids.add(example.toString()), "no example is exported twice: " + example);
        }

        JsonNode report = Json.MAPPER.readTree(dataset.resolve("quality_report.json").toFile());
        JsonNode counts = report.get("counts");
        long emitted = counts.get("candidatesEmitted").asLong();
        assertTrue(emitted >= 60, report.toString());
        assertEquals(emitted, counts.get("accepted").asLong() + counts.get("rejected").asLong()
                + counts.get("duplicates").asLong(), "every candidate has exactly one outcome: " + counts);
        assertEquals(emitted, Books.jsonl(dataset.resolve("rejected.jsonl")).size() + counts.get("accepted").asLong(),
                "rejected.jsonl holds every candidate that was not accepted");
        assertTrue(Files.readString(dataset.resolve("dataset_info.txt")).contains("train.jsonl"));

        // a clean run logs no error in any service, from its start (a tick before its channels were wired) to its
        // stop (a tick after its database pool closed)
        try (Stream<Path> logs = Files.list(work.resolve("data/logs"))) {
            List<Path> services = logs.filter(log -> !log.getFileName().toString().equals("local-stack.log")).toList();
            assertTrue(services.stream().map(log -> log.getFileName().toString()).toList()
                    .containsAll(List.of("teacher-simulator.log", "generator-service.log", "validator-service.log",
                            "dedup-service.log", "exporter-service.log", "console-service.log")),
                    "the simulator's, the four services' and the console's logs: " + services);
            for (Path log : services) {
                assertEquals(List.of(), Files.readAllLines(log).stream().filter(line -> line.contains(" ERROR ["))
                        .toList(), log.getFileName() + " logs errors");
            }
        }
    }

    /** The dataset directory of the job with that name, among those one run wrote. */
    private static Path datasetNamed(String name) throws Exception {
        try (Stream<Path> dirs = Files.list(work.resolve("out"))) {
            for (Path dir : dirs.filter(dir -> dir.getFileName().toString().startsWith("job-")).toList()) {
                if (name.equals(Json.MAPPER.readTree(dir.resolve("quality_report.json").toFile()).path("name")
                        .asText())) {
                    return dir;
                }
            }
        }
        throw new AssertionError("no dataset of job " + name + " in " + work.resolve("out"));
    }

    @Test
    @Order(3)
    void aMalformedSpecIsRefusedNamingTheField() throws Exception {
        Path bad = work.resolve("bad.yaml");
        Files.writeString(bad, "task: Answer questions\nformat: openai\ntarget: 0\nseeds: []\n");
        SeedforgeCommand.Run run = seedforge("run", bad.toString(), "--out", work.resolve("bad-out").toString());
        assertEquals(2, run.exitCode(), run.output());
        assertTrue(run.output().contains("target: must be at least 1, got 0"), run.output());
        assertTrue(run.output().contains("seeds: at least one seed example is required"), run.output());
    }
}
