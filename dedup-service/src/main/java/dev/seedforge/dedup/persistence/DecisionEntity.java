package dev.seedforge.dedup.persistence;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

import dev.seedforge.contracts.DedupDecision;
import dev.seedforge.contracts.Json;
import dev.seedforge.support.persistence.KeyedRows;

/** Dedup's decision on one candidate, kept so that a redelivered candidate gets it back (and is never its own twin). */
@Entity
@Table(name = DecisionEntity.TABLE, indexes = @Index(name = "decision_job_id", columnList = "job_id"))
public class DecisionEntity extends PanacheEntityBase {

    static final String TABLE = "decision";

    /** The stored decisions of these candidates, in one statement whatever their number ({@link KeyedRows}). */
    public static Uni<List<DecisionEntity>> ofCandidates(Collection<String> candidateIds) {
        return getSession().chain(session -> KeyedRows.find(session, DecisionEntity.class, TABLE, "candidate_id",
                candidateIds));
    }

    @Id
    @Column(name = "candidate_id")
    public String candidateId;

    @Column(name = "job_id", nullable = false)
    public String jobId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DedupDecision.Status status;

    @Column(name = "duplicate_of")
    public String duplicateOf;

    public String method;

    public Double similarity;

    /** The related earlier examples of a unique decision, as JSON. */
    @Column(name = "related", length = 4000)
    public String related;

    @Column(name = "nearest_similarity")
    public Double nearestSimilarity;

    @Column(name = "decided_at", nullable = false)
    public Instant decidedAt;

    public static DecisionEntity of(String candidateId, String jobId, DedupDecision decision, Instant decidedAt) {
        DecisionEntity entity = new DecisionEntity();
        entity.candidateId = candidateId;
        entity.jobId = jobId;
        entity.status = decision.status();
        entity.duplicateOf = decision.duplicateOf();
        entity.method = decision.method();
        entity.similarity = decision.similarity();
        entity.related = decision.related().isEmpty() ? null : writeRelated(decision.related());
        entity.nearestSimilarity = decision.nearestSimilarity();
        entity.decidedAt = decidedAt;
        return entity;
    }

    public DedupDecision toDecision() {
        return new DedupDecision(status, duplicateOf, method, similarity, readRelated(related), nearestSimilarity);
    }

    private static String writeRelated(List<DedupDecision.Neighbour> related) {
        try {
            return Json.MAPPER.writeValueAsString(related);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<DedupDecision.Neighbour> readRelated(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            return Json.MAPPER.readValue(json, new TypeReference<List<DedupDecision.Neighbour>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable related list " + json, e);
        }
    }
}
