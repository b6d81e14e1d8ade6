package dev.seedforge.generator.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.seedforge.contracts.CellProgress;
import dev.seedforge.contracts.JobProgress;
import dev.seedforge.contracts.PlanCell;
import dev.seedforge.generator.config.GeneratorConfig;
import dev.seedforge.generator.domain.CostEstimator;
import dev.seedforge.generator.domain.NextCalls;
import dev.seedforge.generator.persistence.JobState;
import dev.seedforge.generator.persistence.JobStore;

/** Gathers a job's state into the situation {@link NextCalls} decides on. */
final class Situations {

    private Situations() {
    }

    /** With no call out and the job counted alone (batch rounds count their requests out themselves). */
    static NextCalls.Situation of(JobState job, Map<String, Long> emitted, GeneratorConfig config) {
        return of(job, emitted, List.of(), 0, 1, config);
    }

    /**
     * What the decision works from: the plan, the exporter's latest counts and judge cost, what was emitted and spent, and the
     * calls
     * still out (their examples count as emitted, their estimated cost as committed, each holds a call slot);
     * {@code jobsGenerating} is how many jobs generate at once, this one included.
     */
    static NextCalls.Situation of(JobState job, Map<String, Long> emitted, List<JobStore.PendingCall> pending,
            double pendingUsd, int jobsGenerating, GeneratorConfig config) {
        Map<String, Long> emittedOrAsked = new HashMap<>(emitted);
        pending.forEach(call -> emittedOrAsked.merge(call.cell(), (long) call.count(), Long::sum));
        long asked = pending.stream().mapToLong(JobStore.PendingCall::count).sum();
        JobProgress progress = job.progress();
        List<NextCalls.Cell> cells = new ArrayList<>();
        for (PlanCell cell : job.plan().cells()) {
            CellProgress counts = progress == null ? null : progress.cells().get(cell.id());
            cells.add(new NextCalls.Cell(cell, counts == null ? 0 : counts.accepted(),
                    counts == null ? 0 : counts.rejected(), counts == null ? 0 : counts.duplicates(),
                    emittedOrAsked.getOrDefault(cell.id(), 0L), job.sinceResume(cell.id())));
        }
        // an account of the first version holds no judge cost: its outcomes stay at the estimate
        boolean judgeCounted = progress != null && progress.cost() != null;
        boolean countedPerCell = progress == null
                || job.plan().cells().stream().anyMatch(cell -> progress.cells().containsKey(cell.id()));
        return new NextCalls.Situation(cells, countedPerCell, progress == null ? 0 : progress.accepted(),
                progress == null ? 0 : progress.outcomes(), job.spec().maxCandidates(), job.spec().budgetUsd(),
                CostEstimator.spentOrCommitted(job.generationCostUsd(),
                        judgeCounted ? progress.cost().judgeUsd() : 0, judgeCounted ? progress.outcomes() : 0,
                        job.candidatesEmitted() + asked,
                        job.plan().estimate(), job.spec().examplesPerCall()) + pendingUsd,
                job.spec().examplesPerCall(),
                NextCalls.freeSlots(config.maxConcurrentCalls(), pending.size(), job.spec().budgetUsd(),
                        job.callsMade() - pending.size()),
                job.failedCallsInARow(), config.maxConsecutiveFailedCalls(), job.spec().diversity(), job.replacing(),
                NextCalls.inFlightCap(config.maxCandidatesInFlight(), jobsGenerating));
    }

}
