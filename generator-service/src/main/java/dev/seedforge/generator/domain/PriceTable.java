package dev.seedforge.generator.domain;

/** USD per million tokens; the default is gpt-4o-mini's list price. */
public record PriceTable(double inputPerMillion, double cachedInputPerMillion, double outputPerMillion) {

    public static final PriceTable GPT_4O_MINI = new PriceTable(0.15, 0.075, 0.60);

    public double cost(long inputTokens, long cachedInputTokens, long outputTokens) {
        long uncached = Math.max(inputTokens - cachedInputTokens, 0);
        return (uncached * inputPerMillion + cachedInputTokens * cachedInputPerMillion
                + outputTokens * outputPerMillion) / 1_000_000.0;
    }
}
