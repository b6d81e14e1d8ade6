package dev.seedforge.contracts.tokens;

/**
 * The one price table and cost calculator of the teacher and the judge: US dollars per million tokens, input tokens
 * served from the provider's prompt cache at their own price. The default is gpt-4o-mini's list price. Each service
 * configures its model's prices ({@code PricesConfig} in service-support) and maps them into this table.
 */
public record PriceTable(double inputPerMillion, double cachedInputPerMillion, double outputPerMillion) {

    public static final PriceTable GPT_4O_MINI = new PriceTable(0.15, 0.075, 0.60);

    /** What a call costs; cached tokens are part of the input tokens, so never more of them than of those. */
    public double cost(long inputTokens, long cachedInputTokens, long outputTokens) {
        long cached = Math.max(0, Math.min(cachedInputTokens, inputTokens));
        return ((inputTokens - cached) * inputPerMillion + cached * cachedInputPerMillion
                + outputTokens * outputPerMillion) / 1_000_000.0;
    }
}
