package dev.seedforge.contracts;

import java.time.Instant;

/**
 * A lifecycle event on {@code job-events}. FINALIZING carries {@code candidatesEmitted}, the number of candidates the
 * generator emitted in all, which is how the exporter knows when it holds every outcome.
 */
public record JobEvent(int schemaVersion, String jobId, JobStatus status, String reason, Long candidatesEmitted,
        String source, Instant at) {

    public static JobEvent of(String jobId, JobStatus status, String reason, Long candidatesEmitted, String source) {
        return new JobEvent(SchemaVersions.CURRENT, jobId, status, reason, candidatesEmitted, source, Instant.now());
    }
}
