package dev.seedforge.contracts;

/**
 * Kafka topic names; SmallRye channel names equal them, so services and tests share these constants. Every record is
 * keyed by its job id so that a job's records share a partition.
 */
public final class Topics {

    public static final String GENERATION_REQUESTS = "generation-requests";
    public static final String CANDIDATES = "candidates";
    public static final String VALIDATED = "validated";
    public static final String DEDUPLICATED = "deduplicated";
    public static final String JOB_PROGRESS = "job-progress";
    public static final String JOB_EVENTS = "job-events";
    public static final String DATASETS = "datasets";

    public static final String DLQ_SUFFIX = "-dlq";

    /** Every topic of the pipeline, in the order a candidate meets them. */
    public static final java.util.List<String> ALL = java.util.List.of(GENERATION_REQUESTS, CANDIDATES, VALIDATED,
            DEDUPLICATED, JOB_PROGRESS, JOB_EVENTS, DATASETS);

    private Topics() {
    }

    public static String deadLetter(String topic) {
        return topic + DLQ_SUFFIX;
    }
}
