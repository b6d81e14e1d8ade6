package dev.seedforge.validator.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** The verdict on one candidate, kept so that a redelivered candidate gets the same verdict back. */
@Entity
@Table(name = "verdict", indexes = @Index(name = "verdict_job_id", columnList = "job_id"))
public class VerdictEntity extends PanacheEntityBase {

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
}
