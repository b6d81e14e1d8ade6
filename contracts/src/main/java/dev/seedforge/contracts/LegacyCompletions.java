package dev.seedforge.contracts;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * OpenAI's legacy fine-tuning records, {@code {"prompt": ..., "completion": ...}}, as Alpaca's instruction and output.
 * Its guide had every prompt end in a fixed separator ({@code ###} or {@code ->}) and every completion start with a
 * space and end in a fixed stop ({@code ###}, {@code END}, or GPT's own end of text, {@code <|endoftext|>}, as
 * Self-Instruct's T0 mixture has it); a separator or stop that every record of the file ends with is markup, not
 * text, and is left out.
 */
final class LegacyCompletions {

    private static final List<String> SEPARATORS = List.of("###", "->");
    private static final List<String> STOPS = List.of("<|endoftext|>", "###", "END");

    private final String separator;
    private final String stop;

    private LegacyCompletions(String separator, String stop) {
        this.separator = separator;
        this.stop = stop;
    }

    /** A record in the legacy shape: both fields and none of a trainer format's own. */
    static boolean isOne(JsonNode record) {
        return record.isObject() && record.has("prompt") && record.has("completion") && !record.has("messages")
                && !record.has("conversations") && !record.has("instruction");
    }

    /** The separator and stop the file's legacy records share, if any. */
    static LegacyCompletions of(List<JsonNode> records) {
        List<JsonNode> legacy = records.stream().filter(LegacyCompletions::isOne).toList();
        return new LegacyCompletions(shared(legacy, "prompt", SEPARATORS), shared(legacy, "completion", STOPS));
    }

    ObjectNode asAlpaca(JsonNode record) {
        ObjectNode alpaca = Json.MAPPER.createObjectNode();
        String instruction = without(text(record, "prompt"), separator);
        if (instruction.isEmpty()) {
            throw new IllegalArgumentException("'prompt' is empty (OpenAI's legacy prompt/completion record)");
        }
        alpaca.put("instruction", instruction);
        alpaca.put("output", without(text(record, "completion"), stop));
        return alpaca;
    }

    private static String shared(List<JsonNode> records, String field, List<String> candidates) {
        for (String candidate : candidates) {
            if (!records.isEmpty() && records.stream()
                    .allMatch(r -> r.path(field).isTextual() && r.get(field).asText().strip().endsWith(candidate))) {
                return candidate;
            }
        }
        return null;
    }

    private static String without(String text, String suffix) {
        String stripped = text.strip();
        if (suffix != null && stripped.endsWith(suffix)) {
            stripped = stripped.substring(0, stripped.length() - suffix.length()).strip();
        }
        return stripped;
    }

    private static String text(JsonNode record, String field) {
        JsonNode value = record.get(field);
        if (!value.isTextual()) {
            throw new IllegalArgumentException("'" + field + "' must be a string (OpenAI's legacy prompt/completion"
                    + " record), got " + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        return value.asText();
    }
}
