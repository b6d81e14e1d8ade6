package dev.seedforge.dedup.domain;

import java.util.ArrayList;
import java.util.List;

import dev.seedforge.contracts.TextNormalizer;

/**
 * The detector chain as the service and the benchmark build it: exact, then MinHash, then embeddings (each of the
 * last two can be switched off), with in-memory indexes that the service fills from PostgreSQL. Given a model for
 * Chinese, mostly Chinese texts ({@link HanText}) are embedded by it into indexes of their own, and the rest by the
 * main model.
 */
public class DedupEngine {

    /** What the engine is built from; thresholds here are the defaults a job may override. */
    public record Settings(JobPolicy defaults, boolean lexical, int shingleWords, boolean semantic,
            VectorIndex.Params hnsw) {
    }

    private final DetectorChain chain;
    private final EmbeddingDuplicateDetector embeddings;
    private final EmbeddingDuplicateDetector hanEmbeddings;

    public DedupEngine(Settings settings, TextEmbedder embedder) {
        this(settings, embedder, null);
    }

    /** {@code hanEmbedder} null: the main model reads every text. */
    public DedupEngine(Settings settings, TextEmbedder embedder, TextEmbedder hanEmbedder) {
        TextNormalizer normalizer = new TextNormalizer();
        JobPolicies policies = new JobPolicies(settings.defaults());
        List<DuplicateDetector> detectors = new ArrayList<>();
        detectors.add(new ExactDuplicateDetector(normalizer, new InMemoryFingerprintIndex()));
        if (settings.lexical()) {
            detectors.add(new MinHashDuplicateDetector(new MinHasher(normalizer, settings.shingleWords()), policies));
        }
        boolean han = settings.semantic() && hanEmbedder != null;
        embeddings = !settings.semantic() ? null
                : han ? new EmbeddingDuplicateDetector(EmbeddingDuplicateDetector.NAME, text -> !HanText.isMostlyHan(text),
                        embedder, policies, settings.hnsw())
                        : new EmbeddingDuplicateDetector(embedder, policies, settings.hnsw());
        hanEmbeddings = han ? new EmbeddingDuplicateDetector(EmbeddingDuplicateDetector.NAME_HAN, HanText::isMostlyHan,
                hanEmbedder, policies, settings.hnsw()) : null;
        if (embeddings != null) {
            detectors.add(embeddings);
        }
        if (hanEmbeddings != null) {
            detectors.add(hanEmbeddings);
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
        if (hanEmbeddings != null) {
            hanEmbeddings.prepare(texts);
        }
    }

    /**
     * Embeds texts about to be decided a chunk ahead of their evaluation; the caller awaits each text before deciding
     * it (nothing to wait for without semantic dedup).
     */
    public EmbeddingLookahead prepareAhead(List<String> texts) {
        if (embeddings == null) {
            return EmbeddingLookahead.NONE;
        }
        return hanEmbeddings == null ? embeddings.prepareAhead(texts) : embeddings.prepareAhead(texts, this::prepare);
    }

    /** The main embedding detector, or null when semantic dedup is off. */
    public EmbeddingDuplicateDetector embeddings() {
        return embeddings;
    }
}
