package dev.seedforge.contracts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads seed examples from a JSON array, a JSONL file or a spreadsheet saved as CSV or TSV, naming the record that
 * could not be read. Shapes no trainer format has are read as Alpaca: Self-Instruct's seed tasks, OpenAI's legacy
 * {@code prompt}/{@code completion} fine-tuning files, and a request and its reply under other names
 * ({@link RequestReplyRecords}).
 */
public final class SeedFiles {

    public static final long MAX_BYTES = 16L * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private SeedFiles() {
    }

    public static List<Conversation> read(Path file, String field) {
        return read(file, file.getFileName().toString(), field);
    }

    /**
     * As above, the file known by {@code name} (an upload's own name, not the server's temporary one): its kind (CSV,
     * TSV or JSON) and every error go by it.
     */
    public static List<Conversation> read(Path file, String name, String field) {
        String text;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new InvalidJobSpecException(field, name + " is " + size + " bytes; the limit is " + MAX_BYTES);
            }
            text = TextFiles.read(file, name, field);
        } catch (IOException e) {
            throw new InvalidJobSpecException(field, "cannot read " + file + ": " + e.getMessage());
        }
        List<JsonNode> records = SpreadsheetRows.isOne(name) ? SpreadsheetRows.read(text, name, field)
                : jsonRecords(text, name, field);
        List<Conversation> seeds = new ArrayList<>();
        LegacyCompletions legacy = LegacyCompletions.of(records);
        for (int i = 0; i < records.size(); i++) {
            try {
                if (records.get(i).has("instances")) {
                    seeds.addAll(selfInstructTask(records.get(i)));
                    continue;
                }
                if (LegacyCompletions.isOne(records.get(i))) {
                    seeds.add(Conversation.fromJson(legacy.asAlpaca(records.get(i))));
                    continue;
                }
                if (RequestReplyRecords.isOne(records.get(i))) {
                    seeds.add(Conversation.fromJson(RequestReplyRecords.asExample(records.get(i))));
                    continue;
                }
                String noReply = RequestReplyRecords.missingReply(records.get(i));
                if (noReply != null) {
                    throw new IllegalArgumentException(noReply);
                }
                seeds.add(Conversation.fromJson(records.get(i)));
            } catch (IllegalArgumentException e) {
                boolean noShape = records.get(i).isObject() && e.getMessage().startsWith("an example needs");
                throw new InvalidJobSpecException(field, name + " record " + (i + 1) + ": " + e.getMessage()
                        + (noShape ? "; " + RequestReplyRecords.names() : ""));
            }
        }
        return seeds;
    }

    private static List<JsonNode> jsonRecords(String text, String name, String field) {
        List<JsonNode> records = new ArrayList<>();
        String trimmed = text.stripLeading();
        try {
            if (trimmed.startsWith("[")) {
                JSON.readTree(trimmed).forEach(records::add);
            } else {
                String[] lines = text.split("\\R");
                for (int i = 0; i < lines.length; i++) {
                    if (!lines[i].isBlank()) {
                        try {
                            records.add(JSON.readTree(lines[i]));
                        } catch (JsonProcessingException e) {
                            throw new InvalidJobSpecException(field, name + " line " + (i + 1)
                                    + " is not valid JSON: " + e.getOriginalMessage());
                        }
                    }
                }
            }
        } catch (JsonProcessingException e) {
            throw new InvalidJobSpecException(field, name + " is not valid JSON: " + e.getOriginalMessage());
        }
        return records;
    }

    /**
     * A Self-Instruct seed task ({@code instruction}, {@code instances[{input, output}]}) gives one Alpaca record per
     * instance, instruction and input kept apart as the task wrote them.
     */
    static List<Conversation> selfInstructTask(JsonNode task) {
        String instruction = task.path("instruction").asText("");
        if (instruction.isBlank()) {
            throw new IllegalArgumentException("a Self-Instruct task needs an 'instruction'");
        }
        List<Conversation> examples = new ArrayList<>();
        for (JsonNode instance : task.get("instances")) {
            ObjectNode record = JSON.createObjectNode();
            record.put("instruction", instruction);
            record.put("input", instance.path("input").asText(""));
            record.put("output", instance.path("output").asText(""));
            examples.add(Conversation.fromJson(record));
        }
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("a Self-Instruct task needs at least one instance");
        }
        return examples;
    }
}
