package dev.seedforge.generator.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.seedforge.generator.TestGeneratorConfigs;
import dev.seedforge.support.llm.ProviderRateLimits;

/** The limiter's reaction to the provider's figures, without Quarkus. */
class TeacherRateLimiterTest {

    private static TeacherRateLimiter limiter(long rpm, long tpm, Duration maxPause) {
        return new TeacherRateLimiter(TestGeneratorConfigs.of(4, 200, rpm, tpm, maxPause));
    }

    private static ProviderRateLimits retryAfter(Duration wait) {
        return new ProviderRateLimits(wait, null, null, null, null, null, null);
    }

    @Test
    void a429ClosesTheWindowForEveryCallNotOnlyTheRefusedOne() throws Exception {
        TeacherRateLimiter limiter = limiter(0, 0, Duration.ofSeconds(60));
        Instant refused = Instant.now();
        limiter.onProviderAnswer(429, retryAfter(Duration.ofMillis(800)), refused);
        List<Future<Instant>> started = new ArrayList<>();
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 5; i++) {
                started.add(callers.submit(() -> {
                    limiter.acquire(() -> 100);
                    return Instant.now();
                }));
            }
            for (Future<Instant> start : started) {
                assertTrue(!start.get().isBefore(refused.plusMillis(800)), "a call started inside the window");
            }
        }
    }

    @Test
    void aLaterShorterRetryAfterNeverReopensTheWindowEarlyAndAnAbsurdOneIsCapped() {
        TeacherRateLimiter limiter = limiter(0, 0, Duration.ofSeconds(30));
        Instant now = Instant.now();
        limiter.onProviderAnswer(429, retryAfter(Duration.ofSeconds(5)), now);
        limiter.onProviderAnswer(429, retryAfter(Duration.ofSeconds(1)), now);
        assertEquals(now.plusSeconds(5), limiter.closedUntil());
        limiter.onProviderAnswer(429, retryAfter(Duration.ofDays(1)), now);
        assertEquals(now.plusSeconds(30), limiter.closedUntil());
        limiter.onProviderAnswer(200, retryAfter(Duration.ofMinutes(1)), now);
        assertEquals(now.plusSeconds(30), limiter.closedUntil(), "only a 429 closes the window");
    }

    @Test
    void theProvidersRemainingRequestsDrainTheLocalBucket() throws Exception {
        // 60 per minute: a full bucket lets 60 calls through at once; the provider says 0 are left, so the next
        // call waits for the refill (one per second) instead of going out into a 429
        TeacherRateLimiter limiter = limiter(60, 0, Duration.ofSeconds(60));
        limiter.onProviderAnswer(200, new ProviderRateLimits(null, 60L, null, 0L, null, Duration.ofSeconds(60),
                null), Instant.now());
        long start = System.nanoTime();
        limiter.acquire(() -> 1);
        long waitedMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(waitedMs >= 900, "waited only " + waitedMs + " ms");
    }

    @Test
    void theProviderNeverRaisesTheLocalBucket() throws Exception {
        // 120 per minute, all used: the provider's larger figure (another account's limit) must not add any
        TeacherRateLimiter limiter = limiter(120, 0, Duration.ofSeconds(60));
        long emptied = System.nanoTime();
        for (int i = 0; i < 120; i++) {
            limiter.acquire(() -> 1);
        }
        limiter.onProviderAnswer(200, new ProviderRateLimits(null, 500L, null, 499L, null, null, null),
                Instant.now());
        long start = System.nanoTime();
        limiter.acquire(() -> 1);
        long waitedMs = (System.nanoTime() - start) / 1_000_000;
        // one request comes back every 500 ms: on a busy machine part of that passes while the bucket is emptied
        long sinceEmptiedMs = (System.nanoTime() - emptied) / 1_000_000;
        assertTrue(sinceEmptiedMs >= 450, "the 121st call of the minute came " + sinceEmptiedMs
                + " ms after the first (waited " + waitedMs + " ms)");
    }

    @Test
    void thePromptIsCountedOnlyUnderATokensPerMinuteLimit() throws Exception {
        java.util.concurrent.atomic.AtomicInteger counted = new java.util.concurrent.atomic.AtomicInteger();
        limiter(500, 0, Duration.ofSeconds(60)).acquire(() -> counted.incrementAndGet());
        assertEquals(0, counted.get(), "no tokens-per-minute limit: nothing reads the estimate");
        limiter(500, 200_000, Duration.ofSeconds(60)).acquire(() -> counted.incrementAndGet());
        assertEquals(1, counted.get(), "under a tokens-per-minute limit the call's tokens are estimated once");
    }
}
