package dev.seedforge.validator.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.seedforge.validator.judge.JudgeBatchRoundPlan.Next;
import dev.seedforge.validator.judge.JudgeBatchRoundPlan.Settings;
import dev.seedforge.validator.judge.JudgeBatchRoundPlan.Waiting;

class JudgeBatchRoundPlanTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private static final Settings SETTINGS = new Settings(Duration.ofSeconds(30), 3, 4, 2);

    private static List<Waiting> waiting(String job, String cell, int count, Duration ago, int attempts) {
        List<Waiting> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(new Waiting(job + "-" + cell + "-" + i, job, cell, NOW.minus(ago).plusMillis(i), attempts));
        }
        return list;
    }

    @Test
    void aRoundIsDueWhenEnoughWaitForItsCallsOrTheOldestWaitedTheLinger() {
        Map<String, Integer> sizes = Map.of("a", 5, "b", 5, "c", 5);
        List<Waiting> all = new ArrayList<>();
        all.addAll(waiting("a", "x", 15, Duration.ofSeconds(1), 0)); // three full calls: due
        all.addAll(waiting("b", "x", 14, Duration.ofSeconds(1), 0)); // one short, fresh: waits
        all.addAll(waiting("c", "x", 2, Duration.ofSeconds(30), 0)); // few but lingered: due
        Next next = JudgeBatchRoundPlan.next(all, sizes::get, SETTINGS, NOW);
        assertEquals(List.of("c", "a"), next.rounds().stream().map(JudgeBatchRoundPlan.Round::jobId).toList(),
                "the job waiting longest first");
        assertEquals(List.of(2), next.rounds().get(0).calls().stream().map(List::size).toList());
        assertEquals(List.of(5, 5, 5), next.rounds().get(1).calls().stream().map(List::size).toList());
        assertTrue(next.givenUp().isEmpty());
        Next later = JudgeBatchRoundPlan.next(waiting("b", "x", 14, Duration.ofSeconds(31), 0), sizes::get, SETTINGS,
                NOW);
        assertEquals(List.of(5, 5, 4), later.rounds().get(0).calls().stream().map(List::size).toList(),
                "the job's own batch size, the last call short");
    }

    @Test
    void callsFollowTheJobsBatchSizeGroupByCellAndARoundHoldsAtMostItsCap() {
        List<Waiting> all = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String cell = i % 2 == 0 ? "even" : "odd";
            all.add(new Waiting("j-" + i, "j", cell, NOW.minusSeconds(60).plusMillis(i), 0));
        }
        Next next = JudgeBatchRoundPlan.next(all, job -> 3, SETTINGS, NOW);
        JudgeBatchRoundPlan.Round round = next.rounds().get(0);
        assertEquals(4, round.calls().size(), "at most max-calls-per-round calls");
        assertEquals(12, round.candidates());
        // the 12 oldest, the even cell's first, each cell in arrival order
        assertEquals(List.of("j-0", "j-2", "j-4"), round.calls().get(0));
        assertEquals(List.of("j-6", "j-8", "j-10"), round.calls().get(1));
        assertEquals(List.of("j-1", "j-3", "j-5"), round.calls().get(2));
        Next one = JudgeBatchRoundPlan.next(all, job -> 50, SETTINGS, NOW);
        assertEquals(1, one.rounds().get(0).calls().size());
        assertEquals(30, one.rounds().get(0).candidates());
    }

    @Test
    void aCandidateAskedMaxAttemptsTimesIsGivenUpNotAskedAgain() {
        List<Waiting> all = new ArrayList<>();
        all.addAll(waiting("a", "x", 2, Duration.ofSeconds(60), 1)); // asked once, failed: asked again
        all.addAll(waiting("a", "y", 3, Duration.ofSeconds(60), 2)); // asked twice: given up
        Next next = JudgeBatchRoundPlan.next(all, job -> 10, SETTINGS, NOW);
        assertEquals(List.of("a-y-0", "a-y-1", "a-y-2"), next.givenUp().stream().map(Waiting::candidateId).toList());
        assertEquals(List.of(List.of("a-x-0", "a-x-1")), next.rounds().get(0).calls());
        assertTrue(JudgeBatchRoundPlan.next(List.of(), job -> 10, SETTINGS, NOW).rounds().isEmpty());
    }

    @Test
    void settingsBelowOneAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Settings(Duration.ZERO, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Settings(Duration.ZERO, 1, 1, 0));
    }
}
