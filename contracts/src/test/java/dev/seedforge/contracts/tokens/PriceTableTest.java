package dev.seedforge.contracts.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PriceTableTest {

    private final PriceTable prices = new PriceTable(0.15, 0.075, 0.60);

    @Test
    void pricesInputCachedInputAndOutputPerMillionTokens() {
        assertEquals(0.15 + 0.60, prices.cost(1_000_000, 0, 1_000_000), 1e-12);
        assertEquals(0.075, prices.cost(1_000_000, 1_000_000, 0), 1e-12);
        assertEquals((1_000 * 0.15 + 1_000 * 0.075 + 300 * 0.60) / 1e6, prices.cost(2_000, 1_000, 300), 1e-15);
        assertEquals(PriceTable.GPT_4O_MINI, prices);
    }

    @Test
    void cachedTokensAreNeverMoreThanTheInputTokens() {
        assertEquals(prices.cost(100, 100, 0), prices.cost(100, 500, 0), 1e-15);
        assertEquals(prices.cost(100, 0, 0), prices.cost(100, -5, 0), 1e-15);
    }
}
