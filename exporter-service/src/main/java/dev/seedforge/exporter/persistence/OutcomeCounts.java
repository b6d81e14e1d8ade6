package dev.seedforge.exporter.persistence;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.seedforge.exporter.domain.OutcomeStatus;

/** What the database holds of a job so far: outcomes by status (in all and per plan cell) and their cost. */
public record OutcomeCounts(long accepted, long rejected, long duplicates, double generationCostUsd,
        double judgeCostUsd, Map<String, CellCounts> cells) {

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
            double judgeCostUsd) {
        this(accepted, rejected, duplicates, generationCostUsd, judgeCostUsd, Map.of());
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
