package dev.seedforge.exporter.domain;

import java.util.List;

/**
 * The quality gate's verdict with the thresholds it applied, so a reader sees why it passed or failed.
 * {@code duplicateRatio} is the one it judged (duplicates within the exported set); {@code warnings} say what is
 * worth knowing but does not fail the dataset (such as how many candidates generation wasted on duplicates).
 */
public record GateResult(boolean passed, List<String> failures, List<String> warnings, int minCount,
        double maxDuplicateRatio, double duplicateRatio) {

    public GateResult {
        failures = failures == null ? List.of() : List.copyOf(failures);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }
}
