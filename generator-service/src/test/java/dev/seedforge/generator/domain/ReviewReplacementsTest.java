package dev.seedforge.generator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.seedforge.contracts.CellProgress;
import dev.seedforge.contracts.JobProgress;
import dev.seedforge.contracts.JobStatus;
import dev.seedforge.contracts.Plan;
import dev.seedforge.contracts.PlanCell;
import dev.seedforge.generator.domain.NextCalls.Cell;
import dev.seedforge.generator.domain.NextCalls.Decision;
import dev.seedforge.generator.domain.NextCalls.Ending;
import dev.seedforge.generator.domain.NextCalls.Situation;

/** When a reviewer's rejection sends a held job back to generating, and what it does then. */
class ReviewReplacementsTest {

    private static final PlanCell A = new PlanCell("op=a", Map.of("op", "a"), "simple", false, 2);
    private static final PlanCell B = new PlanCell("op=b", Map.of("op", "b"), "simple", false, 2);
    private static final Plan PLAN = new Plan(List.of(A, B), List.of(), null);

    /** Cell a accepted {@code a}, b accepted 2; {@code reviewerRejected} of them rejected by reviewers. */
    private static JobProgress progress(long a, long reviewerRejected) {
        Map<String, CellProgress> cells = new LinkedHashMap<>();
        cells.put(A.id(), new CellProgress(2, a, 1 + (2 - a), 0));
        cells.put(B.id(), new CellProgress(2, 2, 1, 0));
        return JobProgress.of("job-1", cells, a + 2, 2 + (2 - a), 0, 0.01, 0.002, Instant.EPOCH, reviewerRejected);
    }

    @Test
    void aNewRejectionThatLeavesACellShortReopensAHeldJobForThatCell() {
        ReviewReplacements.Decision decision = ReviewReplacements.decide(JobStatus.FINALIZING, 0, progress(1, 1),
                PLAN);
        assertTrue(decision.reopen());
        assertEquals(List.of("op=a"), decision.cells());
        assertEquals("generating replacements for 1 example a reviewer rejected, for op=a", decision.reason());
    }

    @Test
    void aRejectionAlreadyAnsweredReopensNothingSoAJobThatCouldNotReplaceItStopsForGood() {
        assertFalse(ReviewReplacements.decide(JobStatus.FINALIZING, 1, progress(1, 1), PLAN).reopen());
        assertTrue(ReviewReplacements.decide(JobStatus.FINALIZING, 1, progress(0, 2), PLAN).reopen(),
                "a second rejection is new");
    }

    @Test
    void aRejectionReplacedFromSurplusOrACellShortWithoutOneReopensNothing() {
        assertFalse(ReviewReplacements.decide(JobStatus.FINALIZING, 0, progress(2, 1), PLAN).reopen(),
                "the cell still fills its quota");
        assertFalse(ReviewReplacements.decide(JobStatus.FINALIZING, 0, progress(1, 0), PLAN).reopen(),
                "short at the end (cap, budget), not by a reviewer");
    }

    @Test
    void anExporterCountingOnlyTheWholeJobReopensItWhenTheTotalIsShort() {
        JobProgress whole = JobProgress.of("job-1", Map.of("all", new CellProgress(4, 3, 1, 0)), 3, 1, 0, 0, 0,
                Instant.EPOCH, 1);
        ReviewReplacements.Decision decision = ReviewReplacements.decide(JobStatus.FINALIZING, 0, whole, PLAN);
        assertTrue(decision.reopen());
        assertEquals(List.of("op=a", "op=b"), decision.cells());
        JobProgress full = JobProgress.of("job-1", Map.of("all", new CellProgress(4, 4, 1, 0)), 4, 1, 0, 0, 0,
                Instant.EPOCH, 1);
        assertFalse(ReviewReplacements.decide(JobStatus.FINALIZING, 0, full, PLAN).reopen());
    }

    @Test
    void onlyAJobWaitingForItsExportIsReopened() {
        for (JobStatus status : List.of(JobStatus.GENERATING, JobStatus.PAUSED, JobStatus.COMPLETED,
                JobStatus.CANCELLED, JobStatus.FAILED)) {
            assertFalse(ReviewReplacements.decide(status, 0, progress(1, 1), PLAN).reopen(), status.name());
        }
    }

    private static Situation replacing(int failedCalls, Cell... cells) {
        return new Situation(List.of(cells), true, 0, 0, 120, null, 0.0, 5, 4, failedCalls, 8,
                dev.seedforge.contracts.DiversitySpec.DEFAULT, true);
    }

    @Test
    void aReopenedJobCallsForTheShortCellOnly() {
        Decision decision = NextCalls.decide(replacing(0, new Cell(A, 1, 2, 0, 3), new Cell(B, 2, 1, 0, 3)),
                (cell, count) -> 0.01);
        Decision.MakeCalls make = assertInstanceOf(Decision.MakeCalls.class, decision);
        assertEquals(List.of("op=a"), make.calls().stream().map(NextCalls.Call::cellId).distinct().toList());
    }

    @Test
    void aReopenedJobThatCannotReplaceStopsFinalizingRatherThanFailOrPause() {
        Decision.Stop failed = assertInstanceOf(Decision.Stop.class,
                NextCalls.decide(replacing(8, new Cell(A, 1, 2, 0, 3)), (cell, count) -> 0.01));
        assertEquals(Ending.FINALIZING, failed.ending(), "its dataset is written: it is held again as it is");
        assertTrue(failed.reason().endsWith(NextCalls.HELD_WITHOUT), failed.reason());
        Decision.Stop stuck = assertInstanceOf(Decision.Stop.class,
                NextCalls.decide(replacing(0, new Cell(A, 1, 2, 30, 33)), (cell, count) -> 0.01));
        assertEquals(Ending.FINALIZING, stuck.ending());
        assertTrue(stuck.reason().contains("duplicates") && stuck.reason().endsWith(NextCalls.HELD_WITHOUT),
                stuck.reason());
        Decision.Stop done = assertInstanceOf(Decision.Stop.class,
                NextCalls.decide(replacing(0, new Cell(A, 2, 2, 0, 4)), (cell, count) -> 0.01));
        assertEquals(Ending.FINALIZING, done.ending());
        assertTrue(done.reason().startsWith("every quota met"), done.reason());
    }
}
