package dev.seedforge.dedup.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.github.jelmerk.hnswlib.core.DistanceFunction;
import com.github.jelmerk.hnswlib.core.Item;
import com.github.jelmerk.hnswlib.core.SearchResult;
import com.github.jelmerk.hnswlib.core.hnsw.HnswIndex;

/**
 * One job's embeddings in an HNSW graph (hnswlib, inner product on unit vectors). Every hit is re-scored by its
 * exact cosine, so a threshold decision never rests on the graph's approximation, only the recall does.
 * <p>
 * The vectors themselves (384 floats, 1.5 KB each) live off the Java heap ({@link OffHeapRecords}); the graph's items
 * carry only a number, and its distance function reads the vectors there. The exact cosines that decide are computed
 * as before, in doubles over the same floats.
 */
public class VectorIndex {

    /** HNSW parameters: links per node, candidate list while building, candidate list while searching. */
    public record Params(int m, int efConstruction, int ef) {
        public static final Params DEFAULT = new Params(16, 100, 64);
    }

    /** The number that stands for the vector being searched for, which is not stored. */
    private static final int QUERY = -1;
    private static final Integer QUERY_REF = QUERY;

    /** A graph item: the vector's number in the store, which is also what the distance function is given. */
    record Entry(Integer id, int dimensions) implements Item<Integer, Integer> {
        @Override
        public Integer vector() {
            return id;
        }
    }

    private final Params params;
    private final List<String> origins = new ArrayList<>();
    private OffHeapRecords vectors;
    private int dimensions;
    /** The vector searched for while {@link #nearest} runs (the graph is used under this object's lock). */
    private float[] query;
    private HnswIndex<Integer, Integer, Entry, Float> graph;
    /** Where stored vectors are copied to be compared (used under this object's lock). */
    private float[] scratchA;
    /** The vector being added and its number, while {@link #add} runs. */
    private float[] adding;
    private int addingId = QUERY;
    private float[] scratchB;

    public VectorIndex(Params params) {
        this.params = params;
    }

    public synchronized int size() {
        return origins.size();
    }

    /** Native bytes the vectors take. */
    public synchronized long offHeapBytes() {
        return vectors == null ? 0 : vectors.bytes();
    }

    public synchronized void add(String originId, float[] vector) {
        if (graph == null) {
            dimensions = vector.length;
            vectors = new OffHeapRecords(dimensions * Float.BYTES);
            scratchA = new float[dimensions];
            scratchB = new float[dimensions];
            DistanceFunction<Integer, Float> distance = this::distance;
            graph = HnswIndex.newBuilder(dimensions, distance, 1024).withM(params.m())
                    .withEfConstruction(params.efConstruction()).withEf(params.ef()).build();
        } else if (vector.length != dimensions) {
            throw new IllegalArgumentException(
                    "vector has " + vector.length + " dimensions, the index " + dimensions);
        } else if (graph.size() == graph.getMaxItemCount()) {
            graph.resize(graph.getMaxItemCount() * 2);
        }
        int id = vectors.add();
        vectors.writeFloats(id, vector);
        origins.add(originId);
        // while the graph links the new vector, it is read from the caller's array rather than copied back
        adding = vector;
        addingId = id;
        try {
            graph.add(new Entry(id, dimensions));
        } finally {
            adding = null;
            addingId = QUERY;
        }
    }

    /** The {@code k} kept examples nearest to the vector by the graph, with exact cosines, nearest first. */
    public synchronized List<Neighbour> nearest(float[] vector, int k) {
        if (graph == null) {
            return List.of();
        }
        List<SearchResult<Entry, Float>> hits;
        query = vector;
        try {
            hits = graph.findNearest(QUERY_REF, k);
        } finally {
            query = null;
        }
        List<Neighbour> found = new ArrayList<>(k);
        for (SearchResult<Entry, Float> hit : hits) {
            int id = hit.item().id();
            found.add(new Neighbour(origins.get(id), cosine(vector, id)));
        }
        found.sort(Comparator.comparingDouble(Neighbour::similarity).reversed());
        return found;
    }

    /** Every kept example at or above the threshold, by exhaustive search: the benchmark's ground truth. */
    public synchronized List<Neighbour> exhaustive(float[] vector, double threshold) {
        List<Neighbour> found = new ArrayList<>();
        for (int i = 0; i < origins.size(); i++) {
            double similarity = cosine(vector, i);
            if (similarity >= threshold) {
                found.add(new Neighbour(origins.get(i), similarity));
            }
        }
        found.sort(Comparator.comparingDouble(Neighbour::similarity).reversed());
        return found;
    }

    /** The stored vector number {@code id}, copied to the heap. */
    public synchronized float[] vector(int id) {
        float[] vector = new float[dimensions];
        vectors.readFloats(id, vector);
        return vector;
    }

    /** As {@link TextEmbedder#cosine}, over the stored vector copied to the heap in one bulk copy. */
    private double cosine(float[] vector, int id) {
        vectors.readFloats(id, scratchB);
        return TextEmbedder.cosine(vector, scratchB);
    }

    /**
     * As hnswlib's {@code FLOAT_INNER_PRODUCT} (1 - the float dot product) over stored vectors, each copied in one
     * bulk copy to a scratch array first (faster than reading the buffer float by float).
     */
    Float distance(Integer a, Integer b) {
        return 1 - DotProducts.dot(floats(a, scratchA), floats(b, scratchB));
    }

    /** The vector numbered {@code id}: the one searched for, the one being added, or a stored one copied to scratch. */
    private float[] floats(int id, float[] scratch) {
        if (id == QUERY) {
            return query;
        }
        if (id == addingId) {
            return adding;
        }
        vectors.readFloats(id, scratch);
        return scratch;
    }
}
