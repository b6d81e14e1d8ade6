package dev.seedforge.generator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.seedforge.contracts.PlanCell;
import dev.seedforge.generator.domain.BatchRoundPlan.Next;
import dev.seedforge.generator.domain.BatchRoundPlan.Pending;
import dev.seedforge.generator.domain.NextCalls.Call;
import dev.seedforge.generator.domain.NextCalls.Cell;
import dev.seedforge.generator.domain.NextCalls.Decision;
import dev.seedforge.generator.domain.NextCalls.Situation;

class BatchRoundPlanTest {

    private static final PlanCell A = new PlanCell("op=create", Map.of("op", "create"), "simple", false, 40);
    private static final PlanCell B = new PlanCell("op=delete", Map.of("op", "delete"), "simple", false, 12);
    private static final NextCalls.CallCost CENT = (cell, count) -> 0.01;

    /** Four call slots, as in real time: a round must not be held to them. */
    private static Situation situation(Cell... cells) {
        return new Situation(List.of(cells), true, 0, 0, 1000, null, 0, 5, 4, 0, 8, null, false, 200);
    }

    private static int examples(List<Call> calls, String cell) {
        return calls.stream().filter(c -> c.cellId().equals(cell)).mapToInt(Call::count).sum();
    }

    @Test
    void aFirstRoundAsksEveryCellAtOnceWhatNextCallsWouldWithEverySlotFree() {
        Next next = BatchRoundPlan.next(situation(new Cell(A, 0, 0, 0, 0), new Cell(B, 0, 0, 0, 0)), List.of(), 3,
                50_000, CENT);
        Next.Round round = assertInstanceOf(Next.Round.class, next);
        // NextCalls' pilot window: at most 20 of A's 40 before outcomes vouch for more; all 12 of B
        assertEquals(20, examples(round.newCalls(), A.id()));
        assertEquals(12, examples(round.newCalls(), B.id()));
        assertTrue(round.newCalls().size() > 4, "more calls than the real-time slots: " + round.newCalls().size());
        assertEquals(List.of(), round.again());
    }

    @Test
    void aLaterRoundIsSizedOnTheMeasuredYieldOnceEveryOutcomeIsIn() {
        // A: 20 emitted, 20 outcomes, 15 accepted; B: 12 of 12 accepted
        Next next = BatchRoundPlan.next(situation(new Cell(A, 15, 5, 0, 20), new Cell(B, 12, 0, 0, 12)), List.of(),
                3, 50_000, CENT);
        Next.Round round = assertInstanceOf(Next.Round.class, next);
        assertEquals(0, examples(round.newCalls(), B.id()), "B is full");
        // 25 missing at A's yield (shrunk toward the job's), within the window of max(20, outcomes)
        int asked = examples(round.newCalls(), A.id());
        assertTrue(asked >= 20 && asked <= 35, "asked " + asked);
    }

    @Test
    void noRoundStartsWhileCandidatesAreInFlight() {
        Next next = BatchRoundPlan.next(situation(new Cell(A, 10, 0, 0, 20), new Cell(B, 0, 0, 0, 12)), List.of(), 3,
                50_000, CENT);
        Decision.Wait wait = assertInstanceOf(Decision.Wait.class, assertInstanceOf(Next.Carry.class, next).decision());
        assertTrue(wait.reason().contains("22 candidates in flight"), wait.reason());
    }

    @Test
    void aJobWhoseQuotasAreMetStopsAsInRealTime() {
        Next next = BatchRoundPlan.next(situation(new Cell(A, 40, 3, 1, 44), new Cell(B, 12, 0, 0, 12)),
                List.of(new Pending(9, A.id(), 5, 1)), 3, 50_000, CENT);
        Decision.Stop stop = assertInstanceOf(Decision.Stop.class, assertInstanceOf(Next.Carry.class, next).decision());
        assertEquals(NextCalls.Ending.FINALIZING, stop.ending());
    }

    @Test
    void unansweredRequestsGoAgainAndCountAgainstTheirCellsNeed() {
        // B: 12 missing; 10 of them in two requests an expired batch left unanswered
        List<Pending> pending = List.of(new Pending(7, B.id(), 5, 1), new Pending(8, B.id(), 5, 1));
        Next next = BatchRoundPlan.next(situation(new Cell(A, 40, 0, 0, 40), new Cell(B, 0, 0, 0, 0)), pending, 3,
                50_000, CENT);
        Next.Round round = assertInstanceOf(Next.Round.class, next);
        assertEquals(pending, round.again());
        // the 2 they do not cover are less than a whole call, and a cell with candidates on the way asks in whole
        // calls (CandidateQuota): the next round asks for them at the yield measured by then
        assertEquals(0, examples(round.newCalls(), B.id()), "only what the requests sent again do not cover");
        assertEquals(List.of(), round.givenUp());
    }

    @Test
    void aRequestSentMaxAttemptsTimesIsGivenUp() {
        List<Pending> pending = List.of(new Pending(7, B.id(), 5, 3), new Pending(8, B.id(), 5, 2));
        Next.Round round = assertInstanceOf(Next.Round.class, BatchRoundPlan.next(
                situation(new Cell(A, 40, 0, 0, 40), new Cell(B, 0, 0, 0, 0)), pending, 3, 50_000, CENT));
        assertEquals(List.of(pending.get(1)), round.again());
        assertEquals(List.of(pending.get(0)), round.givenUp());
        // 7 uncovered, in whole calls while 5 are on the way
        assertEquals(5, examples(round.newCalls(), B.id()), "the given-up request's examples are asked anew");
    }

    @Test
    void aRoundHoldsAtMostMaxRequests() {
        Next.Round round = assertInstanceOf(Next.Round.class, BatchRoundPlan.next(
                situation(new Cell(A, 0, 0, 0, 0), new Cell(B, 0, 0, 0, 0)), List.of(new Pending(1, A.id(), 5, 0)), 3,
                3, CENT));
        assertEquals(3, round.requests());
        assertEquals(1, round.again().size());
    }

    @Test
    void aRoundStaysWithinTheBudget() {
        Situation tight = new Situation(List.of(new Cell(A, 0, 0, 0, 0)), true, 0, 0, 1000, 0.035, 0, 5, 4, 0, 8,
                null, false, 200);
        Next.Round round = assertInstanceOf(Next.Round.class, BatchRoundPlan.next(tight, List.of(), 3, 50_000, CENT));
        assertEquals(3, round.newCalls().size(), "three calls of a cent fit $0.035");
    }
}
