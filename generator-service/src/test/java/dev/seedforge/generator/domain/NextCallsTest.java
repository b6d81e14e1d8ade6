package dev.seedforge.generator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.seedforge.contracts.PlanCell;
import dev.seedforge.generator.domain.NextCalls.Call;
import dev.seedforge.generator.domain.NextCalls.Cell;
import dev.seedforge.generator.domain.NextCalls.Decision;
import dev.seedforge.generator.domain.NextCalls.Ending;
import dev.seedforge.generator.domain.NextCalls.Situation;

class NextCallsTest {

    private static final PlanCell SIMPLE = new PlanCell("op=create|complexity=simple", Map.of("op", "create"),
            "simple", false, 20);
    private static final PlanCell EDGE = new PlanCell("op=create|complexity=edge_case", Map.of("op", "create"),
            "edge_case", false, 10);
    private static final NextCalls.CallCost CENT_PER_CALL = (cell, count) -> 0.01;

    private static Situation situation(List<Cell> cells, Double budget, double spent, int slots, int failed) {
        return new Situation(cells, true, 0, 0, 120, budget, spent, 5, slots, failed, 8);
    }

    private static Situation situation(Cell... cells) {
        return situation(List.of(cells), null, 0, 4, 0);
    }

    @Test
    void aNewJobCallsForEachCellInWholeCallsUpToTheFreeSlots() {
        Decision decision = NextCalls.decide(situation(List.of(new Cell(SIMPLE, 0, 0, 0, 0),
                new Cell(EDGE, 0, 0, 0, 0)), null, 0, 6, 0), CENT_PER_CALL);
        // simple: 20 / 0.8 = 25, but a pilot of 20 until outcomes vouch for more; edge: 10 / 0.8 = 13 -> 3 calls,
        // and only 6 slots in all
        MakeCallsAssert.calls(decision, List.of(new Call(SIMPLE.id(), 5, false), new Call(SIMPLE.id(), 5, false),
                new Call(SIMPLE.id(), 5, false), new Call(SIMPLE.id(), 5, false), new Call(EDGE.id(), 5, false),
                new Call(EDGE.id(), 5, false)));
    }

    @Test
    void aCellsCandidatesInFlightGrowOnlyWithItsOutcomes() {
        PlanCell big = new PlanCell("big", Map.of(), "simple", false, 300);
        // 40 outcomes, 30 accepted: 270 missing at 0.75 want 360, but no more than 40 in flight; 25 are already
        MakeCallsAssert.calls(NextCalls.decide(situation(List.of(new Cell(big, 30, 10, 0, 65)), null, 0, 8, 0),
                CENT_PER_CALL),
                List.of(new Call("big", 5, false), new Call("big", 5, false),
                        new Call("big", 5, false)));
    }

    @Test
    void aWindowThatCutsACellShortFreesWholeCallsOnly() {
        PlanCell big = new PlanCell("big", Map.of(), "simple", false, 100);
        // 8 outcomes, all accepted, 16 in flight: the window of 20 has room for 4, less than a call of 5: wait
        assertInstanceOf(Decision.Wait.class, NextCalls.decide(situation(List.of(new Cell(big, 8, 0, 0, 24)), null,
                0, 8, 0), CENT_PER_CALL));
        // 27 outcomes, 16 in flight: room for 11, two calls of 5 (not a third of 1)
        MakeCallsAssert.calls(NextCalls.decide(situation(List.of(new Cell(big, 27, 0, 0, 43)), null, 0, 8, 0),
                CENT_PER_CALL), List.of(new Call("big", 5, false), new Call("big", 5, false)));
        // nothing in flight: the window's room is used whole, so a cell never waits on itself
        assertEquals(3, NextCalls.withinPilot(situation(new Cell(big, 0, 0, 0, 0)), big, 3));
    }

