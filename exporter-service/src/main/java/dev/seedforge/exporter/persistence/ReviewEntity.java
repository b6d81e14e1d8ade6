package dev.seedforge.exporter.persistence;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

import dev.seedforge.exporter.domain.Reviews;

/** A reviewer's action on a job's dataset: who, when, what and why; the record of every review. */
@Entity
@Table(name = "review", indexes = @Index(name = "review_job_id_idx", columnList = "job_id"))
public class ReviewEntity extends PanacheEntityBase {

    @Id
    @Column(length = 64)
    public String id;

    @Column(name = "job_id", nullable = false, length = 200)
    public String jobId;

    @Column(name = "candidate_id", length = 200)
    public String candidateId;

    @Column(nullable = false, length = 16)
    public String action;

    /** Text: what a reviewer writes is not bounded by the console. */
    @Column(columnDefinition = "text")
    public String reason;

    /** The name the reviewer gave, as {@code tenant/name} when API tokens are configured. */
    @Column(length = 300)
    public String reviewer;

    @Column(name = "reviewed_at", nullable = false)
    public Instant at;

    @Column(name = "edited_example_json", columnDefinition = "text")
    public String editedExampleJson;

    public static ReviewEntity of(String jobId, Reviews.Action action) {
        ReviewEntity entity = new ReviewEntity();
        entity.id = java.util.UUID.randomUUID().toString();
        entity.jobId = jobId;
        entity.candidateId = action.candidateId();
        entity.action = action.action();
        entity.reason = action.reason();
        entity.reviewer = action.reviewer();
        entity.at = action.at();
        entity.editedExampleJson = action.editedExampleJson();
        return entity;
    }

    public Reviews.Action toAction() {
        return new Reviews.Action(candidateId, action, reason, reviewer, at, editedExampleJson);
    }

    public static Uni<List<ReviewEntity>> ofJob(String jobId) {
        return list("jobId = ?1 order by at, id", jobId);
    }
}
