package dev.seedforge.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/** Seeds import from every format users bring, read from the real files in testdata/. */
class SeedFilesTest {

    private static final Path DATA = Path.of("../testdata");

    @Test
    void selfInstructTasksGiveOneSeedPerInstance() throws Exception {
        Path file = DATA.resolve("self-instruct-seed-tasks.jsonl");
        long instances = 0;
        for (String line : Files.readAllLines(file)) {
            instances += Json.MAPPER.readTree(line).get("instances").size();
        }
        List<Conversation> seeds = SeedFiles.read(file, "seeds_file");
        assertEquals(instances, seeds.size());
        JsonNode first = Json.MAPPER.readTree(Files.readAllLines(file).get(0));
        assertTrue(seeds.get(0).textOf(ChatTurn.USER).startsWith(first.get("instruction").asText()));
        assertEquals(first.at("/instances/0/output").asText(), seeds.get(0).textOf(ChatTurn.ASSISTANT));
    }

    @Test
    void alpacaAndShareGptArraysAndOpenAiJsonlAllImport(@TempDir Path dir) throws Exception {
        assertEquals(999, SeedFiles.read(DATA.resolve("llamafactory-alpaca-en-demo.json"), "seeds_file").size());
        List<Conversation> toolCalls = SeedFiles.read(DATA.resolve("llamafactory-glaive-toolcall-en-demo.json"),
                "seeds_file");
        assertEquals(300, toolCalls.size());
        assertTrue(toolCalls.stream().anyMatch(c -> c.messages().stream().anyMatch(m -> !m.toolCalls().isEmpty())));
        Path openAi = dir.resolve("openai.jsonl");
        StringBuilder lines = new StringBuilder();
        for (Conversation c : toolCalls.subList(0, 5)) {
            lines.append(ExampleFormat.OPENAI.render(c)).append('\n');
        }
        Files.writeString(openAi, lines);
        List<Conversation> read = SeedFiles.read(openAi, "seeds_file");
        assertEquals(toolCalls.subList(0, 5).stream().map(Conversation::messages).toList(),
                read.stream().map(Conversation::messages).toList(), "the same turns");
        assertEquals(ExampleFormat.OPENAI, read.get(0).format(), "each seed keeps the record it was written as");
    }
}
