package dev.seedforge.console.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedforge.contracts.InvalidJobSpecException;
import dev.seedforge.contracts.Json;

class SpecUploadTest {

    private static final String SPEC = """
            name: tasks
            task: answer task requests
            format: openai
            target: 20
            seeds_file: seeds.jsonl
            seeds:
              - messages:
                  - {role: user, content: "Create a task"}
                  - {role: assistant, content: "Created task"}
            """;

    @Test
    void withoutASeedsFileTheTextGoesAsItIs() {
        assertEquals(SPEC, SpecUpload.document(SPEC, null, null));
    }

    @Test
    void anUploadedSeedsFileJoinsTheInlineSeedsAndReplacesSeedsFile(@TempDir Path dir) throws Exception {
        // two real Alpaca records from LLaMA-Factory's alpaca_en_demo (testdata/llamafactory-alpaca-en-demo.json; the first output cut short)
        Path seeds = Files.writeString(dir.resolve("upload-123.tmp"),
                """
                        {"instruction": "Describe a process of making crepes.", "input": "", "output": "Making crepes is an easy and delicious process!"}
                        {"instruction": "Transform the following sentence using a synonym: The car sped quickly.", "input": "", "output": "The car accelerated rapidly."}
                        """);

        JsonNode spec = Json.MAPPER.readTree(SpecUpload.document(SPEC, seeds, "seeds.jsonl"));

        assertEquals(3, spec.path("seeds").size());
        assertFalse(spec.has("seeds_file"));
        assertTrue(spec.path("seeds").get(1).toString().contains("Describe a process of making crepes."));
        assertEquals(20, spec.path("target").asInt());
    }

    @Test
    void anUploadedSpreadsheetIsReadAsOneByTheNameThePersonGaveIt(@TempDir Path dir) throws Exception {
        // the server keeps an upload under a name of its own: the person's name for it says it is CSV
        Path seeds = Files.writeString(dir.resolve("upload-456.tmp"), "question,answer\n\"How many legs, in all,"
                + " have two spiders?\",16\n");

        JsonNode spec = Json.MAPPER.readTree(SpecUpload.document(SPEC, seeds, "seeds.csv"));

        JsonNode uploaded = spec.path("seeds").get(1);
        assertEquals("How many legs, in all, have two spiders?", uploaded.path("instruction").asText());
        assertEquals("16", uploaded.path("output").asText());
    }

    @Test
    void aBrokenSeedsFileIsNamedByTheNameThePersonGaveIt(@TempDir Path dir) throws Exception {
        Path seeds = Files.writeString(dir.resolve("upload-123.tmp"),
                "{\"instruction\": \"ok\", \"output\": \"x\"}\nnot json\n");

        InvalidJobSpecException e = assertThrows(InvalidJobSpecException.class,
                () -> SpecUpload.document(SPEC, seeds, "my-seeds.jsonl"));

        assertEquals("seeds_file", e.errors().getFirst().field());
        assertTrue(e.errors().getFirst().message().contains("my-seeds.jsonl line 2"), e.errors().toString());
    }

    @Test
    void anEmptySpecNamesTheSpecField() {
        InvalidJobSpecException e = assertThrows(InvalidJobSpecException.class,
                () -> SpecUpload.document("  ", null, null));
        assertEquals("spec", e.errors().getFirst().field());
    }
}
