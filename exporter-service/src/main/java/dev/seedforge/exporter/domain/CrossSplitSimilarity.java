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
        List<long[]> trainShingles = new ArrayList<>();
        train.forEach(o -> trainShingles.add(hashed(shingles(o, format, compare))));
        double best = -1;
        String bestValidation = null;
        String bestTrain = null;
        for (Outcome v : validation) {
            long[] a = hashed(shingles(v, format, compare));
            for (int t = 0; t < train.size(); t++) {
                long[] b = trainShingles.get(t);
                // Jaccard never exceeds the smaller set's size over the larger's: most pairs need no merge
                if (a.length + b.length > 0
                        && (double) Math.min(a.length, b.length) / Math.max(a.length, b.length) <= best) {
                    continue;
                }
                double similarity = jaccard(a, b);
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

    /** Jaccard of two sorted arrays of distinct shingle hashes, by one merge. */
    static double jaccard(long[] a, long[] b) {
        if (a.length == 0 && b.length == 0) {
            return 1;
        }
        int i = 0;
        int j = 0;
        long common = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                common++;
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return (double) common / (a.length + b.length - common);
    }

    /**
     * A shingle set as its sorted 64-bit FNV-1a hashes: pairs are compared millions of times, and a merge of longs is
     * far cheaper than set lookups of strings. Two different shingles sharing a hash (odds about 2^-64 a pair) would
     * count as one.
     */
    static long[] hashed(Set<String> shingles) {
        return shingles.stream().mapToLong(CrossSplitSimilarity::fnv64).sorted().distinct().toArray();
    }

    private static long fnv64(String text) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            hash ^= text.charAt(i);
            hash *= 0x100000001b3L;
        }
        return hash;
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
