package dev.seedforge.console.domain;

import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.seedforge.contracts.Conversation;
import dev.seedforge.contracts.InvalidJobSpecException;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.SeedFiles;

/**
 * A spec as a person hands it to the console: pasted or uploaded YAML/JSON, and optionally an uploaded seeds file. The
 * generator's API takes one document and refuses server paths in {@code seeds_file}, so the uploaded file's seeds (read
 * by the contracts' {@link SeedFiles}, the one seed-file reader) are added to the spec's {@code seeds} and the
 * {@code seeds_file} entry is dropped. Everything else in the spec is left for the generator to judge.
 */
public final class SpecUpload {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private SpecUpload() {
    }

    /**
     * The document to submit. Without a seeds file the text goes as it is (the generator names every problem);
     * with one, the merged spec as JSON.
     *
     * @throws InvalidJobSpecException naming {@code spec} or {@code seeds_file} when either cannot be read
     */
    public static String document(String specText, Path seedsFile, String seedsFileName) {
        if (specText == null || specText.isBlank()) {
            throw new InvalidJobSpecException("spec", "paste a spec or choose a spec file");
        }
        if (seedsFile == null) {
            return specText;
        }
        JsonNode tree;
        try {
            tree = YAML.readTree(specText);
        } catch (JsonProcessingException e) {
            throw new InvalidJobSpecException("spec", "not valid YAML or JSON: " + e.getOriginalMessage());
        }
        if (!(tree instanceof ObjectNode spec)) {
            throw new InvalidJobSpecException("spec", "must be a mapping of fields");
        }
        // the file as the person knows it, not by the server's temporary path: its kind and its errors
        List<Conversation> seeds = SeedFiles.read(seedsFile,
                seedsFileName == null || seedsFileName.isBlank() ? seedsFile.getFileName().toString() : seedsFileName,
                "seeds_file");
        ArrayNode merged = spec.has("seeds") && spec.get("seeds").isArray() ? (ArrayNode) spec.get("seeds")
                : spec.putArray("seeds");
        seeds.forEach(seed -> merged.add(Json.MAPPER.valueToTree(seed)));
        spec.remove("seeds_file");
        try {
            return Json.MAPPER.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unwritable spec", e);
        }
    }
}
