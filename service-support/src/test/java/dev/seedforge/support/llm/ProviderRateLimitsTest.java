package dev.seedforge.support.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** OpenAI's rate-limit headers, as its API and the project's simulator write them. */
class ProviderRateLimitsTest {

    private static final Instant NOW = Instant.parse("2025-01-15T10:00:00Z");

    @Test
    void resetDurationsInOpenAisFormats() {
        assertEquals(Duration.ofSeconds(1), ProviderRateLimits.duration("1s"));
        assertEquals(Duration.ofMinutes(6), ProviderRateLimits.duration("6m0s"));
        assertEquals(Duration.ofMillis(20), ProviderRateLimits.duration("20ms"));
        assertEquals(Duration.ofMillis(1500), ProviderRateLimits.duration("1.5s"));
        assertEquals(Duration.ofMillis(17_280), ProviderRateLimits.duration("17.28s"));
        assertEquals(Duration.ofHours(1).plusMinutes(2).plusMillis(3_500), ProviderRateLimits.duration("1h2m3.5s"));
        assertEquals(Duration.ofMinutes(1), ProviderRateLimits.duration("1m0s"));
        assertEquals(Duration.ofNanos(250_000), ProviderRateLimits.duration("250us"));
        assertEquals(Duration.ZERO, ProviderRateLimits.duration("0s"));
        assertEquals(Duration.ofSeconds(2), ProviderRateLimits.duration("2"), "a bare number is seconds");
    }

    @Test
    void anUnreadableDurationIsNullNotAnError() {
        assertNull(ProviderRateLimits.duration(null));
        assertNull(ProviderRateLimits.duration(""));
        assertNull(ProviderRateLimits.duration("soon"));
        assertNull(ProviderRateLimits.duration("5 s"));
        assertNull(ProviderRateLimits.duration("1s2x"));
    }

    @Test
    void retryAfterInSecondsOrAsAnHttpDateAndRetryAfterMsFirst() {
        assertEquals(Duration.ofSeconds(2), ProviderRateLimits.retryAfter("2", NOW));
        assertEquals(Duration.ofSeconds(30), ProviderRateLimits.retryAfter("Wed, 15 Jan 2025 10:00:30 GMT", NOW));
        assertEquals(Duration.ZERO, ProviderRateLimits.retryAfter("Wed, 15 Jan 2025 09:59:00 GMT", NOW));
        assertNull(ProviderRateLimits.retryAfter("tomorrow", NOW));
        ProviderRateLimits both = ProviderRateLimits.from(Map.of("retry-after", "1", "retry-after-ms", "120")::get,
                NOW);
        assertEquals(Duration.ofMillis(120), both.retryAfter(), "retry-after-ms is the exact figure");
    }

    @Test
    void everyHeaderOfA429AsTheSimulatorSendsIt() {
        ProviderRateLimits limits = ProviderRateLimits.from(Map.of("x-ratelimit-limit-requests", "500",
                "x-ratelimit-limit-tokens", "200000", "x-ratelimit-remaining-requests", "0",
                "x-ratelimit-remaining-tokens", "150000", "x-ratelimit-reset-requests", "1m0s",
                "x-ratelimit-reset-tokens", "15s")::get, NOW);
        assertEquals(new ProviderRateLimits(null, 500L, 200_000L, 0L, 150_000L, Duration.ofMinutes(1),
                Duration.ofSeconds(15)), limits);
        assertEquals(Duration.ofMinutes(1), limits.waitAfterRefusal(), "the exhausted limit's reset");
        assertTrue(ProviderRateLimits.from(Map.<String, String> of()::get, NOW).isEmpty());
    }

    @Test
    void aRefusalWaitsForRetryAfterElseTheLongestResetOfAnExhaustedLimit() {
        assertEquals(Duration.ofSeconds(2), new ProviderRateLimits(Duration.ofSeconds(2), null, null, 0L, 0L,
                Duration.ofMinutes(1), Duration.ofMinutes(6)).waitAfterRefusal());
        assertEquals(Duration.ofMinutes(6), new ProviderRateLimits(null, null, null, 0L, 0L, Duration.ofSeconds(1),
                Duration.ofMinutes(6)).waitAfterRefusal());
        assertEquals(Duration.ofSeconds(1), new ProviderRateLimits(null, null, null, 0L, 5000L,
                Duration.ofSeconds(1), Duration.ofMinutes(6)).waitAfterRefusal());
        assertNull(new ProviderRateLimits(null, null, null, 3L, 5000L, Duration.ofSeconds(1), Duration.ofMinutes(6))
                .waitAfterRefusal(), "nothing exhausted, nothing said: blind backoff");
    }
}
