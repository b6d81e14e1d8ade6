package dev.seedforge.exporter.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.seedforge.contracts.PlanCell;

/** Sets what was exported against what the plan asked for: per cell, per axis value, per complexity, multi-turn. */
final class PlanReport {

    private PlanReport() {
    }

    static QualityReport.PlanDistribution of(ExportJob job, List<Outcome> outcomes, List<Outcome> exported) {
        Map<String, long[]> statuses = new HashMap<>();
        for (Outcome outcome : outcomes) {
            long[] counts = statuses.computeIfAbsent(job.cellOf(outcome), k -> new long[3]);
            counts[outcome.status().ordinal()]++;
        }
        Map<String, Long> exportedPerCell = new HashMap<>();
        exported.forEach(o -> exportedPerCell.merge(job.cellOf(o), 1L, Long::sum));

        List<QualityReport.CellRow> rows = new ArrayList<>();
        Map<String, Map<String, long[]>> axes = new LinkedHashMap<>();
        Map<String, long[]> complexity = new LinkedHashMap<>();
        long[] multiTurn = new long[2];
        for (PlanCell cell : job.cells()) {
            long[] counts = statuses.getOrDefault(cell.id(), new long[3]);
            long out = exportedPerCell.getOrDefault(cell.id(), 0L);
            rows.add(new QualityReport.CellRow(cell.id(), cell.axes(), cell.complexity(), cell.multiTurn(),
                    cell.quota(), counts[OutcomeStatus.ACCEPTED.ordinal()], counts[OutcomeStatus.REJECTED.ordinal()],
                    counts[OutcomeStatus.DUPLICATE.ordinal()], out));
            cell.axes().forEach((axis, value) -> add(axes.computeIfAbsent(axis, k -> new LinkedHashMap<>()), value,
                    cell.quota(), out));
            if (cell.complexity() != null) {
                add(complexity, cell.complexity(), cell.quota(), out);
            }
            if (cell.multiTurn()) {
                multiTurn[0] += cell.quota();
                multiTurn[1] += out;
            }
        }
        Map<String, Map<String, QualityReport.Planned>> axesOut = new LinkedHashMap<>();
        axes.forEach((axis, values) -> axesOut.put(axis, planned(values)));
        return new QualityReport.PlanDistribution(job.planned(), rows, axesOut, planned(complexity),
                new QualityReport.Planned(multiTurn[0], multiTurn[1]));
    }

    private static void add(Map<String, long[]> values, String value, long quota, long exported) {
        long[] sums = values.computeIfAbsent(value, k -> new long[2]);
        sums[0] += quota;
        sums[1] += exported;
    }

    private static Map<String, QualityReport.Planned> planned(Map<String, long[]> values) {
        Map<String, QualityReport.Planned> result = new LinkedHashMap<>();
        values.forEach((value, sums) -> result.put(value, new QualityReport.Planned(sums[0], sums[1])));
        return result.isEmpty() ? new TreeMap<>() : result;
    }
}
