package dev.seedforge.exporter.persistence;

import java.util.List;

import dev.seedforge.exporter.domain.OutcomeStatus;

/** What the database holds of a job so far: outcomes by status and their cost. */
public record OutcomeCounts(long accepted, long rejected, long duplicates, double generationCostUsd,
        double judgeCostUsd) {

    static OutcomeCounts of(List<Object[]> rows) {
        long accepted = 0;
        long rejected = 0;
        long duplicates = 0;
        double generation = 0;
        double judge = 0;
        for (Object[] row : rows) {
            long count = ((Number) row[1]).longValue();
            switch (OutcomeStatus.valueOf((String) row[0])) {
                case ACCEPTED -> accepted = count;
                case REJECTED -> rejected = count;
                case DUPLICATE -> duplicates = count;
            }
            generation += ((Number) row[2]).doubleValue();
            judge += ((Number) row[3]).doubleValue();
        }
        return new OutcomeCounts(accepted, rejected, duplicates, generation, judge);
    }

    public long outcomes() {
        return accepted + rejected + duplicates;
    }

    public double costUsd() {
        return generationCostUsd + judgeCostUsd;
    }
}
