package dev.seedforge.dedup.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One job's MinHash signatures, banded for locality-sensitive lookup: {@link #BANDS} bands of {@link #ROWS} slots,
 * each band hashed to a bucket. Two texts of Jaccard similarity s share a bucket with probability
 * 1 - (1 - s^4)^32: 0.99999 at 0.7, effectively 1 at 0.8 and above. Buckets are chains in primitive arrays (no
 * boxing), so 55,000 signatures cost about 40 MB.
 */
public class LshIndex {

    public static final int BANDS = 32;
    public static final int ROWS = MinHasher.PERMUTATIONS / BANDS;

    private final List<String> origins = new ArrayList<>();
    private final List<int[]> signatures = new ArrayList<>();
    private final LongIntMap[] heads = new LongIntMap[BANDS];
    private int[][] next = new int[BANDS][64];

    public LshIndex() {
        for (int b = 0; b < BANDS; b++) {
            heads[b] = new LongIntMap();
        }
    }

    public synchronized int size() {
        return origins.size();
    }

    public synchronized void add(String originId, int[] signature) {
        int item = origins.size();
        origins.add(originId);
        signatures.add(signature);
        if (item == next[0].length) {
            for (int b = 0; b < BANDS; b++) {
                next[b] = Arrays.copyOf(next[b], item * 2);
            }
        }
        for (int b = 0; b < BANDS; b++) {
            long key = bandKey(signature, b);
            next[b][item] = heads[b].put(key, item);
        }
    }

    /** The kept example whose signature agrees most with this one, if it reaches {@code threshold}. */
    public synchronized Match best(int[] signature, double threshold, String method) {
        int bestItem = -1;
        double bestSimilarity = -1;
        int[] seen = new int[16];
        int seenCount = 0;
        for (int b = 0; b < BANDS; b++) {
            for (int item = heads[b].get(bandKey(signature, b)); item >= 0; item = next[b][item]) {
                if (contains(seen, seenCount, item)) {
                    continue;
                }
                if (seenCount == seen.length) {
                    seen = Arrays.copyOf(seen, seenCount * 2);
                }
                seen[seenCount++] = item;
                double similarity = MinHasher.similarity(signature, signatures.get(item));
                if (similarity >= threshold && similarity > bestSimilarity) {
                    bestSimilarity = similarity;
                    bestItem = item;
                }
            }
        }
        return bestItem < 0 ? null : new Match(origins.get(bestItem), method, bestSimilarity);
    }

    private static boolean contains(int[] items, int count, int item) {
        for (int i = 0; i < count; i++) {
            if (items[i] == item) {
                return true;
            }
        }
        return false;
    }

    private static long bandKey(int[] signature, int band) {
        long hash = band * 0x9e3779b97f4a7c15L;
        for (int r = band * ROWS; r < (band + 1) * ROWS; r++) {
            hash = (hash ^ signature[r]) * 0x100000001b3L;
            hash ^= hash >>> 29;
        }
        return hash;
    }

    /** Open-addressing map from a band's bucket key to the newest item in it (-1 when absent). */
    private static final class LongIntMap {
        private long[] keys = new long[128];
        private int[] values = new int[128];
        private boolean[] used = new boolean[128];
        private int size;

        int get(long key) {
            int mask = keys.length - 1;
            for (int i = slot(key, mask); used[i]; i = (i + 1) & mask) {
                if (keys[i] == key) {
                    return values[i];
                }
            }
            return -1;
        }

        /** Sets the key's value and returns the previous one, or -1. */
        int put(long key, int value) {
            if ((size + 1) * 2 > keys.length) {
                grow();
            }
            int mask = keys.length - 1;
            int i = slot(key, mask);
            for (; used[i]; i = (i + 1) & mask) {
                if (keys[i] == key) {
                    int previous = values[i];
                    values[i] = value;
                    return previous;
                }
            }
            used[i] = true;
            keys[i] = key;
            values[i] = value;
            size++;
            return -1;
        }

        private void grow() {
            long[] oldKeys = keys;
            int[] oldValues = values;
            boolean[] oldUsed = used;
            keys = new long[oldKeys.length * 2];
            values = new int[oldKeys.length * 2];
            used = new boolean[oldKeys.length * 2];
            int mask = keys.length - 1;
            for (int j = 0; j < oldKeys.length; j++) {
                if (oldUsed[j]) {
                    int i = slot(oldKeys[j], mask);
                    while (used[i]) {
                        i = (i + 1) & mask;
                    }
                    used[i] = true;
                    keys[i] = oldKeys[j];
                    values[i] = oldValues[j];
                }
            }
        }

        private static int slot(long key, int mask) {
            long h = key * 0x9e3779b97f4a7c15L;
            return (int) (h ^ (h >>> 32)) & mask;
        }
    }
}
