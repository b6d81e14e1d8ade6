package dev.seedforge.dedup.domain;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import dev.seedforge.contracts.TextNormalizer;

/**
 * MinHash signatures over word shingles of the normalised text ({@link TextNormalizer#words}). Each of the
 * {@link #PERMUTATIONS} slots keeps the
 * minimum of one 64-bit universal hash over the text's shingles; the share of equal slots of two signatures
 * estimates the Jaccard similarity of their shingle sets (standard error about 0.035 at 128 slots).
 */
public class MinHasher {

    public static final int PERMUTATIONS = 128;

    private final TextNormalizer normalizer;
    private final int shingleWords;
    private final long[] multipliers = new long[PERMUTATIONS];
    private final long[] offsets = new long[PERMUTATIONS];

    public MinHasher(TextNormalizer normalizer, int shingleWords) {
        if (shingleWords < 1) {
            throw new IllegalArgumentException("shingles need at least one word, got " + shingleWords);
        }
        this.normalizer = normalizer;
        this.shingleWords = shingleWords;
        // fixed seed: signatures stored in the database must stay comparable across restarts and releases
        SplittableRandom random = new SplittableRandom(0x5eedf0f9eL);
        for (int i = 0; i < PERMUTATIONS; i++) {
            multipliers[i] = random.nextLong() | 1L;
            offsets[i] = random.nextLong();
        }
    }

    public int[] signature(String text) {
        List<String> words = normalizer.words(text);
        int count = words.size();
        int[] signature = new int[PERMUTATIONS];
        Arrays.fill(signature, Integer.MAX_VALUE);
        if (count == 0) {
            return signature;
        }
        int size = Math.min(shingleWords, count);
        for (int start = 0; start + size <= count; start++) {
            long shingle = 0xcbf29ce484222325L;
            for (int w = start; w < start + size; w++) {
                shingle = fnv(shingle, words.get(w));
                shingle = (shingle ^ ' ') * 0x100000001b3L;
            }
            for (int i = 0; i < PERMUTATIONS; i++) {
                int hash = (int) ((mix(shingle * multipliers[i] + offsets[i])) >>> 33);
                if (hash < signature[i]) {
                    signature[i] = hash;
                }
            }
        }
        return signature;
    }

    /** The estimated Jaccard similarity: the share of slots where the two signatures agree. */
    public static double similarity(int[] a, int[] b) {
        int equal = 0;
        for (int i = 0; i < PERMUTATIONS; i++) {
            if (a[i] == b[i]) {
                equal++;
            }
        }
        return (double) equal / PERMUTATIONS;
    }

    public static byte[] encode(int[] signature) {
        ByteBuffer buffer = ByteBuffer.allocate(signature.length * Integer.BYTES);
        buffer.asIntBuffer().put(signature);
        return buffer.array();
    }

    public static int[] decode(byte[] bytes) {
        int[] signature = new int[bytes.length / Integer.BYTES];
        ByteBuffer.wrap(bytes).asIntBuffer().get(signature);
        return signature;
    }

    private static long fnv(long hash, String word) {
        for (int i = 0; i < word.length(); i++) {
            hash = (hash ^ word.charAt(i)) * 0x100000001b3L;
        }
        return hash;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
