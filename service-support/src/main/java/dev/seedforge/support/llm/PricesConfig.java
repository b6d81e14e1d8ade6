package dev.seedforge.support.llm;

import io.smallrye.config.WithDefault;

import dev.seedforge.contracts.tokens.PriceTable;

/**
 * The prices of a service's model, as a group of its {@code @ConfigMapping} ({@code generator.prices.*},
 * {@code validator.judge.prices.*}): US dollars per million tokens, gpt-4o-mini's by default. Every service maps them
 * into the one {@link PriceTable}.
 */
public interface PricesConfig {

    @WithDefault("0.15")
    double inputPerMillion();

    @WithDefault("0.075")
    double cachedInputPerMillion();

    @WithDefault("0.60")
    double outputPerMillion();

    default PriceTable table() {
        return new PriceTable(inputPerMillion(), cachedInputPerMillion(), outputPerMillion());
    }
}
