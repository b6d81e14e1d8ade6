package dev.seedforge.simulator.domain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The Task API seed conversations and schemas of the test resources. */
public final class TaskApiSeeds {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private TaskApiSeeds() {
    }

    public static List<Example> seeds() {
        String jsonl = resource("task-api-seeds.jsonl");
        String array = "[" + String.join(",", jsonl.strip().split("\n")) + "]";
        List<Example> seeds = SeedParser.parseSeeds(array);
        if (seeds.size() != 7) {
            throw new IllegalStateException("expected 7 seeds, parsed " + seeds.size());
        }
        return seeds;
    }

    public static Example seed(int index) {
        return seeds().get(index);
    }

    public static JsonNode json(String name) {
        try {
            return MAPPER.readTree(resource(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String resource(String name) {
        try (InputStream in = TaskApiSeeds.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
