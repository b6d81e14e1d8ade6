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
 * The answer is compact because the judge's output tokens cost four times its input: {@code {"scores": {"0": [9, 8,
 * 9], "1": [...]}, "weaknesses": [{"example": 1, "weakness": "..."}]}}, each example's scores in the rubric's order
 * under its index (about 7 tokens, where named criteria and an empty comment took 23), and a weakness only for an
 * example that falls short. A row of scores named by criterion is read too.
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

    public static final String WEAKNESSES = "weaknesses";

    public static JudgeScores parse(String text, List<String> criteria, int count) {
        JsonNode root;
        try {
            root = text == null ? null : Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new MalformedJudgeAnswerException("the judge's answer is not JSON: " + e.getOriginalMessage());
        }
        JsonNode rows = root == null ? null : root.get("scores");
        if (rows == null || !rows.isObject()) {
            throw new MalformedJudgeAnswerException("the judge's answer has no 'scores' object");
        }
        Map<Integer, String> weaknesses = weaknesses(root.get(WEAKNESSES), count);
        Score[] byIndex = new Score[count];
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            JsonNode row = rows.get(key(i));
            if (row == null) {
                missing.add(i);
            } else {
                byIndex[i] = new Score(scores(row, i, criteria), weaknesses.getOrDefault(i, ""));
            }
        }
        if (!missing.isEmpty()) {
            throw new MalformedJudgeAnswerException("the judge gave no scores for examples " + missing);
        }
        return new JudgeScores(Arrays.asList(byIndex));
    }

    /** The property of {@code scores} that holds the scores of the example numbered {@code index}. */
    public static String key(int index) {
        return Integer.toString(index);
    }

    private static Map<String, Integer> scores(JsonNode row, int index, List<String> criteria) {
        if (row.isArray() && row.size() != criteria.size()) {
            throw new MalformedJudgeAnswerException("example " + index + ": expected " + criteria.size()
                    + " scores (" + String.join(", ", criteria) + "), got " + row);
        }
        Map<String, Integer> scores = new LinkedHashMap<>();
        for (int c = 0; c < criteria.size(); c++) {
            JsonNode value = row.isArray() ? row.get(c) : row.get(criteria.get(c));
            if (value == null || !value.isIntegralNumber() || value.asInt() < 1 || value.asInt() > 10) {
                throw new MalformedJudgeAnswerException("example " + index + ": '" + criteria.get(c)
                        + "' must be an integer from 1 to 10, got " + value);
            }
            scores.put(criteria.get(c), value.asInt());
        }
        return scores;
    }

    /** A weakness naming an example the call did not show is the judge's slip, not a reason to retry the call. */
    private static Map<Integer, String> weaknesses(JsonNode entries, int count) {
        Map<Integer, String> byIndex = new LinkedHashMap<>();
        if (entries == null || !entries.isArray()) {
            return byIndex;
        }
        for (JsonNode entry : entries) {
            JsonNode index = entry.get("example");
            String text = entry.path("weakness").asText("").strip();
            if (index != null && index.canConvertToInt() && index.asInt() >= 0 && index.asInt() < count
                    && !text.isEmpty()) {
                byIndex.merge(index.asInt(), text, (a, b) -> a + "; " + b);
            }
        }
        return byIndex;
    }
}
