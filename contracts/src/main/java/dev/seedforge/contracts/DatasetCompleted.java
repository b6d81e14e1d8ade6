package dev.seedforge.contracts;

import java.util.List;

/**
 * The data of the CloudEvent the exporter publishes on {@code datasets} when a job ends, whether it completed, failed
 * or was cancelled.
 */
public record DatasetCompleted(int schemaVersion, String jobId, String name, JobStatus status, String reason,
        long candidates, long accepted, long rejected, long duplicates, long trainExamples, long validationExamples,
        boolean gatePassed, List<String> gateFailures, String directory, List<String> files, double costUsd) {

    public static final String CLOUD_EVENT_TYPE = "dev.seedforge.dataset.completed";
    public static final String CLOUD_EVENT_SOURCE = "/seedforge/exporter";

    public DatasetCompleted {
        gateFailures = gateFailures == null ? List.of() : List.copyOf(gateFailures);
        files = files == null ? List.of() : List.copyOf(files);
    }
}
