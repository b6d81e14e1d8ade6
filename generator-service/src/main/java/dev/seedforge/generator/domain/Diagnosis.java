package dev.seedforge.generator.domain;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import dev.seedforge.contracts.CellProgress;
import dev.seedforge.contracts.DiversitySpec;

/**
 * The text a paused job shows its user: which cells are stuck and how, what was spent, and what to change. The CLI
 * prints it as is, so it is written for a person.
 */
final class Diagnosis {

    /**
     * Cells named one by one; a job of many small cells that all fail is summed up after these, so the diagnosis stays
     * readable and fits where a job's reason is kept.
     */
    static final int CELLS_LISTED = 10;

    private Diagnosis() {
    }

    private static long outcomes(CellProgress recent) {
        return recent.accepted() + recent.rejected() + recent.duplicates();
    }

    static String of(List<NextCalls.Cell> stuck, NextCalls.Situation situation) {
        DiversitySpec thresholds = situation.diversity().withDefaults();
        long emitted = situation.cells().stream().mapToLong(NextCalls.Cell::emitted).sum();
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "paused: %d %s producing"
                + " duplicates or rejections despite the diversity levers (about $%.4f spent, %d of %d candidates):",
                stuck.size(), stuck.size() == 1 ? "cell keeps" : "cells keep", situation.spentUsd(), emitted,
                situation.candidateCap()));
        List<NextCalls.Cell> mostOutcomesFirst = stuck.stream()
                .sorted(Comparator.comparingLong((NextCalls.Cell cell) -> outcomes(cell.sinceResume())).reversed())
                .toList();
        for (NextCalls.Cell cell : mostOutcomesFirst.subList(0, Math.min(CELLS_LISTED, stuck.size()))) {
            CellProgress recent = cell.sinceResume();
            long outcomes = outcomes(recent);
            text.append(String.format(Locale.ROOT, "\n  - %s: %.0f%% duplicates, %.0f%% rejected of %d outcomes;"
                    + " %d of %d accepted", cell.plan().id(), 100.0 * recent.duplicates() / outcomes,
                    100.0 * recent.rejected() / outcomes, outcomes, cell.accepted(), cell.plan().quota()));
        }
        List<NextCalls.Cell> rest = mostOutcomesFirst.subList(Math.min(CELLS_LISTED, stuck.size()), stuck.size());
        if (!rest.isEmpty()) {
            long outcomes = rest.stream().mapToLong(cell -> outcomes(cell.sinceResume())).sum();
            long duplicates = rest.stream().mapToLong(cell -> cell.sinceResume().duplicates()).sum();
            long rejected = rest.stream().mapToLong(cell -> cell.sinceResume().rejected()).sum();
            text.append(String.format(Locale.ROOT, "\n  - and %d more cells: %.0f%% duplicates, %.0f%% rejected of"
                    + " %d outcomes together", rest.size(), 100.0 * duplicates / outcomes, 100.0 * rejected / outcomes,
                    outcomes));
        }
        text.append(String.format(Locale.ROOT, "\nWhat you can change: more, and more varied, seeds (`seeds`);"
                + " more or wider `axes`; looser dedup thresholds (`dedup`) if the duplicates are not real ones,"
                + " or the judge's `min_score` and the `rules` if the rejections are too strict; or accept the waste"
                + " with a higher `diversity.pause_duplicate_rate` / `pause_reject_rate` (now %.2f / %.2f). Send the"
                + " changed fields to POST /jobs/{id}/resume.", thresholds.pauseDuplicateRate(),
                thresholds.pauseRejectRate()));
        return text.toString();
    }
}
