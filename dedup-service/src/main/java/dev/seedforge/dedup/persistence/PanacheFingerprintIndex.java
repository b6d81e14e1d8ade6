package dev.seedforge.dedup.persistence;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import dev.seedforge.dedup.domain.FingerprintIndex;

/** The exact detector's index in PostgreSQL; runs inside the caller's session and transaction. */
@ApplicationScoped
public class PanacheFingerprintIndex implements FingerprintIndex {

    @Override
    public Uni<Optional<String>> originOf(String jobId, String fingerprint) {
        return FingerprintEntity.<FingerprintEntity> find("jobId = ?1 and fingerprint = ?2", jobId, fingerprint)
                .firstResult()
                .map(found -> Optional.ofNullable(found).map(f -> f.originId));
    }

    @Override
    public Uni<Void> add(String jobId, String fingerprint, String originId) {
        return originOf(jobId, fingerprint).chain(existing -> {
            if (existing.isPresent()) {
                return Uni.createFrom().voidItem();
            }
            FingerprintEntity entity = new FingerprintEntity();
            entity.jobId = jobId;
            entity.fingerprint = fingerprint;
            entity.originId = originId;
            // flushed at once so that the next lookup in this transaction (two equal seeds, say) sees it
            return entity.persist().chain(Panache::flush);
        });
    }
}
