package dev.seedforge.exporter.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import dev.seedforge.contracts.ChatTurn;
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.Json;

/**
 * The largest lexical similarity between any validation example and any training example, measured by the exporter
 * itself over every pair: the exact Jaccard similarity of the word 3-shingle sets (dedup's MinHash estimates the same
 * measure) of the compared text. Dedup's semantic neighbours cover only pairs above its related threshold; this
 * covers all of them, so the report can state a figure even when no related pair crosses the split.
 */
final class CrossSplitSimilarity {

    /** Beyond this many pairs the all-pairs comparison is skipped (it grows with the square of the size). */
    static final long MAX_PAIRS = 50_000_000L;
    private static final int SHINGLE_WORDS = 3;
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    /** {@code similarity} is null when a side is empty or the pairs exceed {@link #MAX_PAIRS}. */
    record Closest(Double similarity, String validationId, String trainId, long pairs) {
    }

    private CrossSplitSimilarity() {
    }

    static Closest of(List<Outcome> train, List<Outcome> validation, ExampleFormat format, String compare) {
        long pairs = (long) train.size() * validation.size();
        if (pairs == 0 || pairs > MAX_PAIRS) {
            return new Closest(null, null, null, pairs);
        }
        List<Set<String>> trainShingles = new ArrayList<>();
        train.forEach(o -> trainShingles.add(shingles(o, format, compare)));
        double best = -1;
        String bestValidation = null;
        String bestTrain = null;
        for (Outcome v : validation) {
            Set<String> a = shingles(v, format, compare);
            for (int t = 0; t < train.size(); t++) {
                double similarity = jaccard(a, trainShingles.get(t));
                if (similarity > best) {
                    best = similarity;
                    bestValidation = v.candidateId();
                    bestTrain = train.get(t).candidateId();
                }
            }
        }
        return new Closest(best, bestValidation, bestTrain, pairs);
    }

    static Set<String> shingles(String text) {
        List<String> words = new ArrayList<>();
        for (String word : NON_WORD.split(ExportedDuplicates.normalize(text))) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        Set<String> shingles = new HashSet<>();
        int size = Math.min(SHINGLE_WORDS, words.size());
        for (int start = 0; size > 0 && start + size <= words.size(); start++) {
            shingles.add(String.join(" ", words.subList(start, start + size)));
        }
        return shingles;
    }

    static double jaccard(Set<String> a, Set<String> b) {
        if (a.isEmpty() && b.isEmpty()) {
            return 1;
        }
        Set<String> smaller = a.size() <= b.size() ? a : b;
        Set<String> larger = smaller == a ? b : a;
        long common = smaller.stream().filter(larger::contains).count();
        return (double) common / (a.size() + b.size() - common);
    }

    private static Set<String> shingles(Outcome outcome, ExampleFormat format, String compare) {
        List<ChatTurn> turns;
        try {
            turns = format.turns(Json.MAPPER.readTree(outcome.exampleJson()));
        } catch (Exception e) {
            turns = List.of();
        }
        return shingles(ExportedDuplicates.compared(turns, compare));
    }
}
