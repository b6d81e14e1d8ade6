package dev.seedforge.console.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.seedforge.contracts.CellProgress;
import dev.seedforge.contracts.JobProgress;
import dev.seedforge.contracts.Plan;
import dev.seedforge.contracts.PlanCell;

class ProgressViewTest {

    private final Plan plan = new Plan(List.of(new PlanCell("op=create", Map.of("op", "create"), "simple", false, 4),
            new PlanCell("op=delete", Map.of("op", "delete"), "simple", false, 2)), List.of(), null);

    @Test
    void rowsFollowThePlanAndCountOnlyUpToEachQuota() {
        JobProgress progress = JobProgress.of("j", Map.of("op=delete", new CellProgress(2, 3, 1, 2),
                "op=create", new CellProgress(4, 1, 0, 0)), 4, 1, 2, 0.01, 0.002, Instant.EPOCH);

        ProgressView view = ProgressView.of(plan, progress);

        assertEquals(List.of("op=create", "op=delete"), view.rows().stream().map(ProgressView.Row::cell).toList());
        assertEquals(6, view.quota());
        assertEquals(3, view.acceptedTowardQuota(), "the delete cell's third example is over its quota");
        assertEquals(50, view.percent());
        assertEquals(25, view.rows().get(0).percent());
        assertTrue(view.rows().get(1).met());
        assertFalse(view.quotasMet());
        assertEquals(0.012, view.totalUsd(), 1e-9);
        assertEquals(0.002, view.judgeUsd(), 1e-9);
    }

    @Test
    void everyCellAtItsQuotaMeetsThePlan() {
        JobProgress progress = JobProgress.of("j", Map.of("op=delete", new CellProgress(2, 2, 0, 0),
                "op=create", new CellProgress(4, 4, 0, 0)), 6, 0, 0, 0, 0, Instant.EPOCH);

        assertTrue(ProgressView.of(plan, progress).quotasMet());
        assertEquals(100, ProgressView.of(plan, progress).percent());
    }

    @Test
    void beforeAnyProgressEveryCellShowsZeroOfItsQuota() {
        ProgressView view = ProgressView.of(plan, null);

        assertEquals(2, view.rows().size());
        assertEquals(0, view.rows().get(0).accepted());
        assertEquals(4, view.rows().get(0).quota());
        assertFalse(view.quotasMet());
        assertEquals("$0.0000", ProgressView.usd(view.totalUsd()));
    }

    @Test
    void aCellOutsideThePlanIsShownAfterIt() {
        JobProgress progress = JobProgress.of("j", Map.of("all", new CellProgress(0, 1, 0, 0)), 1, 0, 0, 0, 0,
                Instant.EPOCH);

        assertEquals("all", ProgressView.of(plan, progress).rows().get(2).cell());
    }
}
