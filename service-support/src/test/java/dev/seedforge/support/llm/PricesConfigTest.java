package dev.seedforge.support.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;

import dev.seedforge.contracts.tokens.PriceTable;

class PricesConfigTest {

    private static PricesConfig.ModelPrices prices(double input, Double cached, double output) {
        return new PricesConfig.ModelPrices() {
            @Override
            public double inputPerMillion() {
                return input;
            }

            @Override
            public OptionalDouble cachedInputPerMillion() {
                return cached == null ? OptionalDouble.empty() : OptionalDouble.of(cached);
            }

            @Override
            public double outputPerMillion() {
                return output;
            }
        };
    }

    private static PricesConfig config(Map<String, PricesConfig.ModelPrices> models) {
        return new PricesConfig() {
            @Override
            public double inputPerMillion() {
                return 0.4;
            }

            @Override
            public double cachedInputPerMillion() {
                return 0.1;
            }

            @Override
            public double outputPerMillion() {
                return 1.6;
            }

            @Override
            public double batchShare() {
                return 0.5;
            }

            @Override
            public Map<String, ModelPrices> models() {
                return models;
            }
        };
    }

    @Test
    void aModelIsPricedAsConfiguredElseAtItsListPriceElseAtTheDefault() {
        PricesConfig config = config(Map.of("claude-haiku-4-5", prices(0.5, null, 2.5), "gemini-2.5", prices(0.2, 0.02, 1.0)));
        assertEquals(new PriceTable(0.5, 0.5, 2.5), config.table("claude-haiku-4-5-20251001"),
                "configured, the cached price defaulting to the input price");
        assertEquals(new PriceTable(0.2, 0.02, 1.0), config.table("gemini-2.5-flash"),
                "a configured prefix wins over the list");
        assertEquals(new PriceTable(3.00, 0.30, 15.00), config.table("claude-sonnet-4-5"), "the list price");
        assertEquals(new PriceTable(0.4, 0.1, 1.6), config.table("gpt-4.1-mini"), "the configured default");
        assertEquals(config.table(), config.table(null));
    }

    @Test
    void aBatchCallCostsTheBatchShareOfTheRealTimePrice() {
        PricesConfig config = config(Map.of("claude-haiku-4-5", prices(0.5, null, 2.5)));
        assertEquals(new PriceTable(0.2, 0.05, 0.8), config.table("gpt-4o-mini", true), "half the default");
        assertEquals(new PriceTable(0.25, 0.25, 1.25), config.table("claude-haiku-4-5", true),
                "half the configured price");
        assertEquals(config.table("gpt-4o-mini"), config.table("gpt-4o-mini", false));
        assertEquals(config.table("x").cost(1000, 200, 500) / 2, config.table("x", true).cost(1000, 200, 500), 1e-12);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> PriceTable.GPT_4O_MINI.times(0));
    }
}
