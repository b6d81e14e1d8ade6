package dev.seedforge.generator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.seedforge.contracts.PlanCell;
import dev.seedforge.generator.domain.CandidateQuota.CellState;

class CandidateQuotaTest {

    private static final PlanCell A = new PlanCell("a", Map.of(), "simple", false, 40);
    private static final PlanCell B = new PlanCell("b", Map.of(), "edge_case", false, 20);

    @Test
    void aNewJobAsksForExactlyItsQuotasFirst() {
        // no outcome yet: whatever the yield turns out to be, these candidates cannot overshoot a quota
        CandidateQuota.Decision decision = CandidateQuota.next(List.of(new CellState(A, 0, 0, 0),
                new CellState(B, 0, 0, 0)), 240);
        assertEquals(Map.of("a", 40, "b", 20), decision.toGenerate());
        assertFalse(decision.finish());
    }

    @Test
    void candidatesInFlightCountAgainstWhatIsMissing() {
        CandidateQuota.Decision decision = CandidateQuota.next(List.of(new CellState(A, 0, 0, 50),
                new CellState(B, 0, 0, 10)), 240);
        assertEquals(Map.of("b", 10), decision.toGenerate());
    }

    @Test
    void whileACellHasCandidatesInFlightItIsAskedForWholeCallsOnly() {
        // b misses 20, 5 in flight, 15 to ask for: one whole call of 10 now, the rest once outcomes are in
        CandidateQuota.Decision inFlight = CandidateQuota.next(List.of(new CellState(A, 0, 0, 50),
                new CellState(B, 0, 0, 5)), 240, 10);
        assertEquals(Map.of("b", 10), inFlight.toGenerate());
        // 7 missing at the observed 13 of 15 need 9, 5 are in flight: nothing until they are decided
        CandidateQuota.Decision waiting = CandidateQuota.next(List.of(new CellState(B, 13, 15, 20)), 240, 10);
        assertEquals(Map.of(), waiting.toGenerate());
        assertFalse(waiting.finish());
        // nothing in flight: the partial last call goes out, 7 missing at the observed 13 of 20 (10.3, rounded down:
        // no more than the cell is expected to accept)
        CandidateQuota.Decision last = CandidateQuota.next(List.of(new CellState(B, 13, 20, 20)), 240, 10);
        assertEquals(Map.of("b", 10), last.toGenerate());
    }

    @Test
    void theObservedYieldDrivesTheSizing() {
        // half the outcomes were accepted: cell a misses 20; its 10 in flight count as accepted until decided, and the
        // other 10 need 16 candidates at that yield (about 0.59: the outcomes' one half, with the 10 in flight weighing
        // in as accepted; rounded down)
        CandidateQuota.Decision decision = CandidateQuota.next(List.of(new CellState(A, 20, 40, 50),
                new CellState(B, 20, 40, 40)), 1000);
        assertEquals(Map.of("a", 16), decision.toGenerate());
    }

    @Test
    void theCapIsNeverPassedAndTheMostMissingCellGoesFirst() {
        CandidateQuota.Decision decision = CandidateQuota.next(List.of(new CellState(A, 0, 100, 100),
                new CellState(B, 10, 20, 20)), 130);
        assertEquals(10, decision.toGenerate().get("a"));
        assertEquals(10, decision.total());
    }

    @Test
    void finishesWhenEveryQuotaIsMetOrTheCapReached() {
        CandidateQuota.Decision met = CandidateQuota.next(List.of(new CellState(A, 45, 50, 50),
                new CellState(B, 20, 24, 25)), 240);
        assertTrue(met.finish());
        assertEquals("every quota met: 60 of 60 accepted", met.reason());
        CandidateQuota.Decision surplusDoesNotCover = CandidateQuota.next(List.of(new CellState(A, 60, 60, 60),
                new CellState(B, 5, 10, 10)), 240);
        assertFalse(surplusDoesNotCover.finish(), "a cell's surplus never fills another cell's quota");
        CandidateQuota.Decision capped = CandidateQuota.next(List.of(new CellState(A, 10, 100, 120),
                new CellState(B, 2, 100, 120)), 240);
        assertTrue(capped.finish());
        assertTrue(capped.reason().startsWith("candidate cap of 240 reached"), capped.reason());
    }

    @Test
    void eachCellIsSizedAtItsOwnYieldSoAnEasyCellGetsNoSurplus() {
        // a accepts all 30 of its outcomes, b 2 of 40: the job's yield (32 / 70) would ask 22 more of a for 10 missing
        CandidateQuota.Decision decision = CandidateQuota.next(List.of(new CellState(A, 30, 30, 30),
                new CellState(B, 2, 40, 40)), 1000);
        assertTrue(decision.toGenerate().get("a") <= 12, decision.toString());
        // b misses 18 at its own (shrunk) yield (2 + 10 x 34 / 72) / 50 = 0.134: 133 (rounded down), not the 38 the job yield
        // says
        assertEquals(133, decision.toGenerate().get("b"));
    }

    @Test
    void aSmallCellIsNeverAskedForMoreThanItIsExpectedToAccept() {
        // 3 missing at a yield of about 0.82 (8 of 10 accepted): 3.7 to the nearest would be 4, and a dozen such cells
        // left one each beyond their quotas (math-word-problems: 7 to 10 of 60); rounded down, 3
        PlanCell small = new PlanCell("c", Map.of(), "simple", false, 11);
        assertEquals(Map.of("c", 3), CandidateQuota.next(List.of(new CellState(small, 8, 10, 10)), 1000)
                .toGenerate());
    }

    @Test
    void rejectionsThatComeBackFirstDoNotMakeACellAskForTooMany() {
        // a cell of 8 whose first call of 5 has 2 outcomes, both rejected (a format check answers before the judge),
        // and 3 in flight: 5 uncovered. Counting only the outcomes, its yield was 0.42 and it asked 10 (two calls); with
        // the 3 in flight weighing in as accepted, 0.68: 7, one whole call of 5 while candidates are in flight
        PlanCell cell = new PlanCell("c", Map.of(), "simple", false, 8);
        assertEquals(Map.of("c", 5), CandidateQuota.next(List.of(new CellState(cell, 0, 2, 5)), 1000, 5)
                .toGenerate());
    }
}
