package dev.seedforge.exporter.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.seedforge.contracts.ExampleFormat;

/** The exporter writes a dataset's files line by line as it renders them, and reads them back line by line. */
class StreamedFilesTest {

    @TempDir
    Path dir;

    @Test
    void eachLineIsOnDiskBeforeTheNextIsRendered() throws Exception {
        int lines = 200;
        String padding = "x".repeat(20_000); // above the writer's buffer: each line reaches the file on its own
        Path file = dir.resolve("train.jsonl");
        Iterator<String> rendered = new Iterator<>() {
            int next;

            @Override
            public boolean hasNext() {
                return next < lines;
            }

            @Override
            public String next() {
                try {
                    // a writer that renders the whole file first (a list of lines) finds nothing written yet here
                    long onDisk = Files.exists(file) ? Files.size(file) : 0;
                    assertTrue(onDisk >= (long) (next - 1) * padding.length(),
                            "line " + next + " rendered with only " + onDisk + " bytes written");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return "{\"n\":" + next++ + ",\"pad\":\"" + padding + "\"}";
            }
        };

        DatasetFile written = DatasetExporter.writeLines(dir, "train.jsonl", rendered);

        assertEquals(new DatasetFile("train.jsonl", lines), written);
        assertEquals(lines, Files.readAllLines(file).size());
    }

    @Test
    void readingBackNamesTheLinesAtFaultByTheirNumberInTheWholeFile() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 3_000; i++) {
            text.append(i == 2_345 ? "{\"messages\": ["
                    : i == 7 ? "[]"
                            : "{\"messages\":[{\"role\":\"user\","
                                    + "\"content\":\"q" + i + "\"},{\"role\":\"assistant\",\"content\":\"a" + i + "\"}]}")
                    .append('\n');
        }
        Files.writeString(dir.resolve("train.jsonl"), text);

        List<String> errors = DatasetExporter.create(dir.resolve("out"), new QualityGate(OptionalInt.empty(), 0.10))
                .checkFile(dir, "train.jsonl", ExampleFormat.OPENAI);

        assertEquals(2, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith("train.jsonl line 7: "), errors.get(0));
        assertTrue(errors.get(1).startsWith("train.jsonl line 2345: not valid JSON"), errors.get(1));
    }
}
