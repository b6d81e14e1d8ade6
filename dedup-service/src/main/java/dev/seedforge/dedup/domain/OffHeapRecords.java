package dev.seedforge.dedup.domain;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Fixed-size records in direct (native) memory, allocated in chunks as they are added: a job's index grows here
 * instead of on the Java heap, so that the heap stays flat however many examples a job keeps. A chunk is freed when
 * the index that holds it is dropped and collected. Not thread-safe: the indexes that use it lock around it.
 */
final class OffHeapRecords {

    /** Chunks of about 1 MiB: few allocations for a big job, little unused memory for a small one. */
    private static final int CHUNK_BYTES = 1 << 20;

    private final int recordBytes;
    private final int perChunk;
    private final int shift;
    private final List<ByteBuffer> chunks = new ArrayList<>();
    private final List<FloatBuffer> floats = new ArrayList<>();
    private final List<IntBuffer> ints = new ArrayList<>();
    private int size;

    /** @param recordBytes the size of one record, in bytes */
    OffHeapRecords(int recordBytes) {
        if (recordBytes <= 0) {
            throw new IllegalArgumentException("recordBytes must be positive, was " + recordBytes);
        }
        this.recordBytes = recordBytes;
        // a power of two per chunk, so that a record's chunk and offset are a shift and a mask
        this.shift = 31 - Integer.numberOfLeadingZeros(Math.max(1, CHUNK_BYTES / recordBytes));
        this.perChunk = 1 << shift;
    }

    int size() {
        return size;
    }

    /** Appends a zeroed record and returns its index. */
    int add() {
        if (size == chunks.size() * perChunk) {
            ByteBuffer chunk = ByteBuffer.allocateDirect(perChunk * recordBytes).order(ByteOrder.nativeOrder());
            chunks.add(chunk);
            floats.add(chunk.asFloatBuffer());
            ints.add(chunk.asIntBuffer());
        }
        return size++;
    }

    /** The chunk holding record {@code index}; read it at {@link #offset}. */
    ByteBuffer chunk(int index) {
        return chunks.get(index >>> shift);
    }

    /** Where record {@code index} starts in its chunk, in bytes. */
    int offset(int index) {
        return (index & (perChunk - 1)) * recordBytes;
    }

    /** Writes the floats at the start of record {@code index}, in one copy. */
    void writeFloats(int index, float[] from) {
        floats.get(index >>> shift).put(offset(index) / Float.BYTES, from);
    }

    /** Writes the ints at the start of record {@code index}, in one copy. */
    void writeInts(int index, int[] from) {
        ints.get(index >>> shift).put(offset(index) / Integer.BYTES, from);
    }

    /** Copies {@code into.length} floats of record {@code index} (from its start) into the array, in one copy. */
    void readFloats(int index, float[] into) {
        floats.get(index >>> shift).get(offset(index) / Float.BYTES, into, 0, into.length);
    }

    /** Copies {@code into.length} ints of record {@code index} (from its start) into the array, in one copy. */
    void readInts(int index, int[] into) {
        ints.get(index >>> shift).get(offset(index) / Integer.BYTES, into, 0, into.length);
    }

    /** Native bytes held (whole chunks). */
    long bytes() {
        return (long) chunks.size() * perChunk * recordBytes;
    }
}
