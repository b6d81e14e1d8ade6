package dev.seedforge.validator.domain;

import static dev.seedforge.validator.domain.Problems.absent;
import static dev.seedforge.validator.domain.Problems.kind;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Alpaca: non-empty {@code instruction} and {@code output} strings, {@code input} and {@code system} strings when
 * present, {@code history} a list of {@code [instruction, response]} string pairs when present.
 */
final class AlpacaRules implements FormatRules {

    @Override
    public void check(JsonNode record, Problems problems) {
        requireText(record, "instruction", problems);
        optionalText(record, "input", problems);
        optionalText(record, "system", problems);
        requireText(record, "output", problems);
        JsonNode history = record.get("history");
        if (history == null) {
            return;
        }
        if (!history.isArray()) {
            problems.add(ReasonCode.WRONG_TYPE,
                    "history must be an array of [instruction, response] pairs, got " + kind(history));
            return;
        }
        for (int i = 0; i < history.size(); i++) {
            JsonNode pair = history.get(i);
            String where = "history[" + i + "]";
            if (!pair.isArray() || pair.size() != 2) {
                problems.add(ReasonCode.WRONG_TYPE, where + " must be a pair [instruction, response], got "
                        + (pair.isArray() ? "an array of " + pair.size() : kind(pair)));
                continue;
            }
            pairPart(pair.get(0), where + " instruction", problems);
            pairPart(pair.get(1), where + " response", problems);
        }
    }

    private static void requireText(JsonNode record, String field, Problems problems) {
        JsonNode value = record.get(field);
        if (absent(value)) {
            problems.add(ReasonCode.MISSING_FIELD, "the example has no '" + field + "'");
        } else if (!value.isTextual()) {
            problems.add(ReasonCode.WRONG_TYPE, field + " must be a string, got " + kind(value));
        } else if (value.asText().isBlank()) {
            problems.add(ReasonCode.EMPTY_TURN, field + " is empty");
        }
    }

    private static void optionalText(JsonNode record, String field, Problems problems) {
        JsonNode value = record.get(field);
        if (value != null && !value.isTextual()) {
            problems.add(ReasonCode.WRONG_TYPE, field + " must be a string (\"\" for none), got " + kind(value));
        }
    }

    private static void pairPart(JsonNode part, String where, Problems problems) {
        if (!part.isTextual()) {
            problems.add(ReasonCode.WRONG_TYPE, where + " must be a string, got " + kind(part));
        } else if (part.asText().isBlank()) {
            problems.add(ReasonCode.EMPTY_TURN, where + " is empty");
        }
    }
}
