package dev.seedforge.console.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.seedforge.contracts.CellProgress;
import dev.seedforge.contracts.JobProgress;
import dev.seedforge.contracts.Plan;
import dev.seedforge.contracts.PlanCell;
import dev.seedforge.contracts.StageCosts;

/**
 * A job's progress as the console shows it: one row per plan cell in plan order (cells the exporter reports outside
 * the plan after them), each with accepted of quota, rejected and duplicates, plus the totals and the cost by stage.
 * Built from the plan and the latest {@code job-progress} record, either of which may be missing.
 */
public record ProgressView(List<Row> rows, long quota, long accepted, long rejected, long duplicates,
        double generationUsd, double judgeUsd, double totalUsd, boolean quotasMet) {

    /** One cell's line. {@code percent} is accepted of quota, capped at 100. */
    public record Row(String cell, long quota, long accepted, long rejected, long duplicates, int percent,
            boolean met) {
    }

    public static ProgressView of(Plan plan, JobProgress progress) {
        Map<String, CellProgress> reported = progress == null ? Map.of() : progress.cells();
        Map<String, Long> quotas = new LinkedHashMap<>();
        if (plan != null) {
            for (PlanCell cell : plan.cells()) {
                quotas.merge(cell.id(), (long) cell.quota(), Long::sum);
            }
        }
        reported.forEach((cell, counts) -> quotas.putIfAbsent(cell, counts.quota()));
        List<Row> rows = new ArrayList<>();
        long quota = 0;
        boolean allMet = !quotas.isEmpty();
        for (Map.Entry<String, Long> entry : quotas.entrySet()) {
            CellProgress counts = reported.getOrDefault(entry.getKey(), new CellProgress(entry.getValue(), 0, 0, 0));
            long cellQuota = entry.getValue();
            boolean met = counts.accepted() >= cellQuota;
            allMet &= met;
            quota += cellQuota;
            rows.add(new Row(entry.getKey(), cellQuota, counts.accepted(), counts.rejected(), counts.duplicates(),
                    percent(counts.accepted(), cellQuota), met));
        }
        StageCosts cost = progress == null ? null : progress.cost();
        double generation = cost == null ? 0 : cost.generationUsd();
        double judge = cost == null ? 0 : cost.judgeUsd();
        double total = cost != null ? cost.totalUsd() : progress == null ? 0 : progress.costUsd();
        return new ProgressView(List.copyOf(rows), quota, progress == null ? 0 : progress.accepted(),
                progress == null ? 0 : progress.rejected(), progress == null ? 0 : progress.duplicates(), generation,
                judge, total, allMet);
    }

    /** Accepted examples counted toward quotas (a cell's excess does not count), for the overall bar. */
    public long acceptedTowardQuota() {
        return rows.stream().mapToLong(row -> Math.min(row.accepted(), row.quota())).sum();
    }

    public int percent() {
        return percent(acceptedTowardQuota(), quota);
    }

    public static String usd(double value) {
        return String.format(Locale.ROOT, "$%.4f", value);
    }

    private static int percent(long part, long whole) {
        if (whole <= 0) {
            return part > 0 ? 100 : 0;
        }
        return (int) Math.min(100, part * 100 / whole);
    }
}
