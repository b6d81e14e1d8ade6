package dev.seedforge.exporter.domain;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.seedforge.contracts.ChatTurn;
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.TextNormalizer;

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
        // the shingles of every example on every core: at the job's end the other stages are idle
        List<long[]> trainShingles = train.parallelStream().map(o -> hashed(shingles(o, format, compare))).toList();
        List<long[]> validationShingles = validation.parallelStream().map(o -> hashed(shingles(o, format, compare)))
                .toList();
        Best best = closest(trainShingles, validationShingles);
        return new Closest(best.similarity(), validation.get(best.validation()).candidateId(),
                train.get(best.train()).candidateId(), pairs);
    }

    /** The most similar pair by index: the first in validation order, then train order, among equals. */
    record Best(double similarity, int validation, int train) {
    }

    /**
     * The exact Jaccard of every validation-train pair of sorted distinct shingle hashes, and the largest. Each
     * validation set counts its shared shingles with every train set at once, through an inverted index of the train
     * sets (shingle hash to the train sets holding it): the work follows the shingles pairs share, not the number of
     * pairs times the sets' sizes as a merge per pair did. Neither side may be empty.
     */
    static Best closest(List<long[]> train, List<long[]> validation) {
        Map<Long, int[]> holders = holders(train);
        int[] common = new int[train.size()];
        int[] touched = new int[train.size()];
        double best = -1;
        int bestValidation = -1;
        int bestTrain = -1;
        for (int v = 0; v < validation.size(); v++) {
            long[] a = validation.get(v);
            int touchedCount = 0;
            for (long hash : a) {
                int[] holding = holders.get(hash);
                if (holding != null) {
                    for (int t : holding) {
                        if (common[t]++ == 0) {
                            touched[touchedCount++] = t;
                        }
                    }
                }
            }
            for (int t = 0; t < train.size(); t++) {
                int b = train.get(t).length;
                double similarity = a.length == 0 && b == 0 ? 1
                        : (double) common[t] / (a.length + b - common[t]);
                if (similarity > best) {
                    best = similarity;
                    bestValidation = v;
                    bestTrain = t;
                }
            }
            for (int i = 0; i < touchedCount; i++) {
                common[touched[i]] = 0;
            }
        }
        return new Best(best, bestValidation, bestTrain);
    }

    /** For each shingle hash, the train sets holding it, in ascending order. */
    private static Map<Long, int[]> holders(List<long[]> train) {
        Map<Long, Integer> counts = new HashMap<>();
        for (long[] set : train) {
            for (long hash : set) {
                counts.merge(hash, 1, Integer::sum);
            }
        }
        Map<Long, int[]> holders = new HashMap<>(counts.size() * 2);
        Map<Long, Integer> filled = new HashMap<>(counts.size() * 2);
        for (int t = 0; t < train.size(); t++) {
            for (long hash : train.get(t)) {
                int[] holding = holders.computeIfAbsent(hash, h -> new int[counts.get(h)]);
                holding[filled.merge(hash, 1, Integer::sum) - 1] = t;
            }
        }
        return holders;
    }

    static Set<String> shingles(String text) {
        List<String> words = TextNormalizer.INSTANCE.words(text);
        Set<String> shingles = new HashSet<>();
        int size = Math.min(SHINGLE_WORDS, words.size());
        for (int start = 0; size > 0 && start + size <= words.size(); start++) {
            shingles.add(String.join(" ", words.subList(start, start + size)));
        }
        return shingles;
    }

    /**
     * A shingle set as its sorted 64-bit FNV-1a hashes: pairs are compared millions of times, and counting shared longs
     * is far cheaper than set lookups of strings. Two different shingles sharing a hash (odds about 2^-64 a pair) would
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
