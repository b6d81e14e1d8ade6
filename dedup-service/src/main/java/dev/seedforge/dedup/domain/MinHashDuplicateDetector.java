package dev.seedforge.dedup.domain;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.smallrye.mutiny.Uni;

import dev.seedforge.contracts.DedupDecision;

/**
 * Lexical near-duplicates: MinHash over word shingles, looked up by LSH banding, each hit confirmed by its estimated
 * Jaccard similarity against the job's threshold. The best confirmed hit is the match.
 */
public class MinHashDuplicateDetector implements DuplicateDetector {

    public static final String NAME = "minhash";

    private final MinHasher hasher;
    private final JobPolicies policies;
    private final Map<String, LshIndex> indexes = new ConcurrentHashMap<>();

    public MinHashDuplicateDetector(MinHasher hasher, JobPolicies policies) {
        this.hasher = hasher;
        this.policies = policies;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Uni<Optional<Match>> findMatch(String jobId, String text) {
        return Uni.createFrom().item(() -> match(jobId, hasher.signature(text)));
    }

    public Optional<Match> match(String jobId, int[] signature) {
        LshIndex index = indexes.get(jobId);
        if (index == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(
                index.best(signature, policies.of(jobId).lexicalThreshold(), DedupDecision.METHOD_LEXICAL));
    }

    @Override
    public Uni<Void> remember(String jobId, String originId, String text) {
        return Uni.createFrom().item(() -> {
            restore(jobId, originId, fingerprintOf(text));
            return null;
        });
    }

    @Override
    public byte[] fingerprintOf(String text) {
        return MinHasher.encode(hasher.signature(text));
    }

    @Override
    public void restore(String jobId, String originId, byte[] fingerprint) {
        indexes.computeIfAbsent(jobId, id -> new LshIndex()).add(originId, MinHasher.decode(fingerprint));
    }

    @Override
    public void forget(String jobId) {
        indexes.remove(jobId);
    }
}
