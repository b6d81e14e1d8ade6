package dev.seedforge.exporter.persistence;

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

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

import dev.seedforge.contracts.DedupDecision;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.Reason;
import dev.seedforge.exporter.domain.Outcome;
import dev.seedforge.exporter.domain.OutcomeStatus;
import dev.seedforge.exporter.domain.Reviews;
import dev.seedforge.support.persistence.KeyedRows;

/** A candidate's fate, stored once per candidate id: the exporter's record of account for a job. */
@Entity
@Table(name = OutcomeEntity.TABLE, indexes = @Index(name = "outcome_job_id_idx", columnList = "job_id"))
public class OutcomeEntity extends PanacheEntityBase {

    static final String TABLE = "outcome";

    /** The stored outcomes of these candidates, in one statement whatever their number ({@link KeyedRows}). */
    public static Uni<List<OutcomeEntity>> ofCandidates(Collection<String> candidateIds) {
        return getSession().chain(session -> KeyedRows.find(session, OutcomeEntity.class, TABLE, "candidate_id",
                candidateIds));
    }

    private static final TypeReference<List<Reason>> REASONS = new TypeReference<>() {
    };
    private static final TypeReference<List<DedupDecision.Neighbour>> NEIGHBOURS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Integer>> SCORES = new TypeReference<>() {
    };

    @Id
    @Column(name = "candidate_id", length = 200)
    public String candidateId;

    @Column(name = "job_id", nullable = false, length = 200)
    public String jobId;

    /** Text: a cell's id holds its axis values, which a spec may write as whole sentences (personas). */
    @Column(columnDefinition = "text")
    public String cell;

    /** An {@link OutcomeStatus} name; a plain column, see {@link ExportJobEntity#status}. */
    @Column(nullable = false, length = 16)
    public String status;

    @Column(name = "example_json", columnDefinition = "text")
    public String exampleJson;

    @Column(name = "reasons_json", columnDefinition = "text")
    public String reasonsJson;

    @Column(name = "duplicate_of", length = 200)
    public String duplicateOf;

    @Column(name = "dedup_method", length = 64)
    public String dedupMethod;

    public Double similarity;

    @Column(name = "generation_cost_usd")
    public double generationCostUsd;

    @Column(name = "judge_cost_usd")
    public double judgeCostUsd;

    /** Dedup's related earlier examples ({@code DedupDecision.related}) as JSON; the split keeps them together. */
    @Column(name = "related_json", columnDefinition = "text")
    public String relatedJson;

    @Column(name = "nearest_similarity")
    public Double nearestSimilarity;

    @Column(name = "judge_scores_json", columnDefinition = "text")
    public String judgeScoresJson;

    @Column(name = "received_at")
    public Instant receivedAt;

    public static OutcomeEntity from(Outcome outcome, Instant receivedAt) {
        OutcomeEntity entity = new OutcomeEntity();
        entity.candidateId = outcome.candidateId();
        entity.jobId = outcome.jobId();
        entity.cell = outcome.cell();
        entity.status = outcome.status().name();
        entity.exampleJson = outcome.exampleJson();
        entity.reasonsJson = write(outcome.reasons());
        entity.duplicateOf = outcome.duplicateOf();
        entity.dedupMethod = outcome.dedupMethod();
        entity.similarity = outcome.similarity();
        entity.generationCostUsd = outcome.generationCostUsd();
        entity.judgeCostUsd = outcome.judgeCostUsd();
        entity.relatedJson = outcome.related().isEmpty() ? null : write(outcome.related());
        entity.nearestSimilarity = outcome.nearestSimilarity();
        entity.judgeScoresJson = outcome.judgeScores().isEmpty() ? null : write(outcome.judgeScores());
        entity.receivedAt = receivedAt;
        return entity;
    }

    public Outcome toOutcome() {
        return new Outcome(candidateId, jobId, cell, OutcomeStatus.valueOf(status), exampleJson,
                read(reasonsJson, REASONS, List.of()), duplicateOf, dedupMethod, similarity, generationCostUsd,
                judgeCostUsd, read(relatedJson, NEIGHBOURS, List.of()), nearestSimilarity,
                read(judgeScoresJson, SCORES, Map.of()));
    }

    public static Uni<List<OutcomeEntity>> ofJob(String jobId) {
        return list("jobId = ?1 order by candidateId", jobId);
    }

    /**
     * Counts and cost of a job's outcomes by cell and status, in one query, with the accepted examples reviewers
     * rejected counted as rejected (a second query).
     */
    public static Uni<OutcomeCounts> countsOf(String jobId) {
        return Panache.getSession().chain(session -> session.createSelectionQuery(
                "select o.cell, o.status, count(o), coalesce(sum(o.generationCostUsd), 0),"
                        + " coalesce(sum(o.judgeCostUsd), 0) from OutcomeEntity o where o.jobId = ?1"
                        + " group by o.cell, o.status",
                Object[].class).setParameter(1, jobId).getResultList()
                .map(OutcomeCounts::of)
                .chain(counts -> session.createSelectionQuery("select o.cell, count(o) from OutcomeEntity o"
                        + " where o.jobId = ?1 and o.status = ?2 and o.candidateId in (select r.candidateId from"
                        + " ReviewEntity r where r.jobId = ?1 and r.action = ?3) group by o.cell", Object[].class)
                        .setParameter(1, jobId).setParameter(2, OutcomeStatus.ACCEPTED.name())
                        .setParameter(3, Reviews.REJECTED).getResultList()
                        .map(rows -> {
                            Map<String, Long> perCell = new java.util.HashMap<>();
                            rows.forEach(row -> perCell.put((String) row[0], ((Number) row[1]).longValue()));
                            return counts.afterReviews(perCell);
                        })));
    }

    private <T> T read(String json, TypeReference<T> type, T empty) {
        if (json == null || json.isBlank()) {
            return empty;
        }
        try {
            return Json.MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("outcome " + candidateId + ": unreadable " + json, e);
        }
    }

    private static String write(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("unwritable outcome field", e);
        }
    }
}
