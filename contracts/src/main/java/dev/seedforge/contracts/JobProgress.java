package dev.seedforge.contracts;

import java.time.Instant;
import java.util.Map;

/**
 * What the exporter holds of a job so far, published on {@code job-progress} after each outcome and after each
 * reviewer's rejection: the generator follows it to know how many candidates are still missing. {@code costUsd} is the
 * total of {@code cost}, kept for readers of the first version; {@code cost} splits it by stage and may be null in
 * records written before it. An example a reviewer rejected counts as rejected, no longer accepted, in its cell and in
 * the totals; {@code reviewerRejected} says how many such rejections the counts hold (0 in records written before it),
 * so that the generator can tell a cell made short by a reviewer, which it generates for again, from one that ended
 * short.
 */
public record JobProgress(int schemaVersion, String jobId, Map<String, CellProgress> cells, long outcomes,
        long accepted, long rejected, long duplicates, double costUsd, Instant at, StageCosts cost,
        long reviewerRejected) {

    public JobProgress {
        cells = cells == null ? Map.of() : Map.copyOf(cells);
    }

    /** Without a split by stage, as records of the first version are. */
    public JobProgress(int schemaVersion, String jobId, Map<String, CellProgress> cells, long outcomes,
            long accepted, long rejected, long duplicates, double costUsd, Instant at) {
        this(schemaVersion, jobId, cells, outcomes, accepted, rejected, duplicates, costUsd, at, null, 0);
    }

    /** Without reviewers' rejections, as records written before reviews are. */
    public JobProgress(int schemaVersion, String jobId, Map<String, CellProgress> cells, long outcomes,
            long accepted, long rejected, long duplicates, double costUsd, Instant at, StageCosts cost) {
        this(schemaVersion, jobId, cells, outcomes, accepted, rejected, duplicates, costUsd, at, cost, 0);
    }

    /** The exporter's account: counts, and the teacher and judge cost of the candidates it holds an outcome for. */
    public static JobProgress of(String jobId, Map<String, CellProgress> cells, long accepted, long rejected,
            long duplicates, double generationUsd, double judgeUsd, Instant at) {
        return of(jobId, cells, accepted, rejected, duplicates, generationUsd, judgeUsd, at, 0);
    }

    /** As above, with {@code reviewerRejected} of the rejected counted in. */
    public static JobProgress of(String jobId, Map<String, CellProgress> cells, long accepted, long rejected,
            long duplicates, double generationUsd, double judgeUsd, Instant at, long reviewerRejected) {
        StageCosts cost = StageCosts.of(generationUsd, judgeUsd, accepted);
        return new JobProgress(SchemaVersions.CURRENT, jobId, cells, accepted + rejected + duplicates, accepted,
                rejected, duplicates, cost.totalUsd(), at, cost, reviewerRejected);
    }

    /**
     * Whether this account is at least as new as {@code other}: more outcomes, or as many with at least as many
     * reviewers' rejections (a rejection moves an example from accepted to rejected and adds no outcome).
     */
    public boolean supersedes(JobProgress other) {
        return other == null || outcomes > other.outcomes
                || outcomes == other.outcomes && reviewerRejected >= other.reviewerRejected;
    }
}
