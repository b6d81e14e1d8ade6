package dev.seedforge.validator.persistence;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.Reason;
import dev.seedforge.contracts.Verdict;
import dev.seedforge.support.persistence.KeyedRows;

/** The verdict on one candidate, kept so that a redelivered candidate gets the same verdict back. */
@Entity
@Table(name = VerdictEntity.TABLE, indexes = @Index(name = "verdict_job_id", columnList = "job_id"))
public class VerdictEntity extends PanacheEntityBase {

    static final String TABLE = "verdict";

    /** The stored verdicts of these candidates, in one statement whatever their number ({@link KeyedRows}). */
    public static Uni<List<VerdictEntity>> ofCandidates(Collection<String> candidateIds) {
        return getSession().chain(session -> KeyedRows.find(session, VerdictEntity.class, TABLE, "candidate_id",
                candidateIds));
    }

    @Id
    @Column(name = "candidate_id")
    public String candidateId;

    @Column(name = "job_id", nullable = false)
    public String jobId;

    public boolean accepted;

    /** The reasons as a JSON array of {code, message}. */
    @Column(name = "reasons", columnDefinition = "text", nullable = false)
    public String reasons;

    /** The judge's scores as a JSON object of criterion to score; null when the judge did not score. */
    @Column(name = "judge_scores", columnDefinition = "text")
    public String judgeScores;

    @Column(name = "judge_cost_usd")
    public Double judgeCostUsd;

    @Column(name = "decided_at", nullable = false)
    public Instant decidedAt;

    /** A verdict as stored; what the judge's batch rounds store (the real-time path stores the same columns). */
    public static VerdictEntity of(String candidateId, String jobId, Verdict verdict, Instant decidedAt) {
        VerdictEntity entity = new VerdictEntity();
        entity.candidateId = candidateId;
        entity.jobId = jobId;
        entity.accepted = verdict.accepted();
        try {
            entity.reasons = Json.MAPPER.writeValueAsString(verdict.reasons());
            entity.judgeScores = verdict.judgeScores().isEmpty() ? null
                    : Json.MAPPER.writeValueAsString(verdict.judgeScores());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the verdict of " + candidateId, e);
        }
        entity.judgeCostUsd = verdict.judgeCostUsd();
        entity.decidedAt = decidedAt;
        return entity;
    }

    /** The stored verdict. */
    public Verdict verdict() {
        try {
            return new Verdict(accepted, Json.MAPPER.readValue(reasons, new TypeReference<List<Reason>>() {
            }), judgeScores == null ? Map.of()
                    : Json.MAPPER.readValue(judgeScores,
                            new TypeReference<Map<String, Integer>>() {
                            }),
                    judgeCostUsd == null ? 0 : judgeCostUsd);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored verdict of candidate " + candidateId + " is unreadable", e);
        }
    }
}
