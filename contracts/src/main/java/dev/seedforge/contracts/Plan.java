package dev.seedforge.contracts;

import java.util.List;

/**
 * What a job will do before it does it: its cells with their quotas, one prompt it will send, and what it should
 * cost. Served with the job, so the exporter reads the quotas from it.
 */
public record Plan(List<PlanCell> cells, List<ChatTurn> examplePrompt, CostEstimate estimate) {

    public Plan {
        cells = cells == null ? List.of() : List.copyOf(cells);
        examplePrompt = examplePrompt == null ? List.of() : List.copyOf(examplePrompt);
    }

    public int totalQuota() {
        return cells.stream().mapToInt(PlanCell::quota).sum();
    }
}
