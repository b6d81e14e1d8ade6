package dev.seedforge.validator.judge;

/** US dollars per million tokens of the judge model; a call's cost is shared equally by the candidates it judged. */
public record JudgePrices(double inputPerMillion, double cachedInputPerMillion, double outputPerMillion) {

    public double cost(long inputTokens, long cachedInputTokens, long outputTokens) {
        long cached = Math.min(cachedInputTokens, inputTokens);
        return ((inputTokens - cached) * inputPerMillion + cached * cachedInputPerMillion
                + outputTokens * outputPerMillion) / 1_000_000.0;
    }
}
