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
    /** Compacted, keyed by job id: each accepted job's spec, plan and owner, read by every stage instead of asking. */
    public static final String JOB_SPECS = "job-specs";

    /**
     * Largest record {@code job-specs} takes: a spec as large as the generator's API accepts (10 MB of YAML or JSON,
     * seeds inline) written as JSON with its plan, with room for escaping. Topic {@code max.message.bytes} and the
     * producer's {@code max.request.size} are set to it.
     */
    public static final int JOB_SPECS_MAX_BYTES = 16 * 1024 * 1024;

    public static final String DLQ_SUFFIX = "-dlq";

    /** Every topic of the pipeline, in the order a candidate meets them. */
    public static final java.util.List<String> ALL = java.util.List.of(GENERATION_REQUESTS, CANDIDATES, VALIDATED,
            DEDUPLICATED, JOB_PROGRESS, JOB_EVENTS, DATASETS, JOB_SPECS);

    private Topics() {
    }

    /**
     * The topic settings that differ from the broker's defaults, wherever topics are created (local stack, tests,
     * docker-compose and the Strimzi topics are checked against this): {@code job-specs} is compacted, so the latest
     * spec of every job stays readable from the start, and takes records of {@link #JOB_SPECS_MAX_BYTES}.
     */
    public static java.util.Map<String, String> settings(String topic) {
        if (JOB_SPECS.equals(topic)) {
            return java.util.Map.of("cleanup.policy", "compact", "max.message.bytes",
                    String.valueOf(JOB_SPECS_MAX_BYTES));
        }
        return java.util.Map.of();
    }

    public static String deadLetter(String topic) {
        return topic + DLQ_SUFFIX;
    }
}
