package dev.seedforge.dedup.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class IdleJobsTest {

    @Test
    void aJobUnusedForTheIdleTimeIsDroppedAndOneUsedSinceIsKept() {
        IdleJobs jobs = new IdleJobs();
        jobs.used("a", 0);
        jobs.used("b", 500);
        jobs.used("a", 100);

        assertEquals(List.of(), jobs.idle(699, 600), "a was used at 100: 599 ms idle is not yet 600");
        assertEquals(List.of("a"), jobs.idle(700, 600));
        assertTrue(jobs.dropIfIdle("a", 700, 600));
        assertEquals(1, jobs.size(), "a is no longer tracked, b is");
        assertFalse(jobs.dropIfIdle("a", 800, 600), "already dropped");

        assertEquals(List.of("b"), jobs.idle(1_100, 600));
        jobs.used("b", 1_050); // a batch of b came between the sweep's look and its drop
        assertFalse(jobs.dropIfIdle("b", 1_100, 600), "used since: its indexes stay");
        assertEquals(List.of("b"), jobs.idle(1_650, 600));
    }

    @Test
    void aLateTimeNeverMovesTheLastUseBack() {
        IdleJobs jobs = new IdleJobs();
        jobs.used("a", 1_000);
        jobs.used("a", 400); // a slower thread reporting an earlier use
        assertEquals(List.of(), jobs.idle(1_500, 600));
    }
}
