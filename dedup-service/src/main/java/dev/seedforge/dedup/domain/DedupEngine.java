package dev.seedforge.dedup.domain;

import java.util.ArrayList;
import java.util.List;

import dev.seedforge.contracts.TextNormalizer;

/**
 * The detector chain as the service and the benchmark build it: exact, then MinHash, then embeddings (each of the
 * last two can be switched off), with in-memory indexes that the service fills from PostgreSQL. Each text's
 * {@link TextScript} decides which model embeds it: the main one, the model of Chinese texts (into indexes of their
 * own), or none, when neither reads its script and the main model is not multilingual (then exact and MinHash alone
 * compare it).
 */
public class DedupEngine {

    /** What the engine is built from; thresholds here are the defaults a job may override. */
    public record Settings(JobPolicy defaults, boolean lexical, int shingleWords, boolean semantic,
            VectorIndex.Params hnsw) {
    }

    private final DetectorChain chain;
    private final EmbeddingDuplicateDetector embeddings;
    private final EmbeddingDuplicateDetector hanEmbeddings;

    /** The main model reads every text. */
    public DedupEngine(Settings settings, TextEmbedder embedder) {
        this(settings, embedder, null, true);
    }

    /**
     * {@code hanEmbedder} reads mostly Chinese texts (null: none does, unless the main model reads every script);
     * {@code mainReadsEveryScript} for a multilingual main model (OpenAI's), else it reads {@link TextScript#MAIN}.
     */
    public DedupEngine(Settings settings, TextEmbedder embedder, TextEmbedder hanEmbedder,
            boolean mainReadsEveryScript) {
        TextNormalizer normalizer = new TextNormalizer();
        JobPolicies policies = new JobPolicies(settings.defaults());
        List<DuplicateDetector> detectors = new ArrayList<>();
        detectors.add(new ExactDuplicateDetector(normalizer, new InMemoryFingerprintIndex()));
        if (settings.lexical()) {
            detectors.add(new MinHashDuplicateDetector(new MinHasher(normalizer, settings.shingleWords()), policies));
        }
        boolean han = settings.semantic() && hanEmbedder != null;
        boolean routed = han || !mainReadsEveryScript;
        embeddings = !settings.semantic() ? null
                : routed ? new EmbeddingDuplicateDetector(EmbeddingDuplicateDetector.NAME,
                        text -> mainReads(TextScript.of(text), han, mainReadsEveryScript), embedder, policies,
                        settings.hnsw())
                        : new EmbeddingDuplicateDetector(embedder, policies, settings.hnsw());
        hanEmbeddings = han ? new EmbeddingDuplicateDetector(EmbeddingDuplicateDetector.NAME_HAN,
                text -> TextScript.of(text) == TextScript.HAN, hanEmbedder, policies, settings.hnsw()) : null;
        if (embeddings != null) {
            detectors.add(embeddings);
        }
        if (hanEmbeddings != null) {
            detectors.add(hanEmbeddings);
        }
        chain = new DetectorChain(detectors, policies);
    }

    /** Whether the main model embeds a text of this script. */
    static boolean mainReads(TextScript script, boolean hanModel, boolean mainReadsEveryScript) {
        return switch (script) {
            case MAIN -> true;
            case HAN -> !hanModel && mainReadsEveryScript;
            case OTHER -> mainReadsEveryScript;
        };
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
