package dev.seedforge.generator.persistence;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * One round of a batch-mode job: the calls it holds and how far it got. Stored before each step at the provider, so a
 * restarted generator takes up where it stopped: a {@code PREPARED} round stages its requests (OpenAI: uploads its
 * file), an {@code UPLOADED} one first looks for a batch an earlier create made (a stop between creating the batch and
 * storing its id: by its input file at OpenAI, by its request count since {@code submittedAt} at Anthropic), a
 * {@code SUBMITTED} one polls its batch; an {@code ENDED} one is done.
 */
@Entity
@Table(name = "batch_round", uniqueConstraints = @UniqueConstraint(name = "batch_round_job_round", columnNames = {
        "job_id", "round" }))
public class BatchRoundEntity extends PanacheEntityBase {

    public static final String PREPARED = "PREPARED";
    public static final String UPLOADED = "UPLOADED";
    public static final String SUBMITTED = "SUBMITTED";
    public static final String ENDED = "ENDED";

    @Id
    @GeneratedValue
    public Long id;

    @Column(name = "job_id")
    public String jobId;

    /** 1, 2, ... per job. */
    public int round;

    /** PREPARED, UPLOADED, SUBMITTED or ENDED. */
    public String state;

    /**
     * The provider's status of the batch: OpenAI's validating, in_progress, finalizing, completed, expired, failed,
     * ...; Anthropic's in_progress, canceling, ended.
     */
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

    /** The requests' custom_ids, comma-separated ({@code call-<sequence>}): the calls this round holds. */
    @Column(name = "custom_ids", columnDefinition = "text")
    public String customIds;

    public int requests;

    /** Requests answered so far, as the provider counts them. */
    public int completed;

    /** Requests in the error file so far (failed, expired, cancelled). */
    public int failed;

    /** Answers booked into candidates when the round ended. */
    public int booked;

    /** Requests left for the next round when it ended. */
    @Column(name = "left_over")
    public int leftOver;

    @Column(name = "cost_usd")
    public double costUsd;

    @Column(name = "cancel_requested")
    public boolean cancelRequested;

    @Column(name = "created_at")
    public Instant createdAt;

    /** When the batch was created; while {@code UPLOADED}, when creating began (where a search for it starts). */
    @Column(name = "submitted_at")
    public Instant submittedAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    public List<String> customIdList() {
        return customIds == null || customIds.isBlank() ? List.of() : Arrays.asList(customIds.split(","));
    }

    public boolean open() {
        return !ENDED.equals(state);
    }
}
