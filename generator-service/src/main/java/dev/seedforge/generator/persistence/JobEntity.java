package dev.seedforge.generator.persistence;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.DynamicUpdate;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

import dev.seedforge.contracts.JobStatus;

/**
 * A job, its spec as submitted (seeds inlined, defaults filled), and its generation books. Several paths write a
 * job at once (progress events, the generation loop); {@code @DynamicUpdate} makes each write only the columns it
 * changed, so recording progress never puts back an older count of emitted candidates.
 */
@Entity
@DynamicUpdate
@Table(name = "job")
public class JobEntity extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "idempotency_key", unique = true)
    public String idempotencyKey;

    public String name;

    /** The tenant whose API token submitted the job; null when the API is open or the job came from the topic. */
    public String owner;

    @Enumerated(EnumType.STRING)
    public JobStatus status;

    /** The most characters a reason keeps; a diagnosis or a provider's error can be longer. */
    public static final int REASON_LENGTH = 4000;

    @Column(length = REASON_LENGTH)
    public String reason;

    @Column(name = "spec_json", columnDefinition = "text")
    public String specJson;

    @Column(name = "plan_json", columnDefinition = "text")
    public String planJson;

    @Column(name = "candidates_emitted")
    public long candidatesEmitted;

    @Column(name = "calls_made")
    public long callsMade;

    @Column(name = "failed_calls_in_a_row")
    public int failedCallsInARow;

    @Column(name = "input_tokens")
    public long inputTokens;

    @Column(name = "output_tokens")
    public long outputTokens;

    @Column(name = "generation_cost_usd")
    public double generationCostUsd;

    @Column(name = "progress_json", columnDefinition = "text")
    public String progressJson;

    /** Per-cell counts when the job was last resumed: rates that pause a job are measured from there. */
    @Column(name = "baseline_json", columnDefinition = "text")
    public String baselineJson;

    /**
     * Reviewers' rejections the generator has answered (the exporter's {@code reviewerRejected} last seen); null
     * before any. Nullable so that schema update can add it to a table that has rows.
     */
    @Column(name = "review_rejections_answered")
    public Long reviewRejectionsAnswered;

    /**
     * Candidates emitted per plan cell, kept with the job as each call is booked, so a pass reads them with the job
     * rather than counting the job's candidates again; null for a job booked by a version that did not keep them.
     */
    @Column(name = "emitted_per_cell_json", columnDefinition = "text")
    public String emittedPerCellJson;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /**
     * Panache routes every {@code job.reason = ...} here. A reason longer than its column is cut: the update refused
     * instead would leave the job where it was, its next pass failing the same way for good.
     */
    public void setReason(String reason) {
        if (reason == null || reason.length() <= REASON_LENGTH) {
            this.reason = reason;
            return;
        }
        int end = REASON_LENGTH - 1;
        if (Character.isHighSurrogate(reason.charAt(end - 1))) {
            end--;
        }
        this.reason = reason.substring(0, end) + "\u2026";
    }

    public static Uni<JobEntity> findByIdempotencyKey(String key) {
        return find("idempotencyKey", key).firstResult();
    }

    public static Uni<List<JobEntity>> listByStatus(JobStatus status) {
        return list("status", status);
    }

    public void touch() {
        updatedAt = Instant.now();
    }
}
