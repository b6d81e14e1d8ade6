package dev.seedforge.contracts;

import java.time.Instant;
import java.util.Map;

/**
 * What the exporter holds of a job so far, published on {@code job-progress} after each outcome: the generator
 * follows it to know how many candidates are still missing.
 */
public record JobProgress(int schemaVersion, String jobId, Map<String, CellProgress> cells, long outcomes,
        long accepted, long rejected, long duplicates, double costUsd, Instant at) {

    public JobProgress {
        cells = cells == null ? Map.of() : Map.copyOf(cells);
    }
}
