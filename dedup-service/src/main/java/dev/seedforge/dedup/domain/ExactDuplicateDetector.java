package dev.seedforge.dedup.domain;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import io.smallrye.mutiny.Uni;

import dev.seedforge.contracts.DedupDecision;
import dev.seedforge.contracts.Hashing;
import dev.seedforge.contracts.TextNormalizer;

/** Finds texts equal after normalisation, by the SHA-256 of the normalised text. */
public class ExactDuplicateDetector implements DuplicateDetector {

    public static final String NAME = "exact";

    private final TextNormalizer normalizer;
    private final FingerprintIndex index;

    public ExactDuplicateDetector(TextNormalizer normalizer, FingerprintIndex index) {
        this.normalizer = normalizer;
        this.index = index;
    }

    /** SHA-256 of the normalised text, in lower-case hex. */
    public String fingerprint(String text) {
        return Hashing.sha256(normalizer.normalize(text).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Uni<Optional<Match>> findMatch(String jobId, String text) {
        return index.originOf(jobId, fingerprint(text))
                .map(origin -> origin.map(id -> new Match(id, DedupDecision.METHOD_EXACT, 1.0)));
    }

    @Override
    public Uni<Void> remember(String jobId, String originId, String text) {
        return index.add(jobId, fingerprint(text), originId);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The hex fingerprint as UTF-8 bytes (the service stores it in its own column). */
    @Override
    public byte[] fingerprintOf(String text) {
        return fingerprint(text).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void restore(String jobId, String originId, byte[] fingerprint) {
        index.add(jobId, new String(fingerprint, StandardCharsets.UTF_8), originId).await().indefinitely();
    }

    @Override
    public void forget(String jobId) {
        index.forget(jobId);
    }
}
