package dev.seedforge.exporter.domain;

import java.util.List;

/** The quality gate's verdict with the thresholds it applied, so a reader sees why it passed or failed. */
public record GateResult(boolean passed, List<String> failures, int minCount, double maxDuplicateRatio) {

    public GateResult {
        failures = failures == null ? List.of() : List.copyOf(failures);
    }
}
