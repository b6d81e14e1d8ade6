package dev.seedforge.generator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CandidateQuotaTest {

    @Test
    void aNewJobAsksForTheTargetOverThePriorYield() {
        CandidateQuota.Decision decision = CandidateQuota.next(60, 0, 0, 0, 240, 0.8);
        assertEquals(75, decision.toGenerate());
        assertFalse(decision.finish());
    }

    @Test
    void candidatesInFlightCountAgainstWhatIsMissing() {
        assertEquals(0, CandidateQuota.next(60, 0, 0, 75, 240, 0.8).toGenerate());
        assertFalse(CandidateQuota.next(60, 0, 0, 75, 240, 0.8).finish());
    }

    @Test
    void theObservedYieldReplacesThePriorOnceThereAreOutcomes() {
        // half the candidates survive: 20 missing need 40 more, 10 are still in flight
        assertEquals(30, CandidateQuota.next(60, 40, 80, 90, 1000, 0.8).toGenerate());
    }

    @Test
    void aVeryLowYieldIsBoundedAndTheCapIsNeverPassed() {
        assertEquals(20, CandidateQuota.next(60, 0, 100, 100, 120, 0.8).toGenerate());
    }

    @Test
    void finishesWhenTheQuotaIsMetOrTheCapReached() {
        CandidateQuota.Decision met = CandidateQuota.next(60, 60, 70, 75, 240, 0.8);
        assertTrue(met.finish());
        assertEquals("every quota met: 60 of 60 accepted", met.reason());
        CandidateQuota.Decision capped = CandidateQuota.next(60, 12, 100, 240, 240, 0.8);
        assertTrue(capped.finish());
        assertTrue(capped.reason().startsWith("candidate cap of 240 reached"), capped.reason());
    }
}
