package dev.seedforge.contracts.tokens;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The one price table and cost calculator of the teacher and the judge: US dollars per million tokens, input tokens
 * served from the provider's prompt cache at their own price. The default is gpt-4o-mini's list price. Each service
 * configures its model's prices ({@code PricesConfig} in service-support) and maps them into this table.
 */
public record PriceTable(double inputPerMillion, double cachedInputPerMillion, double outputPerMillion) {

    public static final PriceTable GPT_4O_MINI = new PriceTable(0.15, 0.075, 0.60);

    /**
     * List prices (USD per million tokens, standard tier, prompts under 200k tokens) of a few Anthropic and Gemini
     * models, by model name prefix, as the providers' price pages gave them when this was written; a service's
     * configuration overrides them ({@code generator.prices.models."NAME".*}). Anthropic's cached price is its cache
     * read; a cache write is priced as plain input here (it costs 1.25 times that).
     */
    public static final Map<String, PriceTable> LIST_PRICES = listPrices();

    private static Map<String, PriceTable> listPrices() {
        Map<String, PriceTable> prices = new LinkedHashMap<>();
        prices.put("claude-opus-4-5", new PriceTable(5.00, 0.50, 25.00));
        prices.put("claude-sonnet-4-5", new PriceTable(3.00, 0.30, 15.00));
        prices.put("claude-sonnet-4", new PriceTable(3.00, 0.30, 15.00));
        prices.put("claude-haiku-4-5", new PriceTable(1.00, 0.10, 5.00));
        prices.put("claude-3-5-haiku", new PriceTable(0.80, 0.08, 4.00));
        prices.put("gemini-2.5-pro", new PriceTable(1.25, 0.125, 10.00));
        prices.put("gemini-2.5-flash-lite", new PriceTable(0.10, 0.01, 0.40));
        prices.put("gemini-2.5-flash", new PriceTable(0.30, 0.03, 2.50));
        prices.put("gemini-2.0-flash", new PriceTable(0.10, 0.025, 0.40));
        return Map.copyOf(prices);
    }

    /**
     * The price of {@code model} in {@code prices} (model name or name prefix to price, e.g. a dated
     * {@code claude-haiku-4-5-20251001} under {@code claude-haiku-4-5}): the longest matching prefix wins.
     */
    public static Optional<PriceTable> lookup(Map<String, PriceTable> prices, String model) {
        if (model == null) {
            return Optional.empty();
        }
        String name = model.strip().toLowerCase(Locale.ROOT);
        name = name.startsWith("models/") ? name.substring("models/".length()) : name;
        String key = name;
        return prices.entrySet().stream().filter(e -> key.startsWith(e.getKey().toLowerCase(Locale.ROOT)))
                .max(Comparator.comparingInt(e -> e.getKey().length())).map(Map.Entry::getValue);
    }

    /** These prices times {@code share}: a batch API's discounted prices ({@code 0.5}: half). */
    public PriceTable times(double share) {
        if (!(share > 0) || share > 1) {
            throw new IllegalArgumentException("a price share must be above 0 and at most 1, was " + share);
        }
        return new PriceTable(inputPerMillion * share, cachedInputPerMillion * share, outputPerMillion * share);
    }

    /** What a call costs; cached tokens are part of the input tokens, so never more of them than of those. */
    public double cost(long inputTokens, long cachedInputTokens, long outputTokens) {
        long cached = Math.max(0, Math.min(cachedInputTokens, inputTokens));
        return ((inputTokens - cached) * inputPerMillion + cached * cachedInputPerMillion
                + outputTokens * outputPerMillion) / 1_000_000.0;
    }
}
