package dev.seedforge.dedup.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.github.jelmerk.hnswlib.core.DistanceFunctions;
import com.github.jelmerk.hnswlib.core.Item;
import com.github.jelmerk.hnswlib.core.SearchResult;
import com.github.jelmerk.hnswlib.core.hnsw.HnswIndex;

/**
 * One job's embeddings in an HNSW graph (hnswlib, inner product on unit vectors). Every hit is re-scored by its
 * exact cosine, so a threshold decision never rests on the graph's approximation, only the recall does.
 */
public class VectorIndex {

    /** HNSW parameters: links per node, candidate list while building, candidate list while searching. */
    public record Params(int m, int efConstruction, int ef) {
        public static final Params DEFAULT = new Params(16, 100, 64);
    }

    record Entry(Integer id, float[] vector) implements Item<Integer, float[]> {
        @Override
        public int dimensions() {
            return vector.length;
        }
    }

    private final Params params;
    private final List<String> origins = new ArrayList<>();
    private final List<float[]> vectors = new ArrayList<>();
    private HnswIndex<Integer, float[], Entry, Float> graph;

    public VectorIndex(Params params) {
        this.params = params;
    }

    public synchronized int size() {
        return origins.size();
    }

    public synchronized void add(String originId, float[] vector) {
        if (graph == null) {
            graph = HnswIndex.newBuilder(vector.length, DistanceFunctions.FLOAT_INNER_PRODUCT, 1024)
                    .withM(params.m()).withEfConstruction(params.efConstruction()).withEf(params.ef()).build();
        } else if (graph.size() == graph.getMaxItemCount()) {
            graph.resize(graph.getMaxItemCount() * 2);
        }
        int id = origins.size();
        origins.add(originId);
        vectors.add(vector);
        graph.add(new Entry(id, vector));
    }

    /** The {@code k} kept examples nearest to the vector by the graph, with exact cosines, nearest first. */
    public synchronized List<Neighbour> nearest(float[] vector, int k) {
        if (graph == null) {
            return List.of();
        }
        List<Neighbour> found = new ArrayList<>(k);
        for (SearchResult<Entry, Float> hit : graph.findNearest(vector, k)) {
            found.add(new Neighbour(origins.get(hit.item().id()), TextEmbedder.cosine(vector, hit.item().vector())));
        }
        found.sort(Comparator.comparingDouble(Neighbour::similarity).reversed());
        return found;
    }

    /** Every kept example at or above the threshold, by exhaustive search: the benchmark's ground truth. */
    public synchronized List<Neighbour> exhaustive(float[] vector, double threshold) {
        List<Neighbour> found = new ArrayList<>();
        for (int i = 0; i < vectors.size(); i++) {
            double similarity = TextEmbedder.cosine(vector, vectors.get(i));
            if (similarity >= threshold) {
                found.add(new Neighbour(origins.get(i), similarity));
            }
        }
        found.sort(Comparator.comparingDouble(Neighbour::similarity).reversed());
        return found;
    }
}
