package dev.seedforge.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
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

    @Test
    void aFileAWindowsEditorSavedReadsAndAnotherEncodingIsNamed(@TempDir Path dir) throws Exception {
        Path bom = dir.resolve("bom.jsonl");
        Files.write(bom, ("\uFEFF{\"instruction\": \"Grüße\", \"output\": \"Hallo\"}\r\n\r\n"
                + "{\"instruction\": \"b\", \"output\": \"c\"}").getBytes(StandardCharsets.UTF_8));
        List<Conversation> seeds = SeedFiles.read(bom, "seeds_file");
        assertEquals(2, seeds.size());
        assertEquals("Grüße", seeds.get(0).textOf(ChatTurn.USER));

        Path utf16 = dir.resolve("utf16.jsonl");
        Files.write(utf16, "\uFEFF{\"instruction\": \"a\", \"output\": \"b\"}".getBytes(StandardCharsets.UTF_16LE));
        InvalidJobSpecException wide = assertThrows(InvalidJobSpecException.class,
                () -> SeedFiles.read(utf16, "seeds_file"));
        assertEquals("seeds_file: utf16.jsonl is UTF-16 text; save it as UTF-8", wide.errors().get(0).toString());

        Path latin1 = dir.resolve("latin1.jsonl");
        Files.write(latin1, "{\"instruction\": \"Grüße\", \"output\": \"b\"}".getBytes(StandardCharsets.ISO_8859_1));
        InvalidJobSpecException latin = assertThrows(InvalidJobSpecException.class,
                () -> SeedFiles.read(latin1, "seeds_file"));
        assertEquals("latin1.jsonl is not UTF-8 text (byte 19 of 39); save it as UTF-8",
                latin.errors().get(0).message());
    }
}
