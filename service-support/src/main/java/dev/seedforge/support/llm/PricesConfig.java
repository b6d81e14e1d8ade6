package dev.seedforge.support.llm;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

import io.smallrye.config.WithDefault;

import dev.seedforge.contracts.tokens.PriceTable;

/**
 * The prices of a service's model, as a group of its {@code @ConfigMapping} ({@code generator.prices.*},
 * {@code validator.judge.prices.*}): US dollars per million tokens, gpt-4o-mini's by default. Prices of other models,
 * by model name or prefix, under {@code models."NAME".*}
 * ({@code generator.prices.models."claude-haiku-4-5".input-per-million=1.0});
 * a model named neither there nor in {@link PriceTable#LIST_PRICES} (a few Anthropic and Gemini models) is priced at
 * the default. Every service maps them into the one {@link PriceTable}.
 */
public interface PricesConfig {

    @WithDefault("0.15")
    double inputPerMillion();

    @WithDefault("0.075")
    double cachedInputPerMillion();

    @WithDefault("0.60")
    double outputPerMillion();

    /**
     * What a call through the provider's batch API costs, as a share of its real-time price: OpenAI's Batch API and
     * Anthropic's Message Batches bill half ({@code 0.5}); set it to the provider's batch discount.
     */
    @WithDefault("0.5")
    double batchShare();

    /** Prices by model name or name prefix; the longest matching prefix wins. */
    Map<String, ModelPrices> models();

    /** One model's prices; the cached input costs as much as the uncached unless said. */
    interface ModelPrices {
        double inputPerMillion();

        OptionalDouble cachedInputPerMillion();

        double outputPerMillion();
    }

    /** The default prices: the configured OpenAI model's. */
    default PriceTable table() {
        return new PriceTable(inputPerMillion(), cachedInputPerMillion(), outputPerMillion());
    }

    /** The prices of {@code model}: configured for it, else its list price, else the default. */
    default PriceTable table(String model) {
        Map<String, PriceTable> configured = new LinkedHashMap<>();
        models().forEach((name, p) -> configured.put(name, new PriceTable(p.inputPerMillion(),
                p.cachedInputPerMillion().orElse(p.inputPerMillion()), p.outputPerMillion())));
        return PriceTable.lookup(configured, model)
                .or(() -> PriceTable.lookup(PriceTable.LIST_PRICES, model))
                .orElseGet(this::table);
    }

    /** The prices of {@code model} in real time, or through the batch API at {@link #batchShare()} of them. */
    default PriceTable table(String model, boolean batch) {
        return batch ? table(model).times(batchShare()) : table(model);
    }
}
