package dev.seedforge.validator.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * One round of the judge's batch mode for one job: which candidates' calls it holds ({@link JudgeWaitEntity#roundId})
 * and how far it got. Stored before each step at the provider, as the generator's teacher rounds are: a
 * {@code PREPARED} round uploads its file, an {@code UPLOADED} one first looks for a batch made from its file (a stop
 * between creating the batch and storing its id), a {@code SUBMITTED} one polls its batch; an {@code ENDED} one is done.
 * {@code owner} and {@code leaseUntil} say which validator instance works on it now.
 */
@Entity
@Table(name = "judge_round", indexes = @Index(name = "judge_round_job_id", columnList = "job_id"))
public class JudgeRoundEntity extends PanacheEntityBase {

    public static final String PREPARED = "PREPARED";
    public static final String UPLOADED = "UPLOADED";
    public static final String SUBMITTED = "SUBMITTED";
    public static final String ENDED = "ENDED";

    @Id
    @GeneratedValue
    public Long id;

    @Column(name = "job_id", nullable = false)
    public String jobId;

    /** PREPARED, UPLOADED, SUBMITTED or ENDED. */
    public String state;

    /** The provider's status of the batch: validating, in_progress, finalizing, completed, expired, ... */
    @Column(name = "batch_status")
    public String batchStatus;

    @Column(name = "input_file_id")
    public String inputFileId;

    @Column(name = "batch_id")
    public String batchId;

    @Column(name = "output_file_id")
    public String outputFileId;

    @Column(name = "error_file_id")
    public String errorFileId;

    /** Judge calls (batch lines) and the candidates they hold. */
    public int requests;

    public int candidates;

    /** Requests answered so far, and in the error file, as the provider counts them. */
    public int completed;

    public int failed;

    /** Candidates that got a verdict from this round, and those left for the next one. */
    public int judged;

    @Column(name = "left_over")
    public int leftOver;

    @Column(name = "cost_usd")
    public double costUsd;

    @Column(name = "cancel_requested")
    public boolean cancelRequested;

    public String owner;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "submitted_at")
    public Instant submittedAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    public boolean open() {
        return !ENDED.equals(state);
    }
}
