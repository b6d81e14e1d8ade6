package dev.seedforge.exporter.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

import dev.seedforge.contracts.ExportSpec;

/**
 * Decides whether a dataset is good enough to hand over: enough examples, few enough duplicates, and every exported
 * line readable in the job's format. A failed gate does not stop the export; it is reported and announced.
 */
public final class QualityGate {

    /** Default largest share of duplicates among accepted candidates (duplicates / (accepted + duplicates)). */
    public static final double DEFAULT_MAX_DUPLICATE_RATIO = 0.05;

    private final OptionalInt minCount;
    private final double maxDuplicateRatio;

    /**
     * @param minCount the fewest exported examples that pass; empty means the job's target
     * @param maxDuplicateRatio the duplicate ratio must stay strictly below this
     */
    public QualityGate(OptionalInt minCount, double maxDuplicateRatio) {
        this.minCount = minCount;
        this.maxDuplicateRatio = maxDuplicateRatio;
    }

    public static QualityGate defaults() {
        return new QualityGate(OptionalInt.empty(), DEFAULT_MAX_DUPLICATE_RATIO);
    }

    /** This gate with the job's own thresholds ({@code export.gate} of the spec) where it sets them. */
    public QualityGate forJob(ExportSpec.GateSpec spec) {
        if (spec == null) {
            return this;
        }
        return new QualityGate(spec.minCount() == null ? minCount : OptionalInt.of(spec.minCount()),
                spec.maxDuplicateRatio() == null ? maxDuplicateRatio : spec.maxDuplicateRatio());
    }

    public GateResult evaluate(int target, int exported, double duplicateRatio, List<String> formatErrors) {
        int min = minCount.orElse(target);
        List<String> failures = new ArrayList<>();
        if (exported < min) {
            failures.add("min_count: " + exported + " examples exported, at least " + min + " required");
        }
        if (duplicateRatio >= maxDuplicateRatio) {
            failures.add(String.format(Locale.ROOT, "max_duplicate_ratio: duplicate ratio %.4f is not below %.4f",
                    duplicateRatio, maxDuplicateRatio));
        }
        if (!formatErrors.isEmpty()) {
            failures.add("format_errors: " + formatErrors.size() + " exported line(s) unreadable, first: "
                    + formatErrors.get(0));
        }
        return new GateResult(failures.isEmpty(), failures, min, maxDuplicateRatio);
    }
}
