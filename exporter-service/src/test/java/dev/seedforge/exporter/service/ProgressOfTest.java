package dev.seedforge.exporter.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.seedforge.contracts.CellProgress;
import dev.seedforge.contracts.JobProgress;
import dev.seedforge.exporter.persistence.OutcomeCounts;

/** Progress events per plan cell with their quotas, and the one cell {@code all} without a plan. */
class ProgressOfTest {

    private final OutcomeCounts counts = new OutcomeCounts(5, 2, 1, 0.01, 0.002,
            Map.of("a", new OutcomeCounts.CellCounts(3, 1, 1), "b", new OutcomeCounts.CellCounts(1, 1, 0),
                    "stray", new OutcomeCounts.CellCounts(1, 0, 0)));

    @Test
    void withAPlanEachCellHasItsQuotaAndCounts() {
        Map<String, Long> quotas = new LinkedHashMap<>();
        quotas.put("a", 4L);
        quotas.put("b", 2L);
        quotas.put("c", 1L);
        JobProgress progress = OutcomeLedger.progressOf("job-1", counts, quotas);
        assertEquals(new CellProgress(4, 3, 1, 1), progress.cells().get("a"));
        assertEquals(new CellProgress(2, 1, 1, 0), progress.cells().get("b"));
        assertEquals(new CellProgress(1, 0, 0, 0), progress.cells().get("c"), "a cell without outcomes yet");
        assertEquals(new CellProgress(0, 1, 0, 0), progress.cells().get("stray"), "a cell outside the plan");
        assertEquals(8, progress.outcomes());
        assertEquals(0.012, progress.costUsd(), 1e-12);
        assertEquals(0.01, progress.cost().generationUsd(), 1e-12);
        assertEquals(0.002, progress.cost().judgeUsd(), 1e-12);
        assertEquals(0.012, progress.cost().totalUsd(), 1e-12);
        assertEquals(0.012 / 5, progress.cost().perAcceptedExampleUsd(), 1e-12, "over the 5 accepted");
    }

    @Test
    void withoutAPlanEveryOutcomeCountsForAll() {
        JobProgress progress = OutcomeLedger.progressOf("job-1", counts, Map.of("all", 60L));
        assertEquals(Map.of("all", new CellProgress(60, 5, 2, 1)), progress.cells());
    }

    @Test
    void anExampleAReviewerRejectedCountsAsRejectedInItsCellAndTheTotalsWithTheCostsKept() {
        OutcomeCounts reviewed = counts.afterReviews(Map.of("a", 1L, "b", 5L, "nowhere", 2L));
        assertEquals(new OutcomeCounts.CellCounts(2, 2, 1), reviewed.cells().get("a"));
        assertEquals(new OutcomeCounts.CellCounts(0, 2, 0), reviewed.cells().get("b"),
                "never more than the cell accepted");
        assertEquals(2, reviewed.reviewerRejected());
        assertEquals(3, reviewed.accepted());
        assertEquals(4, reviewed.rejected());
        assertEquals(counts.outcomes(), reviewed.outcomes(), "a rejection adds no outcome");
        assertEquals(counts.costUsd(), reviewed.costUsd(), 1e-15);
        Map<String, Long> quotas = new LinkedHashMap<>();
        quotas.put("a", 3L);
        quotas.put("b", 1L);
        JobProgress progress = OutcomeLedger.progressOf("job-1", reviewed, quotas);
        assertEquals(new CellProgress(3, 2, 2, 1), progress.cells().get("a"), "cell a is one short of its quota");
        assertEquals(2, progress.reviewerRejected());
        assertEquals(8, progress.outcomes());
    }
}
