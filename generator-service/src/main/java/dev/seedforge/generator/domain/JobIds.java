package dev.seedforge.generator.domain;

import java.util.UUID;

import dev.seedforge.contracts.Hashing;

/**
 * Job and candidate ids. A job submitted with an idempotency key always gets the same id, so a redelivered request or
 * a retried POST finds the job it already made.
 */
public final class JobIds {

    private JobIds() {
    }

    public static String forKey(String idempotencyKey) {
        return "job-" + Hashing.sha256("idempotency-key", idempotencyKey).substring(0, 12);
    }

    public static String random() {
        return "job-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** Candidate ids sort in emission order within a job. */
    public static String candidate(String jobId, long sequence) {
        return jobId + "-c" + String.format("%06d", sequence);
    }
}
