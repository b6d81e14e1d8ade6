package dev.seedforge.dedup.domain;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Predicate;

import io.smallrye.mutiny.Uni;

import dev.seedforge.contracts.DedupDecision;

/**
 * Semantic near-duplicates: the text's sentence embedding is looked up in the job's HNSW index and the nearest kept
 * example whose exact cosine reaches the job's threshold is the match. Embeddings are cached by text for a while, so
 * that deciding, storing and remembering one text embeds it once. A detector reads only the texts its model can
 * ({@code reads}); the others it neither matches, remembers nor measures, and another detector with its own model and
 * index does.
 */
public class EmbeddingDuplicateDetector implements DuplicateDetector {

    public static final String NAME = "embedding";
    /** The detector of mostly Chinese texts ({@link TextScript#HAN}), with a model that reads Chinese. */
    public static final String NAME_HAN = "embedding-han";
    /** More than a poll's texts (at most 200 records): a text is embedded once per batch; bounded, so the heap stays flat. */
    private static final int CACHE_SIZE = 1024;
    /** Hits asked of the graph: enough to find the related candidates behind seeds and references. */
    private static final int MIN_HITS = 10;
    /**
     * Texts embedded ahead of their evaluation at a time: long enough for the model's threads to stay busy (a chunk
     * takes about as long as evaluating it many times over), short enough that the first evaluation starts soon.
     */
    static final int LOOKAHEAD_CHUNK = 32;

    private final String name;
    private final Predicate<String> reads;
    private final TextEmbedder embedder;
    private final JobPolicies policies;
    private final VectorIndex.Params params;
    private final Map<String, VectorIndex> indexes = new ConcurrentHashMap<>();
    /**
     * How long a batch waits for a chunk embedded ahead before embedding its texts itself: far beyond a chunk's
     * embedding on a loaded machine (a second or two), so it only matters if the model's threads stall.
     */
    static final Duration LOOKAHEAD_PATIENCE = Duration.ofSeconds(30);

