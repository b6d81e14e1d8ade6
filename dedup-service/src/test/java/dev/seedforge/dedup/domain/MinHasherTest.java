package dev.seedforge.dedup.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.seedforge.contracts.TextNormalizer;

class MinHasherTest {

    private final MinHasher hasher = new MinHasher(new TextNormalizer(), 3);

    @Test
    void normalisedEqualTextsHaveEqualSignatures() {
        assertArrayEquals(hasher.signature("Name three primary colors."), hasher.signature("  NAME three PRIMARY colors"));
        assertEquals(1.0, MinHasher.similarity(hasher.signature("a b c d"), hasher.signature("A  B C D")));
    }

    @Test
    void estimateTracksTheTrueJaccardOfTheShingles() {
        String base = "the quick brown fox jumps over the lazy dog near the quiet river bank in the early morning light";
        for (String other : List.of(
                base.replace("early", "late"),
                base.replace("quick brown", "slow grey"),
                base + " while birds sing",
                "a completely different sentence about databases and indexes and their many uses in practice")) {
            double truth = jaccard(shingles(base), shingles(other));
            double estimate = MinHasher.similarity(hasher.signature(base), hasher.signature(other));
            assertEquals(truth, estimate, 0.12, other);
        }
    }

    /**
     * Chinese is written without spaces: split at punctuation alone, these two texts were two "words" each, one of
     * them different, and shared nothing. Per character they share 16 of their 22 three-character shingles.
     */
    @Test
    void chineseTextsDifferingInOneCharacterAreNearDuplicates() {
        String base = "我的订单已经一周了还没有到，请帮我查一下物流。";
        String other = "我的订单已经两周了还没有到，请帮我查一下物流。";
        double estimate = MinHasher.similarity(hasher.signature(base), hasher.signature(other));
        assertEquals(16.0 / 22, estimate, 0.12);
        double unrelated = MinHasher.similarity(hasher.signature(base), hasher.signature("请问你们的门店周末营业时间是几点到几点？"));
        assertTrue(unrelated < 0.1, "unrelated " + unrelated);
    }

    @Test
    void signaturesSurviveTheirByteForm() {
        int[] signature = hasher.signature("Give three tips for staying healthy.");
        assertArrayEquals(signature, MinHasher.decode(MinHasher.encode(signature)));
    }

    @Test
    void detectorMatchesAtItsThresholdAndNotJustAbove() {
        String kept = "Give three tips for staying healthy and fit during the long winter months at home";
        String near = "Give three tips for staying healthy and fit during the long winter months at work";
        double estimate = MinHasher.similarity(hasher.signature(kept), hasher.signature(near));
        assertTrue(estimate > 0.6 && estimate < 1.0, "estimate " + estimate);
        for (double threshold : new double[] { estimate, Math.nextUp(estimate) }) {
            JobPolicies policies = new JobPolicies(new JobPolicy(threshold, 0.85, 0.7, 5, Set.of()));
            MinHashDuplicateDetector detector = new MinHashDuplicateDetector(hasher, policies);
            detector.remember("job", "c-1", kept).await().indefinitely();
            Optional<Match> match = detector.findMatch("job", near).await().indefinitely();
            if (threshold == estimate) {
                assertEquals(Optional.of(new Match("c-1", "minhash", estimate)), match);
            } else {
                assertEquals(Optional.empty(), match);
            }
        }
    }

    @Test
    void lshFindsTheBestOfManyKeptTexts() {
        MinHashDuplicateDetector detector = new MinHashDuplicateDetector(hasher,
                new JobPolicies(JobPolicy.DEFAULT));
        for (int i = 0; i < 2000; i++) {
            detector.remember("job", "c-" + i, "record number " + i + " describes item " + (i * 7919 % 1000)
                    + " of the warehouse inventory list for the northern region").await().indefinitely();
        }
        Match match = detector.findMatch("job",
                "record number 1234 describes item " + (1234 * 7919 % 1000)
                        + " of the warehouse inventory list for the northern region")
                .await().indefinitely().orElseThrow();
        assertEquals("c-1234", match.originId());
        assertEquals(1.0, match.similarity());
    }

    private static Set<String> shingles(String text) {
        String[] words = text.split(" ");
        Set<String> shingles = new HashSet<>();
        for (int i = 0; i + 3 <= words.length; i++) {
            shingles.add(words[i] + " " + words[i + 1] + " " + words[i + 2]);
        }
        return shingles;
    }

    private static double jaccard(Set<String> a, Set<String> b) {
        Set<String> union = new HashSet<>(a);
        union.addAll(b);
        Set<String> both = new HashSet<>(a);
        both.retainAll(b);
        return (double) both.size() / union.size();
    }
}
