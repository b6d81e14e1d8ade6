package dev.seedforge.dedup.domain;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One job's MinHash signatures, banded for locality-sensitive lookup: {@link #BANDS} bands of {@link #ROWS} slots,
 * each band hashed to a bucket. Two texts of Jaccard similarity s share a bucket with probability
 * 1 - (1 - s^4)^32: 0.99999 at 0.7, effectively 1 at 0.8 and above. Buckets are chains, and signatures, chains and
 * the bucket maps all live off the Java heap ({@link OffHeapRecords} and direct buffers): about 1.5 KB of native
 * memory per kept example, nothing per example on the heap but its origin id.
 */
public class LshIndex {

    public static final int BANDS = 32;
    public static final int ROWS = MinHasher.PERMUTATIONS / BANDS;
    /** A record: the signature's ints, then for each band the item before this one in its bucket (-1: none). */
    private static final int NEXT = MinHasher.PERMUTATIONS;

    private final List<String> origins = new ArrayList<>();
    private final OffHeapRecords items = new OffHeapRecords((MinHasher.PERMUTATIONS + BANDS) * Integer.BYTES);
    private final LongIntMap[] heads = new LongIntMap[BANDS];
    /** Where a stored signature is copied to be compared (used under this object's lock). */
    private final int[] scratch = new int[MinHasher.PERMUTATIONS];

    public LshIndex() {
        for (int b = 0; b < BANDS; b++) {
            heads[b] = new LongIntMap();
        }
    }

    public synchronized int size() {
        return origins.size();
    }

    /** Native bytes held: the records and the bucket maps. */
    public synchronized long offHeapBytes() {
        long bytes = items.bytes();
        for (LongIntMap map : heads) {
            bytes += map.bytes();
        }
        return bytes;
    }

    public synchronized void add(String originId, int[] signature) {
        if (signature.length != MinHasher.PERMUTATIONS) {
            throw new IllegalArgumentException(
                    "signature has " + signature.length + " slots, expected " + MinHasher.PERMUTATIONS);
        }
        int item = items.add();
        origins.add(originId);
        items.writeInts(item, signature);
        ByteBuffer chunk = items.chunk(item);
        int base = items.offset(item);
        for (int b = 0; b < BANDS; b++) {
            long key = bandKey(signature, b);
            chunk.putInt(base + (NEXT + b) * Integer.BYTES, heads[b].put(key, item));
        }
    }

    /** The kept example whose signature agrees most with this one, if it reaches {@code threshold}. */
    public synchronized Match best(int[] signature, double threshold, String method) {
        int bestItem = -1;
        double bestSimilarity = -1;
        int[] seen = new int[16];
        int seenCount = 0;
        for (int b = 0; b < BANDS; b++) {
            for (int item = heads[b].get(bandKey(signature, b)); item >= 0; item = next(item, b)) {
                if (contains(seen, seenCount, item)) {
                    continue;
                }
                if (seenCount == seen.length) {
                    seen = Arrays.copyOf(seen, seenCount * 2);
                }
                seen[seenCount++] = item;
                double similarity = similarity(signature, item);
                if (similarity >= threshold && similarity > bestSimilarity) {
                    bestSimilarity = similarity;
                    bestItem = item;
                }
            }
        }
        return bestItem < 0 ? null : new Match(origins.get(bestItem), method, bestSimilarity);
    }

    private int next(int item, int band) {
        return items.chunk(item).getInt(items.offset(item) + (NEXT + band) * Integer.BYTES);
    }

    /** {@link MinHasher#similarity} against a stored signature, copied to the heap in one bulk copy. */
    private double similarity(int[] signature, int item) {
        items.readInts(item, scratch);
        return MinHasher.similarity(signature, scratch);
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

    /**
     * Open-addressing map from a band's bucket key to the newest item in it (-1 when absent), in a direct buffer:
     * slots of a long key and an int value stored plus one, 0 marking an empty slot.
     */
    private static final class LongIntMap {
        private static final int SLOT = Long.BYTES + Integer.BYTES;
        private ByteBuffer slots = allocate(128);
        private int capacity = 128;
        private int size;

        private static ByteBuffer allocate(int capacity) {
            return ByteBuffer.allocateDirect(capacity * SLOT).order(ByteOrder.nativeOrder());
        }

        long bytes() {
            return (long) capacity * SLOT;
        }

        int get(long key) {
            int mask = capacity - 1;
            for (int i = slot(key, mask);; i = (i + 1) & mask) {
                int value = slots.getInt(i * SLOT + Long.BYTES);
                if (value == 0) {
                    return -1;
                }
                if (slots.getLong(i * SLOT) == key) {
                    return value - 1;
                }
            }
        }

        /** Sets the key's value and returns the previous one, or -1. */
        int put(long key, int value) {
            if ((size + 1) * 2 > capacity) {
                grow();
            }
            int mask = capacity - 1;
            for (int i = slot(key, mask);; i = (i + 1) & mask) {
                int stored = slots.getInt(i * SLOT + Long.BYTES);
                if (stored == 0) {
                    slots.putLong(i * SLOT, key);
                    slots.putInt(i * SLOT + Long.BYTES, value + 1);
                    size++;
                    return -1;
                }
                if (slots.getLong(i * SLOT) == key) {
                    slots.putInt(i * SLOT + Long.BYTES, value + 1);
                    return stored - 1;
                }
            }
        }

        private void grow() {
            ByteBuffer old = slots;
            int oldCapacity = capacity;
            capacity = oldCapacity * 2;
            slots = allocate(capacity);
            int mask = capacity - 1;
            for (int j = 0; j < oldCapacity; j++) {
                int value = old.getInt(j * SLOT + Long.BYTES);
                if (value != 0) {
                    long key = old.getLong(j * SLOT);
                    int i = slot(key, mask);
                    while (slots.getInt(i * SLOT + Long.BYTES) != 0) {
                        i = (i + 1) & mask;
                    }
                    slots.putLong(i * SLOT, key);
                    slots.putInt(i * SLOT + Long.BYTES, value);
                }
            }
        }

        private static int slot(long key, int mask) {
            long h = key * 0x9e3779b97f4a7c15L;
            return (int) (h ^ (h >>> 32)) & mask;
        }
    }
}
