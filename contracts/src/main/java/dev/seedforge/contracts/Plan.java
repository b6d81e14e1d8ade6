package dev.seedforge.contracts;

import java.util.List;

/**
 * What a job will do before it does it: its cells with their quotas, one prompt it will send, and what it should
 * cost. Served with the job, so the exporter reads the quotas from it. {@code warnings} name what in the spec will
 * cost the job (seeds that break its own rules); {@code seedsSetAside} are the indexes of seeds the teacher is not
 * shown for that reason.
 */
public record Plan(List<PlanCell> cells, List<ChatTurn> examplePrompt, CostEstimate estimate,
        List<FieldError> warnings, List<Integer> seedsSetAside) {

    public Plan {
        cells = cells == null ? List.of() : List.copyOf(cells);
        examplePrompt = examplePrompt == null ? List.of() : List.copyOf(examplePrompt);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        seedsSetAside = seedsSetAside == null ? List.of() : List.copyOf(seedsSetAside);
    }

    /** A plan with nothing to warn about. */
    public Plan(List<PlanCell> cells, List<ChatTurn> examplePrompt, CostEstimate estimate) {
        this(cells, examplePrompt, estimate, null, null);
    }

    /** The same plan with other warnings and seeds set aside (a resume that changed the seeds or the rules). */
    public Plan withWarnings(List<FieldError> newWarnings, List<Integer> newSeedsSetAside) {
        return new Plan(cells, examplePrompt, estimate, newWarnings, newSeedsSetAside);
    }

    /** The same plan with another estimate (measured by the pilot calls). */
    public Plan withEstimate(CostEstimate measured) {
        return new Plan(cells, examplePrompt, measured, warnings, seedsSetAside);
    }

    public int totalQuota() {
        return cells.stream().mapToInt(PlanCell::quota).sum();
    }
}
