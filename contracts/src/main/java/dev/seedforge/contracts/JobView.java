package dev.seedforge.contracts;

import java.time.Instant;

/**
 * A job as the generator serves it on {@code GET /jobs/{id}}: what the exporter and dedup read on demand (the spec
 * with its seeds, the plan with its quotas; the plan is null until it is made) and what the command line follows.
 * {@code cost} is the job's cost so far by stage (null from a generator that predates it). {@code owner} is the
 * tenant whose API token submitted it ({@code null} when the API is open, or for a job from the topic): the exporter
 * serves the job's dataset only to that tenant and the operator.
 */
public record JobView(String jobId, JobStatus status, String reason, JobSpec spec, Plan plan, long candidatesEmitted,
        JobProgress progress, Instant createdAt, Instant updatedAt, StageCosts cost, String owner) {

    /** Without costs and owner, as before they were served. */
    public JobView(String jobId, JobStatus status, String reason, JobSpec spec, Plan plan, long candidatesEmitted,
            JobProgress progress, Instant createdAt, Instant updatedAt) {
        this(jobId, status, reason, spec, plan, candidatesEmitted, progress, createdAt, updatedAt, null, null);
    }
}
