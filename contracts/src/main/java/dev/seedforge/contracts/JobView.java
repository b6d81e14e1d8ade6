package dev.seedforge.contracts;

import java.time.Instant;

/**
 * A job as the generator serves it on {@code GET /jobs/{id}}: what the exporter and dedup read on demand (the spec
 * with its seeds, the plan with its quotas; the plan is null until it is made) and what the command line follows.
 */
public record JobView(String jobId, JobStatus status, String reason, JobSpec spec, Plan plan, long candidatesEmitted,
        JobProgress progress, Instant createdAt, Instant updatedAt) {
}
