package dev.seedforge.exporter.persistence;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.seedforge.exporter.domain.OutcomeStatus;

/**
 * What the database holds of a job so far: outcomes by status (in all and per plan cell) and their cost.
 * {@code reviewerRejected} counts the accepted examples reviewers rejected since, which are counted as rejected.
 */
public record OutcomeCounts(long accepted, long rejected, long duplicates, double generationCostUsd,
        double judgeCostUsd, Map<String, CellCounts> cells, long reviewerRejected) {

    /** Outcomes of one plan cell by status. */
    public record CellCounts(long accepted, long rejected, long duplicates) {

        CellCounts plus(OutcomeStatus status, long count) {
            return switch (status) {
                case ACCEPTED -> new CellCounts(accepted + count, rejected, duplicates);
                case REJECTED -> new CellCounts(accepted, rejected + count, duplicates);
                case DUPLICATE -> new CellCounts(accepted, rejected, duplicates + count);
            };
        }
    }

    public OutcomeCounts {
        cells = cells == null ? Map.of() : Map.copyOf(cells);
    }

    public OutcomeCounts(long accepted, long rejected, long duplicates, double generationCostUsd,
            double judgeCostUsd, Map<String, CellCounts> cells) {
        this(accepted, rejected, duplicates, generationCostUsd, judgeCostUsd, cells, 0);
    }

    public OutcomeCounts(long accepted, long rejected, long duplicates, double generationCostUsd,
            double judgeCostUsd) {
        this(accepted, rejected, duplicates, generationCostUsd, judgeCostUsd, Map.of());
    }

    /**
     * The counts as reviewers leave them: each accepted example a reviewer rejected (per cell, from
     * {@code rejectedPerCell}) moves from accepted to rejected, so the generator sees its cell short again. Outcomes
     * and costs stay as they are: a rejection adds no candidate and costs nothing.
     */
    public OutcomeCounts afterReviews(Map<String, Long> rejectedPerCell) {
        Map<String, CellCounts> reviewed = new TreeMap<>(cells);
        long moved = 0;
        for (Map.Entry<String, Long> entry : rejectedPerCell.entrySet()) {
            CellCounts c = reviewed.get(entry.getKey());
            long count = c == null ? 0 : Math.min(entry.getValue(), c.accepted());
            if (count > 0) {
                reviewed.put(entry.getKey(), new CellCounts(c.accepted() - count, c.rejected() + count,
                        c.duplicates()));
                moved += count;
            }
        }
        return new OutcomeCounts(accepted - moved, rejected + moved, duplicates, generationCostUsd, judgeCostUsd,
                reviewed, reviewerRejected + moved);
    }

    /** Rows of (cell, status, count, generation cost, judge cost). */
    static OutcomeCounts of(List<Object[]> rows) {
        long accepted = 0;
        long rejected = 0;
        long duplicates = 0;
        double generation = 0;
        double judge = 0;
        Map<String, CellCounts> cells = new TreeMap<>();
        for (Object[] row : rows) {
            String cell = (String) row[0];
            OutcomeStatus status = OutcomeStatus.valueOf((String) row[1]);
            long count = ((Number) row[2]).longValue();
            switch (status) {
                case ACCEPTED -> accepted += count;
                case REJECTED -> rejected += count;
                case DUPLICATE -> duplicates += count;
            }
            cells.merge(cell, new CellCounts(0, 0, 0).plus(status, count),
                    (a, b) -> new CellCounts(a.accepted + b.accepted, a.rejected + b.rejected,
                            a.duplicates + b.duplicates));
            generation += ((Number) row[3]).doubleValue();
            judge += ((Number) row[4]).doubleValue();
        }
        return new OutcomeCounts(accepted, rejected, duplicates, generation, judge, cells);
    }

    public long outcomes() {
        return accepted + rejected + duplicates;
    }

    public double costUsd() {
        return generationCostUsd + judgeCostUsd;
    }
}
