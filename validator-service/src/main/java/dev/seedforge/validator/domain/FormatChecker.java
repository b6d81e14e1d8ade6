package dev.seedforge.validator.domain;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.Reason;

/**
 * Checks an example against the letter of its export format, so that what the exporter writes loads in the trainer.
 * Every problem found comes back as a {@link Reason} with a {@link ReasonCode}; an empty list means well-formed.
 */
public class FormatChecker {

    private static final Map<ExampleFormat, String> KEY_FIELD = Map.of(ExampleFormat.SHAREGPT, "conversations",
            ExampleFormat.OPENAI, "messages", ExampleFormat.ALPACA, "instruction");
    private static final Map<ExampleFormat, FormatRules> RULES = Map.of(ExampleFormat.SHAREGPT, new ShareGptRules(),
            ExampleFormat.OPENAI, new OpenAiRules(), ExampleFormat.ALPACA, new AlpacaRules());

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
        String key = KEY_FIELD.get(format);
        if (!example.has(key)) {
            ExampleFormat actual = formatOf(example);
            if (actual != null && actual != format) {
                problems.add(ReasonCode.FORMAT_MISMATCH, "the job's format is " + format.id() + " but the example is a "
                        + actual.id() + " record (it has '" + KEY_FIELD.get(actual) + "', not '" + key + "')");
            } else {
                problems.add(ReasonCode.MISSING_FIELD, "the example has no '" + key + "'; a " + format.id()
                        + " record needs it");
            }
            return problems.reasons();
        }
        RULES.get(format).check(example, problems);
        return problems.reasons();
    }

    private static ExampleFormat formatOf(JsonNode example) {
        try {
            return ExampleFormat.detect(example);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