    private static Situation withThresholds(Cell... cells) {
        return new Situation(List.of(cells), true, 0, 0, 1200, null, 0.0042, 5, 4, 0, 8,
                dev.seedforge.contracts.DiversitySpec.DEFAULT);
    }

    @Test
    void aCellThatKeepsRepeatingItselfPausesTheJobWithADiagnosis() {
        PlanCell thin = new PlanCell("complexity=simple", Map.of(), "simple", false, 300);
        Decision decision = NextCalls.decide(withThresholds(new Cell(thin, 3, 1, 28, 40)), CENT_PER_CALL);
        Decision.Pause pause = assertInstanceOf(Decision.Pause.class, decision);
        assertEquals(List.of("complexity=simple"), pause.stuck().stream().map(c -> c.plan().id()).toList());
        assertTrue(pause.diagnosis().contains("complexity=simple: 88% duplicates, 3% rejected of 32 outcomes;"
                + " 3 of 300 accepted"), pause.diagnosis());
        assertTrue(pause.diagnosis().contains("$0.0042 spent, 40 of 1200 candidates"), pause.diagnosis());
        assertTrue(pause.diagnosis().contains("seeds") && pause.diagnosis().contains("POST /jobs/{id}/resume"));
    }

    @Test
    void rejectionsPauseToo_butNotBeforeEnoughOutcomesNorForACellAtItsQuota() {
        PlanCell cell = new PlanCell("c", Map.of(), "edge_case", false, 50);
        assertInstanceOf(Decision.Pause.class, NextCalls.decide(withThresholds(new Cell(cell, 2, 29, 0, 40)),
                CENT_PER_CALL), "29 of 31 rejected");
        assertInstanceOf(Decision.MakeCalls.class, NextCalls.decide(withThresholds(new Cell(cell, 1, 28, 0, 29)),
                CENT_PER_CALL), "29 outcomes: too few to tell");
        PlanCell small = new PlanCell("s", Map.of(), "simple", false, 5);
        assertInstanceOf(Decision.Stop.class, NextCalls.decide(withThresholds(new Cell(small, 5, 0, 40, 45)),
                CENT_PER_CALL), "a cell at its quota is done, however many duplicates it had");
    }

    @Test
    void manyCellsThatAllFailPauseTheJobBeforeAnyOneHasEnoughOutcomes() {
        List<Cell> cells = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            PlanCell cell = new PlanCell("label=" + i + "|complexity=simple", Map.of("label", "" + i), "simple",
                    false, 10);
            cells.add(new Cell(cell, 0, 3, 0, 20));
        }
        Situation allRejected = new Situation(cells, true, 0, 0, 480, null, 0.01, 5, 4, 0, 8,
                dev.seedforge.contracts.DiversitySpec.DEFAULT);
        Decision.Pause pause = assertInstanceOf(Decision.Pause.class, NextCalls.decide(allRejected, CENT_PER_CALL),
                "36 outcomes, all rejected, 3 per cell");
        assertEquals(12, pause.stuck().size());
        assertTrue(pause.diagnosis().contains("label=0|complexity=simple: 0% duplicates, 100% rejected of 3 outcomes"),
                pause.diagnosis());
        assertTrue(pause.diagnosis().contains("\n  - and 2 more cells: 0% duplicates, 100% rejected of 6 outcomes"
                + " together"), pause.diagnosis());
        assertEquals(Diagnosis.CELLS_LISTED + 1, pause.diagnosis().lines().filter(l -> l.startsWith("  - ")).count(),
                pause.diagnosis());

