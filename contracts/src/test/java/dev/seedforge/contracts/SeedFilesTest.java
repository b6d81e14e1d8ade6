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

    @Test
    void openAisLegacyPromptCompletionRecordsReadAsAlpacaWithoutTheirSeparatorAndStop(@TempDir Path dir)
            throws Exception {
        Path t0 = dir.resolve("t0.jsonl");
        Files.write(t0, Files.readAllLines(DATA.resolve("t0-train-first-20.jsonl")).subList(0, 3));
        List<String> lines = Files.readAllLines(t0);
        List<Conversation> seeds = SeedFiles.read(t0, "seeds_file");
        assertEquals(3, seeds.size());
        JsonNode first = Json.MAPPER.readTree(lines.get(0));
        assertEquals(ExampleFormat.ALPACA, seeds.get(0).format());
        assertEquals(first.get("prompt").asText().strip(), seeds.get(0).textOf(ChatTurn.USER));
        assertTrue(first.get("completion").asText().endsWith("<|endoftext|>"), "T0's completions end with GPT's stop");
        assertEquals(first.get("completion").asText().replace("<|endoftext|>", "").strip(),
                seeds.get(0).textOf(ChatTurn.ASSISTANT), "without it");

        Path guide = dir.resolve("guide.jsonl");
        Files.writeString(guide, """
                {"prompt": "Company: BHFF insurance\\nProduct: allround insurance\\n\\n###\\n\\n", "completion": " Ad one END"}
                {"prompt": "Company: Acme\\nProduct: anvils\\n\\n###\\n\\n", "completion": " Ad two END"}
                """);
        List<Conversation> ads = SeedFiles.read(guide, "seeds_file");
        assertEquals("Company: BHFF insurance\nProduct: allround insurance", ads.get(0).textOf(ChatTurn.USER),
                "the separator every prompt ends with goes");
        assertEquals("Ad one", ads.get(0).textOf(ChatTurn.ASSISTANT), "the stop every completion ends with goes");

        Path mixed = dir.resolve("mixed.jsonl");
        Files.writeString(mixed, """
                {"prompt": "Rate this ###", "completion": " Fine END"}
                {"prompt": "Rate that ->", "completion": " Fine."}
                """);
        List<Conversation> rated = SeedFiles.read(mixed, "seeds_file");
        assertEquals("Rate this ###", rated.get(0).textOf(ChatTurn.USER),
                "a separator not every prompt ends with is text");
        assertEquals("Fine END", rated.get(0).textOf(ChatTurn.ASSISTANT));

        Path blank = dir.resolve("blank.jsonl");
        Files.writeString(blank, "{\"prompt\": \"a\", \"completion\": \"b\"}\n{\"prompt\": \" \", \"completion\": \"c\"}");
        InvalidJobSpecException e = assertThrows(InvalidJobSpecException.class,
                () -> SeedFiles.read(blank, "seeds_file"));
        assertEquals("seeds_file: blank.jsonl record 2: 'prompt' is empty (OpenAI's legacy prompt/completion record)",
                e.errors().get(0).toString());
    }
}
