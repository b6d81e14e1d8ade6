package dev.seedforge.contracts;

/** What a plan is expected to cost, from token counts of its real prompts and the configured prices. */
public record CostEstimate(long teacherCalls, long inputTokens, long outputTokens, long judgeCalls, double teacherUsd,
        double judgeUsd, double totalUsd, String prices) {
}
