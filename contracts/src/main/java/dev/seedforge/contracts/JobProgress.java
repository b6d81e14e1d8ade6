package dev.seedforge.contracts;

import java.time.Instant;
import java.util.Map;

/**
 * What the exporter holds of a job so far, published on {@code job-progress} after each outcome: the generator
 * follows it to know how many candidates are still missing. {@code costUsd} is the total of {@code cost}, kept for
 * readers of the first version; {@code cost} splits it by stage and may be null in records written before it.
 */
public record JobProgress(int schemaVersion, String jobId, Map<String, CellProgress> cells, long outcomes,
        long accepted, long rejected, long duplicates, double costUsd, Instant at, StageCosts cost) {

    public JobProgress {
        cells = cells == null ? Map.of() : Map.copyOf(cells);
    }

    /** Without a split by stage, as records of the first version are. */
    public JobProgress(int schemaVersion, String jobId, Map<String, CellProgress> cells, long outcomes,
            long accepted, long rejected, long duplicates, double costUsd, Instant at) {
        this(schemaVersion, jobId, cells, outcomes, accepted, rejected, duplicates, costUsd, at, null);
    }

    /** The exporter's account: counts, and the teacher and judge cost of the candidates it holds an outcome for. */
    public static JobProgress of(String jobId, Map<String, CellProgress> cells, long accepted, long rejected,
            long duplicates, double generationUsd, double judgeUsd, Instant at) {
        StageCosts cost = StageCosts.of(generationUsd, judgeUsd, accepted);
        return new JobProgress(SchemaVersions.CURRENT, jobId, cells, accepted + rejected + duplicates, accepted,
                rejected, duplicates, cost.totalUsd(), at, cost);
    }
}
