package dev.seedforge.dedup.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.DedupDecision;
import dev.seedforge.dedup.domain.DetectorChain;
import dev.seedforge.dedup.domain.Origins;
import dev.seedforge.dedup.persistence.DecisionEntity;
import dev.seedforge.dedup.persistence.FingerprintEntity;
import dev.seedforge.dedup.persistence.SeededJobEntity;

/**
 * The transactional steps of dedup. Each decision is stored in one transaction with the fingerprints of the example
 * it keeps, so a candidate is either decided and indexed, or neither.
 */
@ApplicationScoped
public class DecisionStore {

    /** A job as stored: its settings (null before its seeds were indexed) and its kept examples, oldest first. */
    public record StoredJob(SeededJobEntity settings, List<FingerprintEntity> kept) {
    }

    /** A decision, and whether this call stored it (false: it was already there, a redelivery). */
    public record Recorded(DedupDecision decision, boolean stored) {
    }

    @WithSession
    public Uni<DedupDecision> stored(String candidateId) {
        return DecisionEntity.<DecisionEntity> findById(candidateId)
                .map(found -> found == null ? null : found.toDecision());
    }

    /** The stored decisions among these candidates, by candidate id (one query for a whole batch). */
    @WithSession
    public Uni<Map<String, DedupDecision>> storedAll(Collection<String> candidateIds) {
        if (candidateIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return DecisionEntity.ofCandidates(candidateIds).map(found -> {
            Map<String, DedupDecision> decisions = new HashMap<>();
            found.forEach(entity -> decisions.put(entity.candidateId, entity.toDecision()));
            return decisions;
        });
    }

    /** A decision taken in a batch, with the fingerprints that keep a unique candidate (empty otherwise). */
    public record Fresh(Candidate candidate, DedupDecision decision, Map<String, byte[]> fingerprints) {
    }

    /**
     * Stores a batch's decisions of one job in one transaction, each with the fingerprints of the example it keeps,
     * except those decided before (by another instance before a rebalance, or a redelivery): their stored decision is
     * answered instead. Answers every candidate's decision as stored, by candidate id.
     */
    @WithTransaction
    public Uni<Map<String, Recorded>> recordAll(String jobId, List<Fresh> fresh) {
        List<String> ids = fresh.stream().map(f -> f.candidate().candidateId()).toList();
        return DecisionEntity.ofCandidates(ids).chain(found -> {
            Map<String, Recorded> recorded = new LinkedHashMap<>();
            found.forEach(entity -> recorded.put(entity.candidateId, new Recorded(entity.toDecision(), false)));
            List<FingerprintEntity> kept = new ArrayList<>();
            List<DecisionEntity> decisions = new ArrayList<>();
            Instant now = Instant.now();
            for (Fresh decided : fresh) {
                Candidate candidate = decided.candidate();
                if (recorded.containsKey(candidate.candidateId())) {
                    continue;
                }
                if (decided.decision().status() == DedupDecision.Status.UNIQUE) {
                    kept.add(FingerprintEntity.of(jobId, candidate.candidateId(), decided.fingerprints()));
                }
                decisions.add(DecisionEntity.of(candidate.candidateId(), jobId, decided.decision(), now));
                recorded.put(candidate.candidateId(), new Recorded(decided.decision(), true));
            }
            List<String> prints = kept.stream().map(k -> k.fingerprint).toList();
            Uni<List<String>> known = keptAmong(jobId, prints);
            return known.chain(already -> {
                List<FingerprintEntity> missing = kept.stream().filter(k -> !already.contains(k.fingerprint))
                        .toList();
                // Panache refuses to persist an empty list
                Uni<Void> fingerprints = missing.isEmpty() ? Uni.createFrom().voidItem() : FingerprintEntity.persist(missing);
                return fingerprints.chain(() -> decisions.isEmpty() ? Uni.createFrom().voidItem()
                        : DecisionEntity.persist(decisions)).chain(Panache::flush);
            }).replaceWith(recorded);
        });
    }

    @WithSession
    public Uni<StoredDecision> find(String candidateId) {
        return DecisionEntity.<DecisionEntity> findById(candidateId)
                .map(found -> found == null ? null
                        : new StoredDecision(found.candidateId, found.jobId, found.toDecision(), found.decidedAt));
    }

    @WithSession
    public Uni<StoredJob> load(String jobId) {
        return SeededJobEntity.<SeededJobEntity> findById(jobId)
                .chain(settings -> FingerprintEntity.<FingerprintEntity> list("jobId = ?1 order by id", jobId)
                        .map(kept -> new StoredJob(settings, kept)));
    }

    /** Stores a job's settings and its seeds' and references' fingerprints, unless another call did first. */
    @WithTransaction
    public Uni<Void> indexJob(SeededJobEntity settings, List<FingerprintEntity> kept) {
        return SeededJobEntity.<SeededJobEntity> findById(settings.jobId).chain(found -> {
            if (found != null) {
                return Uni.createFrom().voidItem();
            }
            settings.indexedAt = Instant.now();
            return FingerprintEntity.persist(kept).chain(() -> settings.persist()).replaceWithVoid();
        });
    }

    /** What {@link #reseed} changed: seeds added, kept under a new number, no longer kept. */
    public record Reseeded(int added, int renumbered, int dropped) {
    }

    /**
     * Makes a job's stored seeds {@code seeds} (a resume changed them), in one transaction: a stored seed the list
     * still has takes its place in it ({@code seed:N}), one it no longer has is forgotten, and a new one is added
     * unless the job keeps its text already (a candidate's or a reference example's: that origin stands). Records the
     * seeds as indexed.
     */
    @WithTransaction
    public Uni<Reseeded> reseed(String jobId, List<FingerprintEntity> seeds, int count, String sha256) {
        Map<String, String> places = new HashMap<>();
        seeds.forEach(seed -> places.putIfAbsent(seed.fingerprint, seed.originId));
        int[] renumbered = { 0 };
        List<Long> dropped = new ArrayList<>();
        return FingerprintEntity.<FingerprintEntity> list("jobId = ?1 and originId like ?2", jobId,
                Origins.SEED_PREFIX + "%").chain(stored -> {
                    for (FingerprintEntity row : stored) {
                        String place = places.get(row.fingerprint);
                        if (place == null) {
                            dropped.add(row.id);
                        } else if (!place.equals(row.originId)) {
                            row.originId = place;
                            renumbered[0]++;
                        }
                    }
                    return dropped.isEmpty() ? Uni.createFrom().item(0L)
                            : FingerprintEntity.delete("id in ?1", dropped);
                })
                .chain(() -> keptAmong(jobId, List.copyOf(places.keySet())))
                .chain(already -> {
                    List<FingerprintEntity> missing = seeds.stream().filter(k -> !already.contains(k.fingerprint))
                            .toList();
                    return (missing.isEmpty() ? Uni.createFrom().voidItem() : FingerprintEntity.persist(missing))
                            .chain(() -> SeededJobEntity.<SeededJobEntity> findById(jobId)).invoke(settings -> {
                                if (settings != null) {
                                    settings.seeds = count;
                                    settings.seedsSha256 = sha256;
                                }
                            }).replaceWith(new Reseeded(missing.size(), renumbered[0], dropped.size()));
                });
    }

    /** Which of these exact fingerprints the job keeps already. */
    private static Uni<List<String>> keptAmong(String jobId, List<String> prints) {
        return prints.isEmpty() ? Uni.createFrom().item(List.of())
                : FingerprintEntity.<FingerprintEntity> list("jobId = ?1 and fingerprint in ?2", jobId, prints)
                        .map(list -> list.stream().map(k -> k.fingerprint).toList());
    }

    /** Keeps a job's changed thresholds (a resume changed its spec), so that a rebuilt index decides with them too. */
    @WithTransaction
    public Uni<Void> updateThresholds(String jobId, Double lexical, Double semantic, Double related) {
        return SeededJobEntity.<SeededJobEntity> findById(jobId).invoke(settings -> {
            if (settings != null) {
                settings.lexicalThreshold = lexical;
                settings.semanticThreshold = semantic;
                settings.relatedThreshold = related;
            }
        }).replaceWithVoid();
    }

    /** Stores the chain's evaluation of a candidate (and, when unique, what keeps it), unless it was decided before. */
    @WithTransaction
    public Uni<Recorded> record(Candidate candidate, DetectorChain.Evaluation evaluation) {
        return DecisionEntity.<DecisionEntity> findById(candidate.candidateId()).chain(found -> {
            if (found != null) {
                return Uni.createFrom().item(new Recorded(found.toDecision(), false));
            }
            DedupDecision decision = evaluation.decision();
            Uni<?> kept = decision.status() == DedupDecision.Status.UNIQUE
                    ? keep(FingerprintEntity.of(candidate.jobId(), candidate.candidateId(), evaluation.fingerprints()))
                    : Uni.createFrom().voidItem();
            return kept.chain(() -> DecisionEntity.of(candidate.candidateId(), candidate.jobId(), decision,
                    Instant.now()).persist()).replaceWith(new Recorded(decision, true));
        });
    }

    /** A rejected candidate is not compared, nor remembered, but its pass is on record like any other. */
    @WithTransaction
    public Uni<DedupDecision> notChecked(Candidate candidate) {
        return DecisionEntity.<DecisionEntity> findById(candidate.candidateId()).chain(found -> found != null
                ? Uni.createFrom().item(found.toDecision())
                : DecisionEntity.of(candidate.candidateId(), candidate.jobId(), DedupDecision.notChecked(),
                        Instant.now()).persist().replaceWith(DedupDecision.notChecked()));
    }

    private static Uni<Void> keep(FingerprintEntity entity) {
        return FingerprintEntity.count("jobId = ?1 and fingerprint = ?2", entity.jobId, entity.fingerprint)
                .chain(count -> count > 0 ? Uni.createFrom().voidItem()
                        : entity.persist().chain(Panache::flush));
    }
}
