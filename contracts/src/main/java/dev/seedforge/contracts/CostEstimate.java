package dev.seedforge.contracts;

/**
 * What a plan is expected to cost, from token counts of its real prompts and the configured prices. The expected
 * rates (null in estimates written before them) say how many candidates the target needs: {@code expectedYield} is
 * the share of candidates accepted and unique, {@code candidates} the candidates that makes.
 */
public record CostEstimate(long teacherCalls, long inputTokens, long outputTokens, long judgeCalls, double teacherUsd,
        double judgeUsd, double totalUsd, String prices, Double expectedYield, Double duplicateRate,
        Double judgePassRate, Long candidates, String method) {

    /** Without the expected rates, as estimates of the first version are. */
    public CostEstimate(long teacherCalls, long inputTokens, long outputTokens, long judgeCalls, double teacherUsd,
            double judgeUsd, double totalUsd, String prices) {
        this(teacherCalls, inputTokens, outputTokens, judgeCalls, teacherUsd, judgeUsd, totalUsd, prices, null, null,
                null, null, null);
    }
}
