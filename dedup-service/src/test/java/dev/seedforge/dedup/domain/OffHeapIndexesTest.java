package dev.seedforge.dedup.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.github.jelmerk.hnswlib.core.DistanceFunctions;

import dev.seedforge.contracts.DedupDecision;
import dev.seedforge.contracts.TextNormalizer;

/**
 * The indexes that keep a job's vectors, signatures and buckets off the heap: what is stored reads back bit for bit,
 * the graph's distances are hnswlib's own (up to float rounding), searches agree with an exhaustive scan over the same vectors
 * held on the
 * heap, and a fresh engine restored from the fingerprints decides as the one that learned them. Fixtures span
 * several 1 MiB chunks.
 */
class OffHeapIndexesTest {

    private static final int DIMENSIONS = 384;

    @Test
    void vectorsReadBackAndDistancesAreHnswlibsOwn() {
        List<float[]> vectors = randomUnitVectors(1_500, 1);
        VectorIndex index = filled(vectors);
        assertEquals(1_500, index.size());
        assertTrue(index.offHeapBytes() >= 1_500L * DIMENSIONS * Float.BYTES, "vectors are held off the heap");
        for (int id : new int[] { 0, 511, 512, 1_023, 1_024, 1_499 }) {
            assertArrayEquals(vectors.get(id), index.vector(id), "vector " + id);
        }
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            int a = random.nextInt(vectors.size());
            int b = random.nextInt(vectors.size());
            // SIMD lanes (or four running sums) instead of one sum: equal up to float rounding
            assertEquals(DistanceFunctions.FLOAT_INNER_PRODUCT.distance(vectors.get(a), vectors.get(b)),
                    index.distance(a, b), 1e-5, "distance " + a + ", " + b);
        }
    }

    @Test
    void searchesAgreeWithAnExhaustiveScanOverHeapVectors() {
        List<float[]> vectors = randomUnitVectors(2_000, 2);
        VectorIndex index = filled(vectors);
        List<float[]> queries = new ArrayList<>();
        Random random = new Random(3);
        for (int i = 0; i < 50; i++) {
            // a near copy of a stored vector, so that each query has a clear nearest neighbour
            float[] base = vectors.get(random.nextInt(vectors.size()));
            float[] query = new float[DIMENSIONS];
            for (int d = 0; d < DIMENSIONS; d++) {
                query[d] = base[d] + (float) random.nextGaussian() * 0.01f;
            }
            queries.add(TextEmbedder.normalise(query));
        }
        int agreeing = 0;
        for (float[] query : queries) {
            String expectedOrigin = null;
            double expected = -2;
            for (int i = 0; i < vectors.size(); i++) {
                double cosine = TextEmbedder.cosine(query, vectors.get(i));
                if (cosine > expected) {
                    expected = cosine;
                    expectedOrigin = "c-" + i;
                }
            }
            List<Neighbour> exhaustive = index.exhaustive(query, expected);
            assertEquals(expectedOrigin, exhaustive.get(0).originId());
            assertEquals(expected, exhaustive.get(0).similarity(), 0.0, "exhaustive cosine is the heap one");
            Neighbour nearest = index.nearest(query, 10).get(0);
            if (nearest.originId().equals(expectedOrigin)) {
                agreeing++;
                assertEquals(expected, nearest.similarity(), 0.0, "graph hit re-scored by its exact cosine");
            }
        }
        assertTrue(agreeing >= 49, "the graph finds the nearest vector for " + agreeing + " of 50 queries");
    }

    @Test
    void aVectorOfOtherDimensionsIsRefused() {
        VectorIndex index = filled(randomUnitVectors(3, 4));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> index.add("c-x", new float[8]));
        assertTrue(error.getMessage().contains("dimensions"), error.getMessage());
    }

    @Test
    void lshFindsTheBestSignatureAsAScanDoes() {
        MinHasher hasher = new MinHasher(new TextNormalizer(), 3);
        Random random = new Random(5);
        List<String> words = List.of("create", "task", "review", "budget", "quarterly", "priority", "high", "due",
                "friday", "update", "delete", "list", "complete", "meeting", "notes", "report", "draft", "send");
        List<int[]> signatures = new ArrayList<>();
        LshIndex index = new LshIndex();
        for (int i = 0; i < 3_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < 12; w++) {
                text.append(words.get(random.nextInt(words.size()))).append(' ');
            }
            int[] signature = hasher.signature(text.toString());
            signatures.add(signature);
            index.add("c-" + i, signature);
        }
        assertEquals(3_000, index.size());
        assertTrue(index.offHeapBytes() > 3_000L * MinHasher.PERMUTATIONS * Integer.BYTES);
        for (int q = 0; q < 300; q += 7) {
            int[] query = signatures.get(q);
            double best = -1;
            for (int[] signature : signatures) {
                best = Math.max(best, MinHasher.similarity(query, signature));
            }
            Match match = index.best(query, 0.8, "minhash");
            assertNotNull(match, "a stored signature finds at least itself");
            assertEquals(best, match.similarity(), 0.0, "query " + q);
            int found = Integer.parseInt(match.originId().substring(2));
            assertEquals(best, MinHasher.similarity(query, signatures.get(found)), 0.0);
        }
        int[] unrelated = hasher.signature("an entirely different sentence about weather in the mountains");
        assertNull(index.best(unrelated, 0.8, "minhash"));
    }

    @Test
    void aFreshEngineRestoredFromFingerprintsDecidesTheSame() {
        Map<String, float[]> vectors = new LinkedHashMap<>();
        List<String> texts = new ArrayList<>();
        Random random = new Random(9);
        List<float[]> bases = randomUnitVectors(700, 10);
        for (int i = 0; i < 1_400; i++) {
            // every other text a near copy of an earlier one, in words and in its vector
            boolean copy = i % 2 == 1;
            int of = copy ? random.nextInt(i) / 2 : i / 2;
            String text = "request " + of + " about item " + (of * 31 % 97) + (copy ? " please now" : " now");
            float[] vector = bases.get(of).clone();
            if (copy) {
                vector[random.nextInt(DIMENSIONS)] += 0.05f;
            }
            texts.add(text);
            vectors.put(text, TextEmbedder.normalise(vector));
        }
        TextEmbedder embedder = vectors::get;
        DedupEngine.Settings settings = new DedupEngine.Settings(JobPolicy.DEFAULT, true, 3, true,
                VectorIndex.Params.DEFAULT);
        DedupEngine learned = new DedupEngine(settings, embedder);
        Map<String, Map<String, byte[]>> database = new LinkedHashMap<>();
        int duplicates = 0;
        for (int i = 0; i < 1_000; i++) {
            DetectorChain.Evaluation evaluation = learned.chain().evaluate("job", "c-" + i, texts.get(i)).await()
                    .indefinitely();
            if (evaluation.decision().status() == DedupDecision.Status.UNIQUE) {
                learned.chain().restore("job", "c-" + i, evaluation.fingerprints());
                database.put("c-" + i, evaluation.fingerprints());
            } else {
                duplicates++;
            }
        }
        assertTrue(duplicates > 100, "the fixture has duplicates: " + duplicates);
        DedupEngine restored = new DedupEngine(settings, embedder);
        database.forEach((origin, fingerprints) -> restored.chain().restore("job", origin, fingerprints));
        for (int i = 1_000; i < texts.size(); i++) {
            DedupDecision expected = learned.chain().evaluate("job", "c-" + i, texts.get(i)).await().indefinitely()
                    .decision();
            DedupDecision actual = restored.chain().evaluate("job", "c-" + i, texts.get(i)).await().indefinitely()
                    .decision();
            assertEquals(expected.status(), actual.status(), texts.get(i));
            assertEquals(expected.duplicateOf(), actual.duplicateOf(), texts.get(i));
            assertEquals(expected.method(), actual.method(), texts.get(i));
            assertEquals(expected.similarity(), actual.similarity(), texts.get(i));
        }
        restored.chain().forget("job");
        assertEquals(DedupDecision.Status.UNIQUE,
                restored.chain().evaluate("job", "c-x", texts.get(0)).await().indefinitely().decision().status(),
                "a forgotten job remembers nothing");
    }

    private static VectorIndex filled(List<float[]> vectors) {
        VectorIndex index = new VectorIndex(VectorIndex.Params.DEFAULT);
        for (int i = 0; i < vectors.size(); i++) {
            index.add("c-" + i, vectors.get(i));
        }
        return index;
    }

    private static List<float[]> randomUnitVectors(int count, long seed) {
        Random random = new Random(seed);
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            float[] vector = new float[DIMENSIONS];
            for (int d = 0; d < DIMENSIONS; d++) {
                vector[d] = (float) random.nextGaussian();
            }
            vectors.add(TextEmbedder.normalise(vector));
        }
        return vectors;
    }
}
