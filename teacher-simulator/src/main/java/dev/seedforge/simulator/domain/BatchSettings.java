package dev.seedforge.simulator.domain;

/**
 * How the simulated Batch API behaves.
 *
 * @param completionDelayMs time from creation to completion of a batch that neither expires nor is cancelled
 * @param failedRequestRate share of requests answered with a server error line in the error file
 * @param expiredRate share of batches that expire part-way: their unfinished requests end as {@code batch_expired}
 */
public record BatchSettings(long completionDelayMs, double failedRequestRate, double expiredRate) {

    public BatchSettings {
        if (completionDelayMs < 0) {
            throw new IllegalArgumentException("simulator.batch-completion-delay-ms must not be negative");
        }
        if (failedRequestRate < 0 || failedRequestRate > 1) {
            throw new IllegalArgumentException("simulator.batch-failed-request-rate must be between 0 and 1");
        }
        if (expiredRate < 0 || expiredRate > 1) {
            throw new IllegalArgumentException("simulator.batch-expired-rate must be between 0 and 1");
        }
    }
}
