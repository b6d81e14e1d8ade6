package dev.seedforge.generator.persistence;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import dev.seedforge.contracts.CellProgress;
import dev.seedforge.contracts.JobProgress;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.JobStatus;
import dev.seedforge.contracts.Plan;
import dev.seedforge.contracts.PlanCell;

/**
 * A job as the generator keeps it, read once and typed: callers never parse the stored JSON columns themselves.
 * {@code progress} is the exporter's latest account (null before the first); {@code reviewRejectionsAnswered} counts
 * the reviewers' rejections it has answered (above 0: the job generated again to replace examples reviewers rejected);
 * {@code emittedPerCell} the candidates emitted per plan cell as booked with the job, null when the job's row does not
 * keep them ({@link JobStore#emittedPerCell(JobState)} counts them then).
 */
public record JobState(String id, String owner, JobStatus status, String reason, JobSpec spec, Plan plan,
        JobProgress progress, long candidatesEmitted, long callsMade, int failedCallsInARow, long inputTokens,
        long outputTokens, double generationCostUsd, Instant createdAt, Instant updatedAt,
        Map<String, CellProgress> baseline, long reviewRejectionsAnswered, Map<String, Long> emittedPerCell) {

    public JobState {
        baseline = baseline == null ? Map.of() : Map.copyOf(baseline);
        emittedPerCell = emittedPerCell == null ? null : Map.copyOf(emittedPerCell);
    }

    /** A cell's outcome counts since the job was last resumed (all of them if it never was). */
    public CellProgress sinceResume(String cellId) {
        CellProgress now = progress == null ? null : progress.cells().get(cellId);
        if (now == null) {
            return new CellProgress(cell(cellId).quota(), 0, 0, 0);
        }
        CellProgress then = baseline.get(cellId);
        return then == null ? now
                : new CellProgress(now.quota(), Math.max(now.accepted() - then.accepted(), 0),
                        Math.max(now.rejected() - then.rejected(), 0),
                        Math.max(now.duplicates() - then.duplicates(), 0));
    }

    /** Generating again (or was) to replace examples reviewers rejected: its export exists and is held. */
    public boolean replacing() {
        return reviewRejectionsAnswered > 0;
    }

    public PlanCell cell(String cellId) {
        return plan.cells().stream().filter(c -> c.id().equals(cellId)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no plan cell " + cellId + " in job " + id));
    }

    private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, CellProgress>> BASELINE = new com.fasterxml.jackson.core.type.TypeReference<>() {
    };

    /**
     * Per job, its spec and plan as last read, with the JSON they were read from: a generation pass reads its job
     * several times, and they change only on a resume or a pilot's re-plan. Bounded; emptied when full.
     */
    private static final Map<String, Parsed> PARSED = new ConcurrentHashMap<>();
    private static final int PARSED_JOBS = 64;

    private record Parsed(String specJson, JobSpec spec, String planJson, Plan plan) {
    }

    private static Parsed parsed(JobEntity job) {
        Parsed known = PARSED.get(job.id);
        if (known != null && known.specJson().equals(job.specJson) && Objects.equals(known.planJson(), job.planJson)) {
            return known;
        }
        Parsed read = new Parsed(job.specJson, JobStore.read(job.specJson, JobSpec.class), job.planJson,
                job.planJson == null ? null : JobStore.read(job.planJson, Plan.class));
        if (PARSED.size() >= PARSED_JOBS) {
            PARSED.clear();
        }
        PARSED.put(job.id, read);
        return read;
    }

    static JobState of(JobEntity job) {
        Parsed parsed = parsed(job);
        return new JobState(job.id, job.owner, job.status, job.reason, parsed.spec(), parsed.plan(),
                job.progressJson == null ? null : JobStore.read(job.progressJson, JobProgress.class),
                job.candidatesEmitted, job.callsMade, job.failedCallsInARow, job.inputTokens, job.outputTokens,
                job.generationCostUsd, job.createdAt, job.updatedAt,
                job.baselineJson == null ? null : JobStore.read(job.baselineJson, BASELINE),
                job.reviewRejectionsAnswered == null ? 0 : job.reviewRejectionsAnswered,
                job.emittedPerCellJson == null ? null : JobStore.read(job.emittedPerCellJson, JobStore.EMITTED_PER_CELL));
    }
}
