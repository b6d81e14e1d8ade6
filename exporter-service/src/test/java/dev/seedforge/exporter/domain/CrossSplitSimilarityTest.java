package dev.seedforge.exporter.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class CrossSplitSimilarityTest {

    private static final List<String> TEXTS = List.of("", "one", "Refund the order placed on 3 May, please.",
            "Please refund the order placed on 3 May.", "Refund the order placed on 3 May, please, and the other one.",
            "What is the capital of France?", "what is the capital of france", "Ship it to Lyon by Friday at noon.");

    @Test
    void theMergeOfHashesGivesTheJaccardOfTheShingleSets() {
        for (String x : TEXTS) {
            for (String y : TEXTS) {
                Set<String> a = CrossSplitSimilarity.shingles(x);
                Set<String> b = CrossSplitSimilarity.shingles(y);
                assertEquals(setJaccard(a, b), CrossSplitSimilarity.jaccard(CrossSplitSimilarity.hashed(a),
                        CrossSplitSimilarity.hashed(b)), 1e-12, x + " ~ " + y);
            }
        }
    }

    private static double setJaccard(Set<String> a, Set<String> b) {
        if (a.isEmpty() && b.isEmpty()) {
            return 1;
        }
        Set<String> common = new HashSet<>(a);
        common.retainAll(b);
        return (double) common.size() / (a.size() + b.size() - common.size());
    }
}
