package dev.seedforge.simulator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private static final long MS = 1_000_000L;

    private final AtomicLong clock = new AtomicLong(1_000 * MS);

    @Test
    void bucketAllowsABurstOfItsCapacityThenRefillsContinuously() {
        TokenBucket bucket = new TokenBucket(60, clock.get());
        for (int i = 0; i < 60; i++) {
            assertTrue(bucket.tryTake(1, clock.get()), "burst request " + i);
        }
        assertFalse(bucket.tryTake(1, clock.get()));
        assertEquals(1000, bucket.millisUntil(1, clock.get()), "60 per minute refill one per second");
        clock.addAndGet(500 * MS);
        assertFalse(bucket.tryTake(1, clock.get()));
        clock.addAndGet(500 * MS);
        assertTrue(bucket.tryTake(1, clock.get()));
        clock.addAndGet(10_000 * MS);
        assertEquals(10, bucket.remaining(clock.get()));
        assertEquals(50_000, bucket.millisUntilFull(clock.get()));
        clock.addAndGet(600_000 * MS);
        assertEquals(60, bucket.remaining(clock.get()), "never above capacity");
        assertEquals(0, bucket.millisUntilFull(clock.get()));
    }

    @Test
    void bucketRefusesWithoutTakingAnything() {
        TokenBucket bucket = new TokenBucket(1_000, clock.get());
        assertTrue(bucket.tryTake(900, clock.get()));
        assertFalse(bucket.tryTake(200, clock.get()));
        assertEquals(100, bucket.remaining(clock.get()));
        assertEquals(6_000, bucket.millisUntil(200, clock.get()), "100 missing at 1000/min");
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(0, 0));
    }

    @Test
    void durationsAreWrittenTheWayOpenAiWritesThem() {
        assertEquals("0ms", OpenAiDuration.format(0));
        assertEquals("120ms", OpenAiDuration.format(120));
        assertEquals("1s", OpenAiDuration.format(1_000));
        assertEquals("1.5s", OpenAiDuration.format(1_500));
        assertEquals("17.28s", OpenAiDuration.format(17_280));
        assertEquals("6m0s", OpenAiDuration.format(360_000));
        assertEquals("1m30.5s", OpenAiDuration.format(90_500));
        assertEquals("1h2m3s", OpenAiDuration.format(3_723_000));
    }

    @Test
    void requestsOverTheRequestLimitGetOpenAisMessageAndHeaders() {
        RateLimiter limiter = new RateLimiter(500, 200_000, clock::get);
        for (int i = 0; i < 500; i++) {
            assertTrue(limiter.acquire("sk-a", "gpt-4o-mini", 100).allowed(), "request " + i);
        }
        RateLimiter.RateLimitDecision refused = limiter.acquire("sk-a", "gpt-4o-mini", 100);
        assertFalse(refused.allowed());
        assertEquals(RateLimiter.REQUESTS, refused.limitType());
        assertEquals(120, refused.retryAfterMillis(), "one request refills every 120 ms at 500/min");
        assertEquals("Rate limit reached for gpt-4o-mini in organization org-seedforge on requests per min (RPM): "
                + "Limit 500, Used 500, Requested 1. Please try again in 120ms. Visit "
                + "https://platform.openai.com/account/rate-limits to learn more.", refused.message());
        assertEquals("1", refused.headers().get("retry-after"));
        assertEquals("120", refused.headers().get("retry-after-ms"));
        assertEquals("500", refused.headers().get("x-ratelimit-limit-requests"));
        assertEquals("200000", refused.headers().get("x-ratelimit-limit-tokens"));
        assertEquals("0", refused.headers().get("x-ratelimit-remaining-requests"));
        assertEquals("150000", refused.headers().get("x-ratelimit-remaining-tokens"));
        assertEquals("1m0s", refused.headers().get("x-ratelimit-reset-requests"));
        assertEquals("15s", refused.headers().get("x-ratelimit-reset-tokens"));

        assertTrue(limiter.acquire("sk-b", "gpt-4o-mini", 100).allowed(), "another key has its own buckets");
        clock.addAndGet(120 * MS);
        assertTrue(limiter.acquire("sk-a", "gpt-4o-mini", 100).allowed(), "after retry-after-ms it passes");
    }

    @Test
    void tokensOverTheTokenLimitAreRefusedOnTokensAndTakeNoRequest() {
        RateLimiter limiter = new RateLimiter(0, 10_000, clock::get);
        RateLimiter.RateLimitDecision first = limiter.acquire(null, "gpt-4o-mini", 9_000);
        assertTrue(first.allowed());
        assertEquals("1000", first.headers().get("x-ratelimit-remaining-tokens"));
        assertEquals("54s", first.headers().get("x-ratelimit-reset-tokens"));
        assertFalse(first.headers().containsKey("x-ratelimit-limit-requests"), "no request limit configured");
        RateLimiter.RateLimitDecision refused = limiter.acquire(null, "gpt-4o-mini", 2_000);
        assertFalse(refused.allowed());
        assertEquals(RateLimiter.TOKENS, refused.limitType());
        assertEquals(6_000, refused.retryAfterMillis());
        assertEquals("6", refused.headers().get("retry-after"));
        assertTrue(refused.message().contains("on tokens per min (TPM): Limit 10000, Used 9000, Requested 2000. "
                + "Please try again in 6s."), refused.message());
        assertTrue(limiter.acquire(null, "gpt-4o-mini", 1_000).allowed(), "the refused request took nothing");
        RateLimiter.RateLimitDecision tooLarge = limiter.acquire("sk-c", "gpt-4o-mini", 20_000);
        assertFalse(tooLarge.allowed());
        assertTrue(tooLarge.message().startsWith("Request too large for gpt-4o-mini"), tooLarge.message());
    }

    @Test
    void unlimitedLimiterAdmitsEverythingWithoutHeaders() {
        RateLimiter limiter = new RateLimiter(0, 0, clock::get);
        for (int i = 0; i < 10_000; i++) {
            assertTrue(limiter.acquire("k", "m", 1_000_000).allowed());
        }
        assertTrue(limiter.acquire("k", "m", 1).headers().isEmpty());
    }
}
