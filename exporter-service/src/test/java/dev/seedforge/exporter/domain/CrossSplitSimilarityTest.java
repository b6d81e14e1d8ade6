package dev.seedforge.exporter.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

class CrossSplitSimilarityTest {

    private static final List<String> TEXTS = List.of("", "one", "Refund the order placed on 3 May, please.",
            "Please refund the order placed on 3 May.", "Refund the order placed on 3 May, please, and the other one.",
            "What is the capital of France?", "what is the capital of france", "Ship it to Lyon by Friday at noon.",
            "我的订单已经一周了还没有到，请帮我查一下物流。", "我的订单已经两周了还没有到，请帮我查一下物流。");

    @Test
    void chineseIsComparedByCharacterShingles() {
        Set<String> a = CrossSplitSimilarity.shingles("我的订单已经一周了还没有到，请帮我查一下物流。");
        Set<String> b = CrossSplitSimilarity.shingles("我的订单已经两周了还没有到，请帮我查一下物流。");
        assertEquals(19, a.size());
        assertEquals(16.0 / 22, setJaccard(a, b), 1e-12);
    }

    @Test
    void theSharedHashesGiveTheJaccardOfTheShingleSets() {
        for (String x : TEXTS) {
            for (String y : TEXTS) {
                Set<String> a = CrossSplitSimilarity.shingles(x);
                Set<String> b = CrossSplitSimilarity.shingles(y);
                CrossSplitSimilarity.Best best = CrossSplitSimilarity.closest(List.of(CrossSplitSimilarity.hashed(b)),
                        List.of(CrossSplitSimilarity.hashed(a)));
                assertEquals(setJaccard(a, b), best.similarity(), 1e-12, x + " ~ " + y);
            }
        }
    }

    /**
     * Over random shingle sets drawn from a small vocabulary (so that pairs share many shingles, ties included), the
     * largest pair is the one every pair compared as sets gives, and among equals the first in validation order, then
     * train order.
     */
    @Test
    void theClosestPairIsTheLargestOfEveryPairComparedAsSetsFirstAmongEquals() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            List<Set<String>> train = randomSets(random, 1 + random.nextInt(30));
            List<Set<String>> validation = randomSets(random, 1 + random.nextInt(10));
            double best = -1;
            int bestValidation = -1;
            int bestTrain = -1;
            for (int v = 0; v < validation.size(); v++) {
                for (int t = 0; t < train.size(); t++) {
                    double similarity = setJaccard(validation.get(v), train.get(t));
                    if (similarity > best) {
                        best = similarity;
                        bestValidation = v;
                        bestTrain = t;
                    }
                }
            }
            CrossSplitSimilarity.Best found = CrossSplitSimilarity.closest(hashed(train), hashed(validation));
            assertEquals(best, found.similarity(), 1e-12, "round " + round);
            assertEquals(bestValidation, found.validation(), "round " + round);
            assertEquals(bestTrain, found.train(), "round " + round);
        }
    }

    private static List<Set<String>> randomSets(Random random, int count) {
        List<Set<String>> sets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Set<String> set = new HashSet<>();
            int size = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(12);
            for (int j = 0; j < size; j++) {
                set.add("w" + random.nextInt(20) + " w" + random.nextInt(3) + " w" + random.nextInt(2));
            }
            sets.add(set);
        }
        return sets;
    }

    private static List<long[]> hashed(List<Set<String>> sets) {
        return sets.stream().map(CrossSplitSimilarity::hashed).toList();
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
