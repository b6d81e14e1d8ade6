package dev.seedforge.contracts.format;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.Reason;
import dev.seedforge.contracts.ReasonCode;

/**
 * Checks an example against the letter of its format, so that what the exporter writes loads in the trainer. The
 * validator checks each candidate with it and the exporter each line it wrote; the rules themselves are the formats'
 * ({@link OpenAiChat}, {@link ShareGpt}, {@link Alpaca}). An empty list means well-formed.
 */
public final class FormatChecker {

    public List<Reason> check(ExampleFormat format, JsonNode example) {
        Problems problems = new Problems();
        if (example == null || example.isMissingNode() || example.isNull()) {
            problems.add(ReasonCode.NOT_AN_OBJECT, "the example is empty; expected a " + format.id() + " record");
            return problems.reasons();
        }
        if (!example.isObject()) {
            problems.add(ReasonCode.NOT_AN_OBJECT,
                    "the example must be a JSON object, got " + Problems.kind(example));
            return problems.reasons();
        }
        String key = format.home().keyField();
        if (!example.has(key)) {
            ExampleFormat actual = formatOf(example);
            if (actual != null && actual != format) {
                problems.add(ReasonCode.FORMAT_MISMATCH, "the job's format is " + format.id() + " but the example is a "
                        + actual.id() + " record (it has '" + actual.home().keyField() + "', not '" + key + "')");
            } else {
                problems.add(ReasonCode.MISSING_FIELD, "the example has no '" + key + "'; a " + format.id()
                        + " record needs it");
            }
            return problems.reasons();
        }
        format.home().check(example, problems);
        return problems.reasons();
    }

    /** Reads written lines back the way a trainer would; every line at fault as "file line N: why". */
    public List<String> checkLines(String fileName, List<String> lines, ExampleFormat format) {
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            errors.addAll(checkLine(fileName, i + 1, lines.get(i), format));
        }
        return errors;
    }

    /**
     * One line read back, numbered {@code number} from 1: what is wrong with it as "file line N: why" (none: it is
     * well-formed). For readers that go through a file line by line instead of holding it whole.
     */
    public List<String> checkLine(String fileName, long number, String line, ExampleFormat format) {
        String where = fileName + " line " + number + ": ";
        JsonNode record;
        try {
            record = Records.JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return List.of(where + "not valid JSON: " + e.getOriginalMessage());
        }
        List<String> errors = new ArrayList<>();
        for (Reason reason : check(format, record)) {
            errors.add(where + reason.code() + ": " + reason.message());
        }
        return errors;
    }

    private static ExampleFormat formatOf(JsonNode example) {
        try {
            return ExampleFormat.detect(example);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
