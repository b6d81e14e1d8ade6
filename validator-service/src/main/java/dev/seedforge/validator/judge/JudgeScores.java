package dev.seedforge.validator.judge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.seedforge.contracts.Json;

/**
 * The judge's scores for each candidate of one call, read strictly: anything missing or out of range is malformed.
 * The schema asks for {@code {"scores": {"example_0": {...}, "example_1": {...}}}}, an object with a required property
 * per example, which any schema-following model (the simulator included) fills completely; a list of entries naming
 * their {@code index} is read too.
 */
public record JudgeScores(List<Score> scores) {

    /** One candidate's scores (criterion to 1..10) and the judge's comment. */
    public record Score(Map<String, Integer> byCriterion, String comment) {
    }

    /** A judge answer that cannot be used; the call is retried. */
    public static class MalformedJudgeAnswerException extends RuntimeException {
        public MalformedJudgeAnswerException(String message) {
            super(message);
        }
    }

    public static JudgeScores parse(String text, List<String> criteria, int count) {
        JsonNode root;
        try {
            root = text == null ? null : Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new MalformedJudgeAnswerException("the judge's answer is not JSON: " + e.getOriginalMessage());
        }
        JsonNode entries = root == null ? null : root.get("scores");
        if (entries == null || !(entries.isObject() || entries.isArray())) {
            throw new MalformedJudgeAnswerException("the judge's answer has no 'scores'");
        }
        Score[] byIndex = new Score[count];
        if (entries.isObject()) {
            for (int i = 0; i < count; i++) {
                JsonNode entry = entries.get(key(i));
                if (entry != null) {
                    byIndex[i] = score(entry, i, criteria);
                }
            }
        } else {
            // the same entries as a list, each naming its example's index
            for (JsonNode entry : entries) {
                JsonNode index = entry.get("index");
                if (index == null || !index.canConvertToInt() || index.asInt() < 0 || index.asInt() >= count) {
                    throw new MalformedJudgeAnswerException("the judge scored an unknown example index " + index);
                }
                byIndex[index.asInt()] = score(entry, index.asInt(), criteria);
            }
        }
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (byIndex[i] == null) {
                missing.add(i);
            }
        }
        if (!missing.isEmpty()) {
            throw new MalformedJudgeAnswerException("the judge gave no scores for examples " + missing);
        }
        return new JudgeScores(Arrays.asList(byIndex));
    }

    /** The property of {@code scores} that holds the scores of the example numbered {@code index}. */
    public static String key(int index) {
        return "example_" + index;
    }

    private static Score score(JsonNode entry, int index, List<String> criteria) {
        Map<String, Integer> scores = new LinkedHashMap<>();
        for (String criterion : criteria) {
            JsonNode value = entry.get(criterion);
            if (value == null || !value.isIntegralNumber() || value.asInt() < 1 || value.asInt() > 10) {
                throw new MalformedJudgeAnswerException("example " + index + ": '" + criterion
                        + "' must be an integer from 1 to 10, got " + value);
            }
            scores.put(criterion, value.asInt());
        }
        return new Score(scores, entry.path("comment").asText(""));
    }
}
