package dev.seedforge.exporter.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

import dev.seedforge.contracts.ExportSpec;

/**
 * Decides whether a dataset is good enough to hand over: enough examples, few enough duplicates in what is handed
 * over, and every exported line readable in the job's format. A failed gate does not stop the export; it is reported
 * and announced.
 * <p>
 * The duplicate ratio judged is that of the exported set ({@link ExportedDuplicates}): a dataset is judged by what is
 * in it. How many candidates generation lost to duplicates is waste (cost, a hint that the prompt or seeds are too
 * narrow), not a defect of the files, so above the same threshold it is a warning, not a failure.
 */
public final class QualityGate {

    /** Default largest share of duplicates among the exported examples (and warning level for generation waste). */
    public static final double DEFAULT_MAX_DUPLICATE_RATIO = 0.05;

    private final OptionalInt minCount;
    private final double maxDuplicateRatio;

    /**
     * @param minCount the fewest exported examples that pass; empty means the job's target
     * @param maxDuplicateRatio the exported set's duplicate ratio must stay strictly below this
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

    /**
     * @param exportedDuplicates duplicates found within the exported set (and against the seeds): judged
     * @param candidateDuplicateRatio duplicates / (accepted + duplicates) over every candidate: warned about only
     */
    public GateResult evaluate(int target, int exported, ExportedDuplicates exportedDuplicates,
            double candidateDuplicateRatio, List<String> formatErrors) {
        int min = minCount.orElse(target);
        List<String> failures = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (exported < min) {
            failures.add("min_count: " + exported + " examples exported, at least " + min + " required");
        }
        if (exportedDuplicates.ratio() >= maxDuplicateRatio) {
            failures.add(String.format(Locale.ROOT,
                    "max_duplicate_ratio: %d of %d exported examples are duplicates (ratio %.4f, not below %.4f),"
                            + " first: %s",
                    exportedDuplicates.duplicates(), exportedDuplicates.checked(), exportedDuplicates.ratio(),
                    maxDuplicateRatio, exportedDuplicates.examples().isEmpty() ? "none listed"
                            : exportedDuplicates.examples().get(0)));
        }
        if (!formatErrors.isEmpty()) {
            failures.add("format_errors: " + formatErrors.size() + " exported line(s) unreadable, first: "
                    + formatErrors.get(0));
        }
        if (candidateDuplicateRatio >= maxDuplicateRatio) {
            warnings.add(String.format(Locale.ROOT,
                    "generation_duplicates: %.1f%% of the unique-or-duplicate candidates were duplicates (at or above"
                            + " %.1f%%); none is exported, but they cost generation and judge calls: vary the seeds or"
                            + " the prompt, or loosen dedup's thresholds",
                    100 * candidateDuplicateRatio, 100 * maxDuplicateRatio));
        }
        return new GateResult(failures.isEmpty(), failures, warnings, min, maxDuplicateRatio,
                exportedDuplicates.ratio());
    }
}
