package dev.seedforge.generator.persistence;

import java.time.Instant;

import dev.seedforge.contracts.JobProgress;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.JobStatus;
import dev.seedforge.contracts.Plan;
import dev.seedforge.contracts.PlanCell;

/**
 * A job as the generator keeps it, read once and typed: callers never parse the stored JSON columns themselves.
 * {@code progress} is the exporter's latest account (null before the first).
 */
public record JobState(String id, String owner, JobStatus status, String reason, JobSpec spec, Plan plan,
        JobProgress progress, long candidatesEmitted, long callsMade, int failedCallsInARow, long inputTokens,
        long outputTokens, double generationCostUsd, Instant createdAt, Instant updatedAt) {

    public PlanCell cell(String cellId) {
        return plan.cells().stream().filter(c -> c.id().equals(cellId)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no plan cell " + cellId + " in job " + id));
    }

    static JobState of(JobEntity job) {
        return new JobState(job.id, job.owner, job.status, job.reason, JobStore.read(job.specJson, JobSpec.class),
                job.planJson == null ? null : JobStore.read(job.planJson, Plan.class),
                job.progressJson == null ? null : JobStore.read(job.progressJson, JobProgress.class),
                job.candidatesEmitted, job.callsMade, job.failedCallsInARow, job.inputTokens, job.outputTokens,
                job.generationCostUsd, job.createdAt, job.updatedAt);
    }
}
