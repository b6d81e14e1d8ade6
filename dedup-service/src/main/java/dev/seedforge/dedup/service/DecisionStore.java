package dev.seedforge.dedup.service;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.DedupDecision;
import dev.seedforge.dedup.domain.DetectorChain;
import dev.seedforge.dedup.persistence.DecisionEntity;
import dev.seedforge.dedup.persistence.SeededJobEntity;

/**
 * The transactional steps of dedup. Each decision is reached and stored in one transaction with the fingerprints it
 * adds, so a candidate is either decided and indexed, or neither.
 */
@ApplicationScoped
public class DecisionStore {

    private final DetectorChain detectors;

    public DecisionStore(DetectorChain detectors) {
        this.detectors = detectors;
    }

    @WithSession
    public Uni<DedupDecision> stored(String candidateId) {
        return DecisionEntity.<DecisionEntity> findById(candidateId)
                .map(found -> found == null ? null : found.toDecision());
    }

    @WithSession
    public Uni<StoredDecision> find(String candidateId) {
        return DecisionEntity.<DecisionEntity> findById(candidateId)
                .map(found -> found == null ? null
                        : new StoredDecision(found.candidateId, found.jobId, found.toDecision(), found.decidedAt));
    }

    @WithSession
    public Uni<Boolean> seedsIndexed(String jobId) {
        return SeededJobEntity.<SeededJobEntity> findById(jobId).map(found -> found != null);
    }

    @WithTransaction
    public Uni<Void> indexSeeds(String jobId, List<String> seedTexts) {
        return SeededJobEntity.<SeededJobEntity> findById(jobId).chain(found -> {
            if (found != null) {
                return Uni.createFrom().voidItem();
            }
            SeededJobEntity seeded = new SeededJobEntity();
            seeded.jobId = jobId;
            seeded.seeds = seedTexts.size();
            seeded.indexedAt = Instant.now();
            return detectors.rememberSeeds(jobId, seedTexts).chain(seeded::persist).replaceWithVoid();
        });
    }

    /** The stored decision for a candidate seen before; else the detectors' decision, stored. */
    @WithTransaction
    public Uni<DedupDecision> decide(Candidate candidate, String comparedText) {
        return DecisionEntity.<DecisionEntity> findById(candidate.candidateId()).chain(found -> found != null
                ? Uni.createFrom().item(found.toDecision())
                : detectors.decide(candidate.jobId(), candidate.candidateId(), comparedText)
                        .call(decision -> store(candidate, decision)));
    }

    /** A rejected candidate is not compared, nor remembered, but its pass is on record like any other. */
    @WithTransaction
    public Uni<DedupDecision> notChecked(Candidate candidate) {
        return DecisionEntity.<DecisionEntity> findById(candidate.candidateId()).chain(found -> found != null
                ? Uni.createFrom().item(found.toDecision())
                : store(candidate, DedupDecision.notChecked()));
    }

    private static Uni<DedupDecision> store(Candidate candidate, DedupDecision decision) {
        return DecisionEntity.of(candidate.candidateId(), candidate.jobId(), decision, Instant.now()).persist()
                .replaceWith(decision);
    }
}