    /**
     * Hands chunks to the model (whose own queue takes them in the order given); platform daemon threads, named for
     * thread dumps, a stalled one never holding up the next chunk or the service's shutdown.
     */
    private final ExecutorService ahead = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "dedup-embedding-ahead");
        thread.setDaemon(true);
        return thread;
    });
    private volatile LastSearch lastSearch;
    private final Map<String, float[]> cache = new LinkedHashMap<>(CACHE_SIZE, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    public EmbeddingDuplicateDetector(TextEmbedder embedder, JobPolicies policies, VectorIndex.Params params) {
        this(NAME, text -> true, embedder, policies, params);
    }

    /** A detector named {@code name} (its fingerprints are stored under it) for the texts {@code reads} accepts. */
    public EmbeddingDuplicateDetector(String name, Predicate<String> reads, TextEmbedder embedder, JobPolicies policies,
            VectorIndex.Params params) {
        this.name = name;
        this.reads = reads;
        this.embedder = embedder;
        this.policies = policies;
        this.params = params;
    }

    @Override
    public String name() {
        return name;
    }

    /** Semantic, whichever model found it. */
    @Override
    public String method() {
        return DedupDecision.METHOD_SEMANTIC;
    }

    /** Whether this detector's model reads the text; the others it leaves to another detector. */
    public boolean reads(String text) {
        return reads.test(text);
    }

    /** Embeds the texts not yet cached in one batch, so the model can work on them together. */
    public void prepare(List<String> texts) {
        List<String> missing;
        synchronized (cache) {
            missing = texts.stream().filter(text -> !cache.containsKey(text) && reads(text)).distinct().toList();
        }
        if (missing.isEmpty()) {
            return;
        }
        List<float[]> vectors = embedder.embedAll(missing);
        synchronized (cache) {
            for (int i = 0; i < missing.size(); i++) {
                cache.put(missing.get(i), vectors.get(i));
            }
        }
    }

    /** Embeds the texts a chunk ahead of the caller, who asks for each before evaluating it (same cache as above). */
    public EmbeddingLookahead prepareAhead(List<String> texts) {
        return prepareAhead(texts, this::prepare);
    }

    /** As above, each chunk embedded by {@code embed} (this detector's and another's {@link #prepare}). */
    public EmbeddingLookahead prepareAhead(List<String> texts, Consumer<List<String>> embed) {
        return new EmbeddingLookahead(texts, LOOKAHEAD_CHUNK, embed, ahead, LOOKAHEAD_PATIENCE);
    }

    public float[] embedding(String text) {
        synchronized (cache) {
            float[] cached = cache.get(text);
            if (cached != null) {
                return cached;
            }
        }
        float[] vector = embedder.embed(text);
        synchronized (cache) {
            cache.put(text, vector);
        }
        return vector;
    }

    @Override
    public Uni<Optional<Match>> findMatch(String jobId, String text) {
        if (!reads(text)) {
            return Uni.createFrom().item(Optional.empty());
        }
        return Uni.createFrom().item(() -> match(jobId, embedding(text)));
    }

    public Optional<Match> match(String jobId, float[] vector) {
        double threshold = policies.of(jobId).semanticThreshold();
        for (Neighbour hit : hits(jobId, vector)) {
            if (hit.similarity() >= threshold) {
                return Optional.of(new Match(hit.originId(), DedupDecision.METHOD_SEMANTIC, round(hit.similarity())));
            }
        }
        return Optional.empty();
    }

    @Override
    public List<Neighbour> nearest(String jobId, String text, int max) {
        if (!reads(text)) {
            return List.of();
        }
        List<Neighbour> found = new ArrayList<>();
        for (Neighbour hit : hits(jobId, embedding(text))) {
            if (found.size() == max) {
                break;
            }
            found.add(new Neighbour(hit.originId(), round(hit.similarity())));
        }
        return found;
    }

    /**
     * The graph's nearest hits, enough for a match and for the related list behind seeds and references; the last
     * search is reused, since deciding a unique text asks for both.
     */
    private List<Neighbour> hits(String jobId, float[] vector) {
        VectorIndex index = indexes.get(jobId);
        if (index == null) {
            return List.of();
        }
        LastSearch last = lastSearch;
        if (last != null && last.vector() == vector && last.index() == index && last.size() == index.size()) {
            return last.hits();
        }
        int k = Math.max(MIN_HITS, 2 * (policies.of(jobId).maxRelated() + 8));
        List<Neighbour> hits = index.nearest(vector, k);
        lastSearch = new LastSearch(vector, index, index.size(), hits);
        return hits;
    }

    private record LastSearch(float[] vector, VectorIndex index, int size, List<Neighbour> hits) {
    }

    /** The job's index, for the benchmark's comparison with an exhaustive search. */
    public VectorIndex index(String jobId) {
        return indexes.get(jobId);
    }

    @Override
    public Uni<Void> remember(String jobId, String originId, String text) {
        return Uni.createFrom().item(() -> {
            byte[] fingerprint = fingerprintOf(text);
            if (fingerprint != null) {
                restore(jobId, originId, fingerprint);
            }
            return null;
        });
    }

    @Override
    public byte[] fingerprintOf(String text) {
        return reads(text) ? encode(embedding(text)) : null;
    }

    @Override
    public void restore(String jobId, String originId, byte[] fingerprint) {
        indexes.computeIfAbsent(jobId, id -> new VectorIndex(params)).add(originId, decode(fingerprint));
    }

    @Override
    public void forget(String jobId) {
        VectorIndex dropped = indexes.remove(jobId);
        LastSearch last = lastSearch;
        if (last != null && last.index() == dropped) {
            // the last search would otherwise keep a dropped job's whole index reachable
            lastSearch = null;
        }
    }

    public static byte[] encode(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES);
        buffer.asFloatBuffer().put(vector);
        return buffer.array();
    }

    public static float[] decode(byte[] bytes) {
        float[] vector = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).asFloatBuffer().get(vector);
        return vector;
    }

    /** Cosines are reported to six places: float arithmetic below that is noise. */
    private static double round(double similarity) {
        return Math.round(similarity * 1e6) / 1e6;
    }
}
