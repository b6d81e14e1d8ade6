package dev.seedforge.console.domain;

import java.time.Instant;

import dev.seedforge.contracts.JobStatus;
import dev.seedforge.contracts.JobView;

/** A job's line in the jobs list: status, accepted of target, cost so far. */
public record JobRow(String jobId, String name, JobStatus status, String reason, long accepted, long target,
        int percent, String cost, Instant createdAt) {

    public static JobRow of(JobView job) {
        ProgressView progress = ProgressView.of(job.plan(), job.progress());
        long target = job.plan() != null ? job.plan().totalQuota()
                : job.spec() == null || job.spec().target() == null ? 0 : job.spec().target();
        double cost = job.cost() != null ? job.cost().totalUsd() : progress.totalUsd();
        return new JobRow(job.jobId(), job.spec() == null ? "" : job.spec().name(), job.status(), job.reason(),
                progress.acceptedTowardQuota(), target, progress.percent(), ProgressView.usd(cost), job.createdAt());
    }
}