        List<Cell> mixed = new java.util.ArrayList<>(cells.subList(0, 6));
        for (int i = 6; i < 12; i++) {
            mixed.add(new Cell(cells.get(i).plan(), 3, 0, 0, 20));
        }
        Decision goOn = NextCalls.decide(new Situation(mixed, true, 0, 0, 480, null, 0.01, 5, 4, 0, 8,
                dev.seedforge.contracts.DiversitySpec.DEFAULT), CENT_PER_CALL);
        assertFalse(goOn instanceof Decision.Pause,
                "half the cells work: 50% rejected job-wide is no reason to stop the others: " + goOn);
    }

    @Test
    void afterAResumeOnlyTheOutcomesSinceCountTowardAPause() {
        PlanCell thin = new PlanCell("complexity=simple", Map.of(), "simple", false, 300);
        Cell resumed = new Cell(thin, 13, 1, 38, 60,
                new dev.seedforge.contracts.CellProgress(300, 10, 0, 10));
        assertInstanceOf(Decision.MakeCalls.class, NextCalls.decide(withThresholds(resumed), CENT_PER_CALL),
                "20 outcomes since the resume are too few to pause again");
    }

    @Test
    void aHardCellEvolvesOnceASimplerSiblingHasCandidates() {
        Decision decision = NextCalls.decide(situation(new Cell(SIMPLE, 20, 0, 0, 20),
                new Cell(EDGE, 0, 0, 0, 0)), CENT_PER_CALL);
        assertTrue(((Decision.MakeCalls) decision).calls().stream().allMatch(c -> c.cellId().equals(EDGE.id())
                && c.evolve()), decision.toString());
        PlanCell otherAxis = new PlanCell("op=delete|complexity=edge_case", Map.of("op", "delete"), "edge_case",
                false, 10);
        Decision noSibling = NextCalls.decide(situation(new Cell(SIMPLE, 20, 0, 0, 20),
                new Cell(otherAxis, 0, 0, 0, 0)), CENT_PER_CALL);
        assertTrue(((Decision.MakeCalls) noSibling).calls().stream().noneMatch(Call::evolve),
                "a sibling must share the axis values");
    }

    @Test
    void aMetQuotaGetsNoCallEvenWhenAnotherCellIsShort() {
        // simple is over its quota (surplus): only edge is asked for, and only what it misses
        Decision decision = NextCalls.decide(situation(new Cell(SIMPLE, 25, 0, 0, 25),
                new Cell(EDGE, 8, 2, 0, 10)), CENT_PER_CALL);
        // edge misses 2 at its yield (8 of 10, shrunk toward the job's): 2.3, rounded to 2 candidates, nothing in
        // flight; its sibling has examples
        MakeCallsAssert.calls(decision, List.of(new Call(EDGE.id(), 2, true)));
    }

    @Test
    void candidatesInFlightAreWaitedForRatherThanOverAskedFor() {
        Decision decision = NextCalls.decide(situation(new Cell(SIMPLE, 18, 2, 0, 25),
                new Cell(EDGE, 10, 0, 0, 10)), CENT_PER_CALL);
        assertInstanceOf(Decision.Wait.class, decision, "2 missing, 5 in flight at a yield of 0.9");
    }

    @Test
    void stopsFinalizingWhenEveryQuotaIsMet() {
        Decision decision = NextCalls.decide(situation(new Cell(SIMPLE, 20, 3, 2, 25),
                new Cell(EDGE, 10, 0, 0, 10)), CENT_PER_CALL);
        assertEquals(new Decision.Stop(Ending.FINALIZING, "every quota met: 30 of 30 accepted"), decision);
    }

    @Test
    void stopsFinalizingAtTheCandidateCap() {
        Decision decision = NextCalls.decide(situation(new Cell(SIMPLE, 5, 55, 0, 60),
                new Cell(EDGE, 2, 58, 0, 60)), CENT_PER_CALL);
        Decision.Stop stop = assertInstanceOf(Decision.Stop.class, decision);
        assertEquals(Ending.FINALIZING, stop.ending());
        assertTrue(stop.reason().startsWith("candidate cap of 120 reached"), stop.reason());
    }

    @Test
    void aJobWithABudgetHasOneCallSlotUntilOneOfItsCallsIsAnswered() {
        assertEquals(1, NextCalls.freeSlots(8, 0, 0.5, 0));
        assertEquals(0, NextCalls.freeSlots(8, 1, 0.5, 0));
        assertEquals(7, NextCalls.freeSlots(8, 1, 0.5, 1));
        assertEquals(8, NextCalls.freeSlots(8, 0, null, 0), "no budget: every slot from the start");
        assertEquals(0, NextCalls.freeSlots(8, 9, null, 3));
    }

    @Test
    void theBudgetStopsCallsThatItCannotCoverAndEndsTheJobOnceNothingIsInFlight() {
        // $0.035 left: three calls at a cent each fit, the fourth does not
        Decision partial = NextCalls.decide(situation(List.of(new Cell(SIMPLE, 0, 0, 0, 0)), 0.05, 0.015, 8, 0),
                CENT_PER_CALL);
        assertEquals(3, ((Decision.MakeCalls) partial).calls().size());
        Decision waiting = NextCalls.decide(situation(List.of(new Cell(SIMPLE, 0, 0, 0, 15)), 0.05, 0.045, 8, 0),
                CENT_PER_CALL);
        Decision.Wait wait = assertInstanceOf(Decision.Wait.class, waiting, "15 candidates are still in flight");
        assertTrue(wait.reason().startsWith("budget of $0.0500 reached"), wait.reason());
        Decision ended = NextCalls.decide(situation(List.of(new Cell(SIMPLE, 10, 5, 0, 15)), 0.05, 0.045, 8, 0),
                CENT_PER_CALL);
        Decision.Stop stop = assertInstanceOf(Decision.Stop.class, ended);
        assertEquals(Ending.FINALIZING, stop.ending());
        assertTrue(stop.reason().startsWith("budget of $0.0500 reached: $0.0450 spent"), stop.reason());
    }

    @Test
    void aTeacherThatKeepsFailingFailsTheJob() {
        Decision decision = NextCalls.decide(situation(List.of(new Cell(SIMPLE, 0, 0, 0, 0)), null, 0, 4, 8),
                CENT_PER_CALL);
        Decision.Stop stop = assertInstanceOf(Decision.Stop.class, decision);
        assertEquals(Ending.FAILED, stop.ending());
        assertTrue(stop.reason().contains("8 calls in a row"), stop.reason());
    }

    @Test
    void anExporterCountingOnlyTotalsGetsCandidatesSpreadOverTheNeediestCells() {
        Situation totals = new Situation(List.of(new Cell(SIMPLE, 0, 0, 0, 20), new Cell(EDGE, 0, 0, 0, 0)), false,
                8, 10, 120, null, 0, 5, 8, 0, 8);
        Decision decision = NextCalls.decide(totals, CENT_PER_CALL);
        List<Call> calls = ((Decision.MakeCalls) decision).calls();
        // 22 missing, 10 in flight counted as accepted until decided: 12 at the sizing yield (8 + 10 + 2) / (10 + 10 +
        // 2) need 13 more (13.2 rounded down), given to the cells with fewest per quota
        assertEquals(13, calls.stream().mapToInt(Call::count).sum());
        // edge (0 for a quota of 10) first until both have had one per quota unit, then the rest in proportion:
        // 33 over a target of 30 is 11 for edge's 10
        assertEquals(11, calls.stream().filter(c -> c.cellId().equals(EDGE.id())).mapToInt(Call::count).sum());
    }

    private static Situation capped(int cap, Cell... cells) {
        return new Situation(List.of(cells), true, 0, 0, 100_000, null, 0, 10, 8, 0, 8, null, false, cap);
    }

    @Test
    void aJobStartsNoCallOnceItsCandidatesInFlightReachItsCap() {
        PlanCell big = new PlanCell("big", Map.of(), "simple", false, 10_000);
        PlanCell other = new PlanCell("other", Map.of(), "moderate", false, 10_000);
        // 1,000 outcomes in each cell, so the pilot window allows plenty; 45 + 40 = 85 in flight, cap 100: one call of
        // 10 brings it to 95, still below, a second to 105; then no more, whichever cell would get it
        Decision decision = NextCalls.decide(capped(100, new Cell(big, 900, 100, 0, 1045),
                new Cell(other, 900, 100, 0, 1040)), CENT_PER_CALL);
        List<Call> calls = assertInstanceOf(Decision.MakeCalls.class, decision, decision.toString()).calls();
        assertEquals(2, calls.size(), calls.toString());
        assertEquals(20, calls.stream().mapToInt(Call::count).sum());

        Decision full = NextCalls.decide(capped(100, new Cell(big, 900, 100, 0, 1060),
                new Cell(other, 900, 100, 0, 1040)), CENT_PER_CALL);
        Decision.Wait wait = assertInstanceOf(Decision.Wait.class, full, full.toString());
        assertTrue(wait.reason().contains("100 candidates in flight reach its cap of 100"), wait.reason());

        Decision uncapped = NextCalls.decide(capped(0, new Cell(big, 900, 100, 0, 1060),
                new Cell(other, 900, 100, 0, 1040)), CENT_PER_CALL);
        assertEquals(8, assertInstanceOf(Decision.MakeCalls.class, uncapped, uncapped.toString()).calls().size(),
                "0 is no cap: the call slots are the limit");
    }

    @Test
    void aCapBelowOneCallStillLetsOneCallGo_andANegativeCapIsRefusedByName() {
        PlanCell cell = new PlanCell("c", Map.of(), "simple", false, 500);
        MakeCallsAssert.calls(NextCalls.decide(capped(3, new Cell(cell, 0, 0, 0, 0)), CENT_PER_CALL),
                List.of(new Call("c", 10, false)));
        assertInstanceOf(Decision.Wait.class,
                NextCalls.decide(capped(3, new Cell(cell, 0, 0, 0, 10)), CENT_PER_CALL));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> capped(-1, new Cell(cell, 0, 0, 0, 0)));
        assertTrue(e.getMessage().contains("generator.max-candidates-in-flight"), e.getMessage());
    }

    @Test
    void theCapIsSharedOutBetweenTheJobsGenerating_andBindsOnlyWhileOtherJobsGenerate() {
        assertEquals(100, NextCalls.inFlightCap(200, 2), "two jobs: half each");
        assertEquals(20, NextCalls.inFlightCap(200, 10), "ten jobs: 200 in the stages in all, not 2,000");
        assertEquals(67, NextCalls.inFlightCap(200, 3), "rounded up, so the shares add up to the cap at least");
        assertEquals(1, NextCalls.inFlightCap(200, 500), "never 0 (no cap) however many jobs share it");
        assertEquals(0, NextCalls.inFlightCap(200, 1), "a job alone crowds nobody out");
        assertEquals(0, NextCalls.inFlightCap(200, 0), "before the first count of generating jobs");
        assertEquals(0, NextCalls.inFlightCap(0, 5), "0 stays no cap");
    }

    @Test
    void aSmallShareStillLetsEachJobMakeACallAndThenWait() {
        PlanCell cell = new PlanCell("c", Map.of(), "simple", false, 500);
        int share = NextCalls.inFlightCap(200, 20); // 10 each: one call of 10
        MakeCallsAssert.calls(NextCalls.decide(capped(share, new Cell(cell, 0, 0, 0, 0)), CENT_PER_CALL),
                List.of(new Call("c", 10, false)));
        Decision wait = NextCalls.decide(capped(share, new Cell(cell, 0, 0, 0, 10)), CENT_PER_CALL);
        assertTrue(assertInstanceOf(Decision.Wait.class, wait, wait.toString()).reason()
                .contains("reach its cap of 10"), wait.toString());
    }

    /** Compares the calls of a decision, with the decision in the message when it is not calls at all. */
    private static final class MakeCallsAssert {
        static void calls(Decision decision, List<Call> expected) {
            assertEquals(expected, assertInstanceOf(Decision.MakeCalls.class, decision, decision.toString()).calls());
        }
    }
}
