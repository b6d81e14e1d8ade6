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

    @Test
    void aRequestAndItsReplyUnderOtherNamesReadAsAlpaca(@TempDir Path dir) throws Exception {
        Path gsm8k = DATA.resolve("gsm8k-train-first-20.jsonl");
        List<Conversation> problems = SeedFiles.read(gsm8k, "seeds_file");
        assertEquals(20, problems.size());
        JsonNode first = Json.MAPPER.readTree(Files.readAllLines(gsm8k).get(0));
        assertEquals(ExampleFormat.ALPACA, problems.get(0).format());
        assertEquals(first.get("question").asText(), problems.get(0).textOf(ChatTurn.USER));
        assertEquals(first.get("answer").asText(), problems.get(0).textOf(ChatTurn.ASSISTANT));
        assertTrue(problems.get(0).textOf(ChatTurn.ASSISTANT).endsWith("#### 72"), "the final answer line stays");

        Path dollyFile = DATA.resolve("dolly-15k-first-3.jsonl");
        List<Conversation> dolly = SeedFiles.read(dollyFile, "seeds_file");
        JsonNode virgin = Json.MAPPER.readTree(Files.readAllLines(dollyFile).get(0));
        JsonNode record = dolly.get(0).toJson();
        assertEquals(virgin.get("instruction").asText(), record.get("instruction").asText());
        assertEquals(virgin.get("context").asText(), record.get("input").asText(), "Dolly's context is the input");
        assertEquals(virgin.get("response").asText(), dolly.get(0).textOf(ChatTurn.ASSISTANT));
        assertEquals(List.of("instruction", "input", "output"), fields(record), "its category is not carried");
        assertEquals(List.of("instruction", "output"), fields(dolly.get(1).toJson()),
                "an empty context gives no input");
        assertEquals("Tope", dolly.get(1).textOf(ChatTurn.ASSISTANT));

        Path others = dir.resolve("others.jsonl");
        Files.writeString(others, """
                {"prompt": "Name a prime.", "response": "7"}
                {"query": "What is 6 x 7?", "response": "42", "type": "arithmetic"}
                {"input": "Translate 'cat' to French.", "output": "chat"}
                {"question": "How many legs has a spider?", "answer": 8, "system": "Answer with a number."}
                {"instruction": "Summarise.", "input": "A long text.", "response": "Short."}
                """);
        List<Conversation> read = SeedFiles.read(others, "seeds_file");
        assertEquals(List.of("Name a prime.", "What is 6 x 7?", "Translate 'cat' to French.",
                "How many legs has a spider?", "Summarise.\nA long text."),
                read.stream().map(c -> c.textOf(ChatTurn.USER)).toList());
        assertEquals(List.of("7", "42", "chat", "8", "Short."),
                read.stream().map(c -> c.textOf(ChatTurn.ASSISTANT)).toList());
        assertEquals("Answer with a number.", read.get(3).systemPrompt());

        Path noReply = dir.resolve("no-reply.jsonl");
        Files.writeString(noReply, """
                {"instruction": "a", "output": "b"}
                {"instruction": "When did Virgin Australia start operating?", "reply": "In 2000."}
                """);
        InvalidJobSpecException e = assertThrows(InvalidJobSpecException.class,
                () -> SeedFiles.read(noReply, "seeds_file"));
        assertEquals("seeds_file: no-reply.jsonl record 2: 'instruction' has no reply beside it: looked for 'output',"
                + " 'response', 'answer', 'assistant', 'completion', 'chosen'; got fields [instruction, reply]",
                e.errors().get(0).toString());

        Path nested = dir.resolve("nested.jsonl");
        Files.writeString(nested, "{\"question\": \"q\", \"answer\": {\"text\": \"a\"}}");
        InvalidJobSpecException object = assertThrows(InvalidJobSpecException.class,
                () -> SeedFiles.read(nested, "seeds_file"));
        assertEquals("nested.jsonl record 1: 'answer' must be text, got object", object.errors().get(0).message());
    }

    @Test
    void aPreferenceSetsPromptAndChosenAnswerAreASeedAndItsRejectedAnswerIsNot(@TempDir Path dir) throws Exception {
        Path trl = dir.resolve("pairs.jsonl");
        Files.writeString(trl,
                """
                        {"prompt": "What color is the sky?", "chosen": "It is blue.", "rejected": "It is green."}
                        {"prompt": [{"role": "user", "content": "What color is grass?"}], "chosen": [{"role": "assistant", "content": "Green."}], "rejected": [{"role": "assistant", "content": "Purple."}]}
                        """);
        List<Conversation> seeds = SeedFiles.read(trl, "seeds_file");
        assertEquals(ExampleFormat.ALPACA, seeds.get(0).format());
        assertEquals("What color is the sky?", seeds.get(0).textOf(ChatTurn.USER));
        assertEquals("It is blue.", seeds.get(0).textOf(ChatTurn.ASSISTANT));
        assertEquals(ExampleFormat.OPENAI, seeds.get(1).format(), "conversational records stay messages");
        assertEquals("What color is grass?", seeds.get(1).textOf(ChatTurn.USER));
        assertEquals("Green.", seeds.get(1).textOf(ChatTurn.ASSISTANT));
        assertTrue(seeds.stream().noneMatch(seed -> seed.toJson().toString().contains("rejected")),
                "the rejected answers are the teacher's to write");
    }

    @Test
    void aSpreadsheetSavedAsCsvOrTsvGivesOneSeedPerRow(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("seeds.csv");
        Files.writeString(csv, "\uFEFFinstruction,input,output\r\n"
                + "\"Write a haiku about autumn, in three lines.\",,\"Crimson leaves drift down,\nwhispering to the"
                + " ground:\n\"\"summer, goodbye.\"\"\"\r\n"
                + "Give a synonym.,happy,Joyful.\r\n");
        List<Conversation> seeds = SeedFiles.read(csv, "seeds_file");
        assertEquals(2, seeds.size());
        assertEquals("Write a haiku about autumn, in three lines.", seeds.get(0).textOf(ChatTurn.USER));
        assertEquals("Crimson leaves drift down,\nwhispering to the ground:\n\"summer, goodbye.\"",
                seeds.get(0).textOf(ChatTurn.ASSISTANT), "a quoted cell keeps its commas, quotes and lines");
        assertEquals(List.of("instruction", "output"), fields(seeds.get(0).toJson()), "an empty cell is no input");
        assertEquals("happy", seeds.get(1).toJson().get("input").asText());

        Path semicolons = dir.resolve("excel.csv");
        Files.writeString(semicolons, "question;answer\nWhat is 0,5 + 0,25?;0,75\n");
        Conversation decimal = SeedFiles.read(semicolons, "seeds_file").get(0);
        assertEquals("What is 0,5 + 0,25?", decimal.textOf(ChatTurn.USER), "a semicolon header separates by them");
        assertEquals("0,75", decimal.textOf(ChatTurn.ASSISTANT));

        Path tsv = dir.resolve("pairs.tsv");
        Files.writeString(tsv, "prompt\tresponse\nName a colour, any.\tBlue.\n");
        assertEquals("Name a colour, any.", SeedFiles.read(tsv, "seeds_file").get(0).textOf(ChatTurn.USER));

        Path ragged = dir.resolve("ragged.csv");
        Files.writeString(ragged, "instruction,output\na,b\nc,d,e\n");
        InvalidJobSpecException extra = assertThrows(InvalidJobSpecException.class,
                () -> SeedFiles.read(ragged, "seeds_file"));
        assertTrue(extra.errors().get(0).toString().startsWith("seeds_file: ragged.csv line 3 is not a row of the"
                + " header's columns"), extra.errors().get(0).toString());

        Path headerOnly = dir.resolve("empty.csv");
        Files.writeString(headerOnly, "instruction,output\n");
        assertEquals("seeds_file: empty.csv has a header row and no rows under it",
                assertThrows(InvalidJobSpecException.class, () -> SeedFiles.read(headerOnly, "seeds_file")).errors()
                        .get(0).toString());

        Path unknown = dir.resolve("unknown.csv");
        Files.writeString(unknown, "text,label\nGreat film,positive\n");
        assertEquals("seeds_file: unknown.csv record 1: an example needs 'messages' (openai), 'conversations'"
                + " (sharegpt) or 'instruction' (alpaca); got fields [text, label]; a seeds_file also reads a request"
                + " and its reply under 'instruction', 'question', 'prompt', 'query', 'input', 'user' and 'output',"
                + " 'response', 'answer', 'assistant', 'completion', 'chosen'",
                assertThrows(InvalidJobSpecException.class, () -> SeedFiles.read(unknown, "seeds_file")).errors()
                        .get(0).toString());
    }

    private static List<String> fields(JsonNode record) {
        List<String> names = new java.util.ArrayList<>();
        record.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
