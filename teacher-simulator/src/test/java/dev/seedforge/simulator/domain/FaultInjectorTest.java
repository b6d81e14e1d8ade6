package dev.seedforge.simulator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class FaultInjectorTest {

    private static ChatInput request(int i) {
        return new ChatInput("gpt-4o-mini", List.of(new Turn("user", "request number " + i)), 0.9, null, null, null,
                null);
    }

    private static List<String> run(FaultInjector injector, int requests) {
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            FaultInjector.Outcome outcome = injector.decide(request(i));
            outcomes.add(outcome.fault() != null ? String.valueOf(outcome.fault().status())
                    : outcome.timesOut() ? "timeout" : "ok");
        }
        return outcomes;
    }

    @Test
    void faultsComeAtTheConfiguredRatesAndTheSameSeedGivesTheSameFaults() {
        FaultRates rates = new FaultRates(0.2, 0.1, 0.05, 1_000);
        List<String> outcomes = run(new FaultInjector(7, rates), 4_000);
        Map<String, Integer> counts = new HashMap<>();
        outcomes.forEach(o -> counts.merge(o.length() == 3 && o.startsWith("5") ? "5xx" : o, 1, Integer::sum));
        assertEquals(0.2, counts.getOrDefault("429", 0) / 4000.0, 0.02);
        assertEquals(0.1, counts.getOrDefault("5xx", 0) / 4000.0, 0.015);
        assertEquals(0.05, counts.getOrDefault("timeout", 0) / 4000.0, 0.01);
        assertTrue(outcomes.contains("500") && outcomes.contains("502") && outcomes.contains("503"), "all three");
        assertEquals(outcomes, run(new FaultInjector(7, rates), 4_000), "deterministic under the seed");
        assertTrue(!outcomes.equals(run(new FaultInjector(8, rates), 4_000)), "another seed, other faults");
    }

    @Test
    void aRetriedRequestGetsAFreshDraw() {
        FaultInjector injector = new FaultInjector(1, new FaultRates(0, 0.5, 0, 1_000));
        int failures = 0;
        for (int attempt = 0; attempt < 200; attempt++) {
            failures += injector.decide(request(0)).fault() == null ? 0 : 1;
        }
        assertTrue(failures > 60 && failures < 140, "about half of the retries fail: " + failures);
    }

    @Test
    void faultsLookLikeOpenAisAndTimeoutsExceedTheTimeout() {
        SimulatedFault storm = FaultInjector.storm("gpt-4o-mini", new SplittableRandom(3));
        assertEquals(429, storm.status());
        assertEquals("rate_limit_exceeded", storm.code());
        long ms = Long.parseLong(storm.headers().get("retry-after-ms"));
        assertTrue(ms >= 100 && ms < 2_000);
        assertEquals(String.valueOf((ms + 999) / 1000), storm.headers().get("retry-after"));
        assertTrue(storm.message().contains("Please try again in " + OpenAiDuration.format(ms)));
        SimulatedFault overloaded = FaultInjector.serverError(503);
        assertEquals("server_error", overloaded.type());
        assertNotNull(overloaded.message());

        FaultInjector timeouts = new FaultInjector(1, new FaultRates(0, 0, 1.0, 2_000));
        for (int i = 0; i < 50; i++) {
            long delay = timeouts.decide(request(i)).timeoutDelayMs();
            assertTrue(delay >= 3_000 && delay <= 5_000, "1.5 to 2.5 times the timeout: " + delay);
        }
        assertThrows(IllegalArgumentException.class, () -> new FaultRates(0.6, 0.5, 0, 1_000));
        assertEquals(FaultInjector.Outcome.NONE, new FaultInjector(1, FaultRates.NONE).decide(request(1)));
    }

    @Test
    void latencyGrowsWithOutputTokensWithinItsJitter() {
        LatencyModel model = new LatencyModel(400, 8, 200);
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 100; i++) {
            long millis = model.millis(500, random);
            assertTrue(millis >= 4_400 && millis <= 4_600, "400 + 8 * 500 + jitter: " + millis);
        }
        assertEquals(0, LatencyModel.NONE.millis(1_000, random));
    }
}
