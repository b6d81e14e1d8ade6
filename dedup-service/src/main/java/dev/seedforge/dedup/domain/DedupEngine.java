package dev.seedforge.dedup.domain;

import java.util.ArrayList;
import java.util.List;

import dev.seedforge.contracts.TextNormalizer;

/**
 * The detector chain as the service and the benchmark build it: exact, then MinHash, then embeddings (each of the
 * last two can be switched off), with in-memory indexes that the service fills from PostgreSQL.
 */
public class DedupEngine {

    /** What the engine is built from; thresholds here are the defaults a job may override. */
    public record Settings(JobPolicy defaults, boolean lexical, int shingleWords, boolean semantic,
            VectorIndex.Params hnsw) {
    }

    private final DetectorChain chain;
    private final EmbeddingDuplicateDetector embeddings;

    public DedupEngine(Settings settings, TextEmbedder embedder) {
        TextNormalizer normalizer = new TextNormalizer();
        JobPolicies policies = new JobPolicies(settings.defaults());
        List<DuplicateDetector> detectors = new ArrayList<>();
        detectors.add(new ExactDuplicateDetector(normalizer, new InMemoryFingerprintIndex()));
        if (settings.lexical()) {
            detectors.add(new MinHashDuplicateDetector(new MinHasher(normalizer, settings.shingleWords()), policies));
        }
        embeddings = settings.semantic() ? new EmbeddingDuplicateDetector(embedder, policies, settings.hnsw()) : null;
        if (embeddings != null) {
            detectors.add(embeddings);
        }
        chain = new DetectorChain(detectors, policies);
    }

    public DetectorChain chain() {
        return chain;
    }

    /** Embeds texts about to be decided in one batch (no-op without semantic dedup). */
    public void prepare(List<String> texts) {
        if (embeddings != null) {
            embeddings.prepare(texts);
        }
    }

    /**
     * Embeds texts about to be decided a chunk ahead of their evaluation; the caller awaits each text before deciding
     * it (nothing to wait for without semantic dedup).
     */
    public EmbeddingLookahead prepareAhead(List<String> texts) {
        return embeddings != null ? embeddings.prepareAhead(texts) : EmbeddingLookahead.NONE;
    }

    /** The embedding detector, or null when semantic dedup is off. */
    public EmbeddingDuplicateDetector embeddings() {
        return embeddings;
    }
}
