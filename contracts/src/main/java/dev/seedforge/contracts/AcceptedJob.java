package dev.seedforge.contracts;

import java.time.Instant;

/**
 * A job as the generator accepted it, on the compacted {@code job-specs} topic keyed by job id: everything a stage
 * needs to know of a job (the spec with its defaults filled, the plan with its quotas, the tenant that owns it, null
 * when the API is open) so that no stage calls the generator back. A job's record never changes once written.
 */
public record AcceptedJob(int schemaVersion, String jobId, JobSpec spec, Plan plan, String owner, Instant acceptedAt) {

    public static AcceptedJob of(String jobId, JobSpec spec, Plan plan, String owner) {
        return new AcceptedJob(SchemaVersions.CURRENT, jobId, spec, plan, owner, Instant.now());
    }

    /** Throws naming the field when the record cannot serve as a job's spec. */
    public AcceptedJob requireComplete() {
        SchemaVersions.requireSupported(schemaVersion, "job spec record " + jobId);
        if (jobId == null || jobId.isBlank()) {
            throw new IllegalArgumentException("job spec record: jobId is missing");
        }
        if (spec == null) {
            throw new IllegalArgumentException("job spec record " + jobId + ": spec is missing");
        }
        return this;
    }
}
