package dev.seedforge.exporter.persistence;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

import dev.seedforge.contracts.JobStatus;

/**
 * What the exporter knows of a job's end: how many candidates the generator emitted (from FINALIZING), a terminal
 * status from the generator, and the {@code finalized} flag that lets exactly one trigger finish the job.
 */
@Entity
@Table(name = "export_job")
public class ExportJobEntity extends PanacheEntityBase {

    @Id
    @Column(name = "job_id", length = 200)
    public String jobId;

    @Column(name = "candidates_emitted")
    public Long candidatesEmitted;

    /**
     * The last {@link JobStatus} known, by name. Enum columns are plain varchar on purpose: for {@code @Enumerated}
     * Hibernate adds a check constraint listing today's values, which schema update never widens, so a status added
     * to the contracts later would fail every insert.
     */
    @Column(length = 16)
    public String status;

    /** Text: a copy of the generator's reason, which may run to its 4,000 characters. */
    @Column(columnDefinition = "text")
    public String reason;

    /** Claimed by the one trigger that finishes the job; set back to false when finishing fails, for a retry. */
    @Column(nullable = false)
    public boolean finalized;

    @Column(name = "finalize_attempts", nullable = false)
    public int finalizeAttempts;

    @Column(name = "last_error", columnDefinition = "text")
    public String lastError;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public JobStatus jobStatus() {
        return status == null ? null : JobStatus.valueOf(status);
    }

    /** Ended by the generator rather than finished by the exporter. */
    public boolean endedByGenerator() {
        return JobStatus.FAILED.name().equals(status) || JobStatus.CANCELLED.name().equals(status);
    }

    public static Uni<ExportJobEntity> findOrCreate(String jobId) {
        return ExportJobEntity.<ExportJobEntity> findById(jobId).chain(found -> {
            if (found != null) {
                return Uni.createFrom().item(found);
            }
            ExportJobEntity created = new ExportJobEntity();
            created.jobId = jobId;
            created.updatedAt = Instant.now();
            return created.<ExportJobEntity> persist();
        });
    }

    /**
     * Claims the job if it can be finished now: not yet claimed, attempts left, and either ended by the generator
     * (FAILED, CANCELLED) or FINALIZING with an outcome stored for every candidate emitted. One conditional update, so
     * of any number of concurrent or redelivered triggers exactly one gets 1 back.
     */
    public static Uni<Integer> claim(String jobId, int maxAttempts) {
        return update("update ExportJobEntity j set j.finalized = true, j.finalizeAttempts = j.finalizeAttempts + 1,"
                + " j.updatedAt = ?3 where j.jobId = ?1 and j.finalized = false and j.finalizeAttempts < ?2"
                + " and (j.status in (?4, ?5) or (j.candidatesEmitted is not null"
                + " and j.candidatesEmitted <= (select count(o) from OutcomeEntity o where o.jobId = ?1)))",
                jobId, maxAttempts, Instant.now(), JobStatus.FAILED.name(), JobStatus.CANCELLED.name());
    }

    /** Gives a claimed job back after a failed attempt, so the sweep can try again. */
    public static Uni<Integer> release(String jobId, String error) {
        return update("update ExportJobEntity j set j.finalized = false, j.lastError = ?2, j.updatedAt = ?3"
                + " where j.jobId = ?1", jobId, error, Instant.now());
    }

    /**
     * Opens a held job's export again while the generator makes replacements for examples reviewers rejected: GENERATING,
     * not claimed, and no count of candidates until the generator's next FINALIZING brings the new one (so neither a
     * trigger nor the sweep finishes it on the old count).
     */
    public static Uni<Integer> reopen(String jobId) {
        return update("update ExportJobEntity j set j.finalized = false, j.finalizeAttempts = 0, j.candidatesEmitted ="
                + " null, j.status = ?2, j.lastError = null, j.updatedAt = ?3 where j.jobId = ?1", jobId,
                JobStatus.GENERATING.name(), Instant.now());
    }

    /** Jobs that may be finishable now, for the periodic sweep. */
    public static Uni<List<String>> pendingJobIds(int maxAttempts) {
        return find("select j.jobId from ExportJobEntity j where j.finalized = false and j.finalizeAttempts < ?1"
                + " and (j.candidatesEmitted is not null or j.status in (?2, ?3))", maxAttempts, JobStatus.FAILED.name(),
                JobStatus.CANCELLED.name()).project(String.class).list();
    }
}
