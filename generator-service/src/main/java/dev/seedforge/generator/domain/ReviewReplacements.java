package dev.seedforge.generator.domain;

import java.util.List;

import dev.seedforge.contracts.CellProgress;
import dev.seedforge.contracts.JobProgress;
import dev.seedforge.contracts.JobStatus;
import dev.seedforge.contracts.Plan;
import dev.seedforge.contracts.PlanCell;

/**
 * Decides whether a job that stopped generating goes back to it because reviewers rejected exported examples that
 * left cells short. The exporter counts such an example as rejected on {@code job-progress} and says how many
 * rejections it holds ({@code reviewerRejected}); a rejection the generator has not answered yet, with a plan cell
 * now under its quota, reopens a FINALIZING job (its export is held for review). A cell that ended short for other
 * reasons (cap, budget) reopens nothing by itself, and each rejection is answered once, so a job that cannot make the
 * replacement stops again rather than loop. Pure: the store applies it.
 */
public final class ReviewReplacements {

    private ReviewReplacements() {
    }

    /** Reopen the job ({@code cells}: the plan cells under their quota), or not ({@code reason} says why). */
    public record Decision(boolean reopen, List<String> cells, String reason) {

        public Decision {
            cells = List.copyOf(cells);
        }
    }

    /**
     * @param status the job's status now
     * @param answered the reviewers' rejections the generator has already seen (0 before any)
     * @param progress the exporter's newest account of the job
     */
    public static Decision decide(JobStatus status, long answered, JobProgress progress, Plan plan) {
        if (progress == null || progress.reviewerRejected() <= answered) {
            return new Decision(false, List.of(), "no reviewer's rejection new to the generator");
        }
        if (status != JobStatus.FINALIZING) {
            return new Decision(false, List.of(), "the job is " + status + ", not waiting for its export");
        }
        List<String> shortCells = plan == null ? List.of() : shortCells(progress, plan);
        if (shortCells.isEmpty()) {
            return new Decision(false, List.of(), "every cell still fills its quota (replaced from its surplus)");
        }
        long rejections = progress.reviewerRejected() - answered;
        return new Decision(true, shortCells, "generating replacements for " + rejections + " example"
                + (rejections == 1 ? "" : "s") + " a reviewer rejected, for " + String.join(", ", shortCells));
    }

    /**
     * The plan cells under their quota; when the exporter counts the job as a whole (none of the plan's cells in its
     * counts) every cell, if the total is under the plan's.
     */
    private static List<String> shortCells(JobProgress progress, Plan plan) {
        boolean perCell = plan.cells().stream().anyMatch(cell -> progress.cells().containsKey(cell.id()));
        if (!perCell) {
            long target = plan.cells().stream().mapToLong(PlanCell::quota).sum();
            return progress.accepted() < target ? plan.cells().stream().map(PlanCell::id).toList() : List.of();
        }
        return plan.cells().stream().filter(cell -> shortOf(progress, cell)).map(PlanCell::id).toList();
    }

    private static boolean shortOf(JobProgress progress, PlanCell cell) {
        CellProgress counts = progress.cells().get(cell.id());
        return counts != null && counts.accepted() < cell.quota();
    }
}
